"""Reads of the funds and of the e-APD that pages, panels and exports share.

Fund totals are sums of the ledger (received, allocated) and of the live contributions
(pledged); APD figures are sums of the lines of validated declarations only.
"""

from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from atlas.models import Collectivity

from .models import (
    Allocation,
    Campaign,
    CommitteeMeeting,
    Contribution,
    Declaration,
    DeclarationLine,
    Fund,
    LedgerEntry,
    ProgressUpdate,
    ReferenceFigure,
)

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2))
LIVE = ~Q(state=Contribution.State.CANCELLED)


def _sum_subquery(queryset, field="amount"):
    sub = queryset.order_by().values("fund").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(sub, output_field=DecimalField(max_digits=14, decimal_places=2)), ZERO)


def funds_with_totals():
    """Every fund with pledged, received, allocated, available, donor count and percent of target."""
    ledger = LedgerEntry.objects.filter(fund=OuterRef("pk"))
    contributions = Contribution.objects.filter(LIVE, fund=OuterRef("pk"))
    donors = (contributions.order_by().values("fund")
              .annotate(n=Count("collectivity", distinct=True)).values("n"))
    return (Fund.objects.select_related("country")
            .annotate(received=_sum_subquery(ledger.filter(kind=LedgerEntry.Kind.RECEIPT)),
                      allocated=_sum_subquery(ledger.filter(kind=LedgerEntry.Kind.ALLOCATION)),
                      pledged=_sum_subquery(contributions),
                      donor_count=Coalesce(Subquery(donors, output_field=IntegerField()), Value(0))))


def with_progress(fund):
    """Add `available` and `percent` (received against target, capped at 100) to an annotated fund."""
    fund.available = fund.received - fund.allocated
    fund.percent = min(100, int(fund.received * 100 / fund.target)) if fund.target else None
    return fund


def fund_list():
    return [with_progress(f) for f in funds_with_totals()]


def open_funds():
    return [with_progress(f) for f in funds_with_totals().filter(status=Fund.Status.OPEN)]


def fund_detail(slug):
    """The fund with its totals, or raises Fund.DoesNotExist."""
    return with_progress(funds_with_totals().get(slug=slug))


def fund_donors(fund):
    """Donor collectivities with their total (live contributions); amount hidden unless every gift agreed."""
    rows = (Contribution.objects.filter(LIVE, fund=fund).values("collectivity__name", "collectivity__slug")
            .annotate(total=Sum("amount"), shown=Count("id", filter=Q(show_amount=True)), gifts=Count("id"),
                      received=Sum("amount", filter=Q(state=Contribution.State.RECEIVED)),
                      demo=Count("id", filter=Q(is_demo=True)))
            .order_by("collectivity__name"))
    return [{"name": r["collectivity__name"], "slug": r["collectivity__slug"],
             "amount": r["total"] if r["shown"] == r["gifts"] else None,
             "has_received": bool(r["received"]), "is_demo": bool(r["demo"])} for r in rows]


def fund_allocations(fund):
    return list(Allocation.objects.filter(fund=fund).order_by("-decided_on", "id"))


def fund_updates(fund):
    return list(ProgressUpdate.objects.filter(fund=fund).select_related("allocation"))


def fund_meetings(fund):
    return list(CommitteeMeeting.objects.filter(fund=fund))


def ledger_entries(fund=None):
    """The public ledger (newest first) with what each line needs to be shown."""
    entries = LedgerEntry.objects.select_related("fund", "contribution__collectivity", "allocation")
    if fund is not None:
        entries = entries.filter(fund=fund)
    return entries.order_by("-date", "-id")


def allocations_geojson(fund):
    features = []
    for allocation in Allocation.objects.filter(fund=fund, latitude__isnull=False, longitude__isnull=False):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [allocation.longitude, allocation.latitude]},
            "properties": {"name": allocation.title, "url": f"{fund.get_absolute_url()}#projet-{allocation.pk}",
                           "kind": "partner",
                           "popup": f"{allocation.partner_organisation} — {allocation.place} "
                                    f"({allocation.get_status_display().lower()}, {allocation.progress} %)"},
        })
    return {"type": "FeatureCollection", "features": features}


def contributions_of(collectivity):
    return (Contribution.objects.filter(collectivity=collectivity).select_related("fund")
            .order_by("-pledged_on", "-id"))


# ---- e-APD ---------------------------------------------------------------------------------

def current_campaign(today=None):
    """The open campaign, else the next one to open, else the latest."""
    today = today or timezone.localdate()
    campaigns = Campaign.objects.all()
    return (campaigns.filter(opens_on__lte=today, closes_on__gte=today).order_by("-year").first()
            or campaigns.filter(opens_on__gt=today).order_by("opens_on").first()
            or campaigns.order_by("-year").first())


def declaration_status(collectivity, today=None):
    """(up to date, campaign shown, is demo) for the "déclaration à jour" mark of a collectivity.

    A collectivity is up to date when its declaration is validated for the campaign open today
    or for the last campaign already closed: while a campaign is open, a collectivity that
    declared the previous year is not late yet. When it is not up to date, the campaign shown
    is the last closed one (what it owes), or the open one when none has closed yet. `is demo` is
    True when the validated declaration that makes it up to date is demonstration content: the
    panel then says "exemple", never "à jour".
    """
    today = today or timezone.localdate()
    started = list(Campaign.objects.filter(opens_on__lte=today).order_by("-year")[:2])
    open_now = next((c for c in started if c.closes_on >= today), None)
    closed = next((c for c in started if c.closes_on < today), None)
    candidates = [c for c in (open_now, closed) if c is not None]
    if not candidates:
        return False, None, False
    validated = dict(Declaration.objects.filter(
        collectivity=collectivity, campaign__in=[c.year for c in candidates],
        state=Declaration.State.VALIDATED).values_list("campaign", "is_demo"))
    for campaign in candidates:
        if campaign.year in validated:
            return True, campaign, validated[campaign.year]
    return False, closed or open_now, False


def declarations_of(collectivity):
    return (Declaration.objects.filter(collectivity=collectivity).select_related("campaign")
            .annotate(total=Coalesce(Sum("lines__amount"), ZERO), line_count=Count("lines"))
            .order_by("-campaign"))


def declaration_lines(declaration):
    return (declaration.lines.select_related("country", "sector", "partner", "project").order_by("id"))


def validated_lines():
    return DeclarationLine.objects.filter(declaration__state=Declaration.State.VALIDATED)


def apd_by_year(lines):
    return list(lines.values_list("declaration__campaign").annotate(total=Sum("amount"))
                .order_by("-declaration__campaign"))


def apd_by_year_with_demo(lines):
    """[(year, total, demonstration lines in it)], in the same single query as apd_by_year."""
    return list(lines.values_list("declaration__campaign")
                .annotate(total=Sum("amount"), demo=Count("id", filter=Q(declaration__is_demo=True)))
                .order_by("-declaration__campaign"))


def _grouped(lines, label, *extra, order_by_total=True, limit=None):
    rows = lines.values(label, *extra).annotate(total=Sum("amount"))
    rows = rows.order_by("-total", label) if order_by_total else rows.order_by(label)
    return list(rows[:limit] if limit else rows)


def apd_per_country(lines):
    """(ISO numeric, name, total, Atlas country page) per beneficiary country: the APD choropleths."""
    rows = lines.values("country__numeric", "country__name", "country__slug").annotate(total=Sum("amount"))
    return [(r["country__numeric"], r["country__name"], r["total"], reverse("atlas:country", args=[r["country__slug"]]))
            for r in rows if r["country__slug"]]


def apd_statistics(year=None):
    """Aggregates of validated declarations (optionally one year) for the statistics page and CSV."""
    lines = validated_lines()
    if year:
        lines = lines.filter(declaration__campaign=year)
    kinds = dict(Collectivity.Kind.choices)
    categories = dict(DeclarationLine.Category.choices)
    totals = lines.aggregate(total=Coalesce(Sum("amount"), ZERO), lines=Count("id"),
                             declarants=Count("declaration__collectivity", distinct=True),
                             demo_lines=Count("id", filter=Q(declaration__is_demo=True)))
    return {
        "totals": totals,
        "by_year": [(str(y), t) for y, t in apd_by_year(validated_lines())],
        "by_continent": [(r["country__continent__name"], r["total"])
                         for r in _grouped(lines, "country__continent__name")],
        "by_country": [(r["country__name"], r["total"], reverse("atlas:country", args=[r["country__slug"]]))
                       for r in _grouped(lines, "country__name", "country__iso2", "country__slug", limit=15)],
        "by_category": [(categories.get(r["category"], r["category"]), r["total"])
                        for r in _grouped(lines, "category")],
        "by_sector": [(f'{r["sector__code"]} — {r["sector__label"]}', r["total"])
                      for r in _grouped(lines, "sector__code", "sector__label")],
        "by_kind": [(kinds.get(r["declaration__collectivity__kind"], r["declaration__collectivity__kind"]),
                     r["total"]) for r in _grouped(lines, "declaration__collectivity__kind")],
    }


def declared_years():
    return list(validated_lines().values_list("declaration__campaign", flat=True).distinct()
                .order_by("-declaration__campaign"))


def reference_figures(continent=None, scope=None):
    figures = ReferenceFigure.objects.select_related("continent")
    if continent is not None:
        figures = figures.filter(continent=continent)
    if scope is not None:
        figures = figures.filter(scope=scope)
    return list(figures.order_by("-year"))


def export_lines(year=None):
    """Validated lines for the State and the OECD, one row per line."""
    lines = (validated_lines().select_related("declaration__collectivity", "country", "sector", "partner",
                                              "project")
             .order_by("declaration__campaign", "declaration__collectivity__name", "id"))
    if year:
        lines = lines.filter(declaration__campaign=year)
    return lines
