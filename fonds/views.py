"""Pages of the solidarity funds and of the e-APD. Thin: parse, call queries or services, render."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from atlas import figures
from atlas.queries import collectivity_of
from cuf_portal.exports import csv_response
from cuf_portal.uploads import attachment_response

from . import exports, panels, queries, services
from .forms import DeclarationLineForm, PledgeForm, StatisticsFilterForm, SubmitDeclarationForm
from .models import Campaign, CommitteeMeeting, Contribution, Declaration, DeclarationLine, Fund, LedgerEntry

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _error_text(error):
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def _collectivity_or_403(request):
    collectivity = collectivity_of(request.user)
    if collectivity is None:
        return None, render(request, "fonds/no_collectivity.html", status=403)
    return collectivity, None


# ---- Solidarity funds ----------------------------------------------------------------------

def index(request):
    return render(request, "fonds/index.html", {"funds": queries.fund_list()})


def fund_detail(request, slug):
    try:
        fund = queries.fund_detail(slug)
    except Fund.DoesNotExist as exc:
        raise Http404("Fonds introuvable") from exc
    return render(request, "fonds/fund.html", {
        "fund": fund,
        "donors": queries.fund_donors(fund),
        "allocations": queries.fund_allocations(fund),
        "updates": queries.fund_updates(fund),
        "meetings": queries.fund_meetings(fund),
        "recent_ledger": list(queries.ledger_entries(fund)[:10]),
        "can_pledge": fund.status == Fund.Status.OPEN,
    })


def fund_geojson(request, slug):
    fund = get_object_or_404(Fund, slug=slug)
    return JsonResponse(queries.allocations_geojson(fund))


def _ledger_filter(request):
    """The fund of ?fonds=, None for every fund; an unknown or malformed slug is a 404."""
    slug = request.GET.get("fonds") or ""
    if not slug:
        return None
    fund = Fund.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if fund is None:
        raise Http404("Fonds introuvable")
    return fund


def _ledger_label(entry):
    if entry.kind == LedgerEntry.Kind.RECEIPT:
        contribution = entry.contribution
        donor = contribution.collectivity.name if contribution.show_amount else "Une collectivité donatrice"
        return f"Versement de {donor}"
    return f"Allocation : {entry.allocation.title} ({entry.allocation.partner_organisation})"


def ledger(request):
    fund = _ledger_filter(request)
    entries = queries.ledger_entries(fund)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.label = _ledger_label(entry)
    return render(request, "fonds/ledger.html", {"page_obj": page, "fund": fund,
                                                  "funds": Fund.objects.only("name", "slug")})


def _entry_is_demo(entry):
    source = entry.contribution if entry.contribution_id else entry.allocation
    return entry.fund.is_demo or source.is_demo


def ledger_csv(request):
    fund = _ledger_filter(request)
    rows = ([e.date, e.fund.name, e.get_kind_display(), _ledger_label(e), e.amount, _entry_is_demo(e)]
            for e in queries.ledger_entries(fund))
    return csv_response(f"registre-fonds-{fund.slug if fund else 'tous'}.csv",
                         ["date", "fonds", "nature", "libelle", "montant_eur", "donnee_de_demonstration"], rows)


@login_required
def pledge(request, slug):
    fund = get_object_or_404(Fund, slug=slug)
    collectivity, refusal = _collectivity_or_403(request)
    if refusal:
        return refusal
    if fund.status != Fund.Status.OPEN:
        messages.error(request, "Ce fonds est clos : il ne reçoit plus de contributions.")
        return redirect(fund)
    form = PledgeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            contribution = services.pledge(fund, collectivity, form.cleaned_data["amount"],
                                           form.cleaned_data["decision_reference"],
                                           decision_file=form.cleaned_data["decision_file"],
                                           show_amount=form.cleaned_data["show_amount"], user=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "Merci ! Votre promesse de contribution est enregistrée. CUF confirmera "
                                      "la réception du versement.")
            return redirect("fonds:contribution", pk=contribution.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "fonds/pledge.html", {"fund": fund, "form": form, "collectivity": collectivity},
                  status=status)


@login_required
def my_contributions(request):
    collectivity, refusal = _collectivity_or_403(request)
    if refusal:
        return refusal
    return render(request, "fonds/my_contributions.html", {
        "collectivity": collectivity, "contributions": queries.contributions_of(collectivity)})


@login_required
def contribution_detail(request, pk):
    collectivity = collectivity_of(request.user)
    contribution = get_object_or_404(Contribution.objects.select_related("fund", "collectivity"),
                                     pk=pk, collectivity=collectivity)
    return render(request, "fonds/contribution.html", {
        "contribution": contribution,
        "changes": contribution.state_changes.select_related("by")})


def contribution_file(request, pk):
    """The council decision of a pledge: for its collectivity and for CUF staff only."""
    contributions = Contribution.objects.exclude(decision_file="")
    if not request.user.is_staff:
        contributions = contributions.filter(collectivity=collectivity_of(request.user))
    contribution = get_object_or_404(contributions, pk=pk)
    return attachment_response(contribution.decision_file, f"deliberation-{contribution.pk}")


def committee_minutes(request, pk):
    """The minutes of a donors' committee, public like the fund page."""
    meeting = get_object_or_404(CommitteeMeeting.objects.exclude(minutes=""), pk=pk)
    return attachment_response(meeting.minutes, f"proces-verbal-{meeting.starts_at:%Y-%m-%d}")


# ---- e-APD ---------------------------------------------------------------------------------

def eapd(request):
    today = timezone.localdate()
    campaign = queries.current_campaign(today)
    collectivity = collectivity_of(request.user)
    declaration = None
    if collectivity and campaign:
        declaration = Declaration.objects.filter(collectivity=collectivity, campaign=campaign).first()
    default_open, default_close = Campaign.default_window(today.year - 1)
    return render(request, "fonds/eapd.html", {
        "campaign": campaign, "is_open": bool(campaign and campaign.is_open_on(today)),
        "collectivity": collectivity, "declaration": declaration,
        "regular_window": (default_open, default_close), "today": today,
    })


@login_required
@require_POST
def declaration_start(request):
    collectivity, refusal = _collectivity_or_403(request)
    if refusal:
        return refusal
    campaign = services.open_campaign()
    if campaign is None:
        messages.error(request, "Aucune campagne de télédéclaration n'est ouverte aujourd'hui : la déclaration "
                                "se fait chaque année entre mai et juin.")
        return redirect("fonds:eapd")
    try:
        declaration = services.start_declaration(collectivity, campaign, user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("fonds:eapd")
    return redirect(declaration)


def _own_declaration(request, pk):
    collectivity = collectivity_of(request.user)
    return get_object_or_404(Declaration.objects.select_related("campaign", "collectivity"),
                             pk=pk, collectivity=collectivity)


def _declaration_page(request, declaration, line_form=None, submit_form=None, status=200):
    lines = list(queries.declaration_lines(declaration))
    today = timezone.localdate()
    editable = declaration.is_editable and (declaration.state == Declaration.State.RETURNED
                                            or declaration.campaign.is_open_on(today))
    membership = getattr(request.user, "collectivity_membership", None)
    return render(request, "fonds/declaration.html", {
        "declaration": declaration, "lines": lines, "total": sum((line.amount for line in lines), 0),
        "editable": editable, "campaign_open": declaration.campaign.is_open_on(today),
        "line_form": line_form or DeclarationLineForm(collectivity=declaration.collectivity),
        "submit_form": submit_form or SubmitDeclarationForm(initial={
            "declarant_name": declaration.declarant_name or request.user.get_full_name(),
            "declarant_function": declaration.declarant_function or (membership.function if membership else "")}),
        "changes": declaration.state_changes.select_related("by"),
    }, status=status)


@login_required
def declaration_detail(request, pk):
    return _declaration_page(request, _own_declaration(request, pk))


def _line_fields(form):
    return {k: form.cleaned_data[k] for k in ("label", "country", "category", "sector", "amount", "partner",
                                              "project")}


@login_required
def line_add(request, pk):
    declaration = _own_declaration(request, pk)
    if request.method != "POST":
        return redirect(declaration)
    form = DeclarationLineForm(request.POST, collectivity=declaration.collectivity)
    if form.is_valid():
        try:
            services.add_line(declaration, **_line_fields(form))
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "Ligne ajoutée.")
            return redirect(f"{declaration.get_absolute_url()}#lignes")
    return _declaration_page(request, declaration, line_form=form, status=400)


@login_required
def line_edit(request, pk, line_pk):
    declaration = _own_declaration(request, pk)
    line = get_object_or_404(DeclarationLine.objects.select_related("project"), pk=line_pk, declaration=declaration)
    form = DeclarationLineForm(request.POST or None, instance=line, collectivity=declaration.collectivity)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_line(line, **_line_fields(form))
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "Ligne modifiée.")
            return redirect(f"{declaration.get_absolute_url()}#lignes")
    if not declaration.is_editable:
        messages.error(request, "Cette déclaration a été soumise : elle n'est plus modifiable.")
        return redirect(declaration)
    return render(request, "fonds/line_form.html", {"declaration": declaration, "line": line, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def line_delete(request, pk, line_pk):
    declaration = _own_declaration(request, pk)
    line = get_object_or_404(DeclarationLine, pk=line_pk, declaration=declaration)
    if request.method == "POST":
        try:
            services.delete_line(line)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Ligne supprimée.")
        return redirect(f"{declaration.get_absolute_url()}#lignes")
    return render(request, "fonds/line_delete.html", {"declaration": declaration, "line": line})


@login_required
@require_POST
def declaration_submit(request, pk):
    declaration = _own_declaration(request, pk)
    form = SubmitDeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.submit_declaration(declaration, request.user, form.cleaned_data["declarant_name"],
                                        form.cleaned_data["declarant_function"], form.cleaned_data["attestation"])
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "Votre déclaration est soumise. Cités Unies France va la vérifier ; vous "
                                      "recevrez un courriel quand elle sera validée.")
            return redirect(declaration)
    return _declaration_page(request, declaration, submit_form=form, status=400)


@login_required
def my_declarations(request):
    collectivity, refusal = _collectivity_or_403(request)
    if refusal:
        return refusal
    return render(request, "fonds/my_declarations.html", {
        "collectivity": collectivity, "declarations": queries.declarations_of(collectivity),
        "campaign": services.open_campaign()})


STAT_TABLES = {
    "annees": ("by_year", "APD déclarée par année", "année"),
    "continents": ("by_continent", "APD par continent bénéficiaire", "continent"),
    "pays": ("by_country", "Principaux pays bénéficiaires", "pays"),
    "categories": ("by_category", "APD par catégorie", "catégorie"),
    "secteurs": ("by_sector", "APD par secteur CAD", "secteur CAD"),
    "collectivites": ("by_kind", "APD par type de collectivité", "type de collectivité"),
}


def _statistics_year(request):
    years = queries.declared_years()
    form = StatisticsFilterForm(request.GET or None, years=years)
    year = form.cleaned_data.get("annee") if form.is_valid() else None
    return form, year


def statistics(request):
    form, year = _statistics_year(request)
    # Aggregates of every validated line: computed once per version of the declarations (atlas.figures).
    version = figures.versions(figures.ATLAS, figures.EAPD)
    stats = figures.cached(f"apd-statistics:{year}", lambda: queries.apd_statistics(year), version=version)
    tables = [{"slug": slug, "rows": stats[key], "caption": caption, "label": label}
              for slug, (key, caption, label) in STAT_TABLES.items()]
    return render(request, "fonds/statistics.html", {
        "form": form, "year": year, "stats": stats, "tables": tables,
        "published": figures.cached("apd-reference-figures", queries.reference_figures, version=version),
        "chart": figures.cached(f"apd-choropleth:{year}", lambda: panels.apd_choropleth(
            _year_lines(year), f"APD déclarée par pays bénéficiaire{f' en {year}' if year else ' (toutes années)'}"),
            version=version),
    })


def _year_lines(year):
    lines = queries.validated_lines()
    return lines.filter(declaration__campaign=year) if year else lines


def statistics_csv(request, table):
    if table not in STAT_TABLES:
        raise Http404("Tableau inconnu")
    _form, year = _statistics_year(request)
    key, _caption, label = STAT_TABLES[table]
    rows = queries.apd_statistics(year)[key]
    return csv_response(f"apd-{table}{'-' + str(year) if year else ''}.csv", [label, "montant_eur"],
                        ([row[0], row[1]] for row in rows))


EXPORT_HEADER = ["annee", "declarant", "code_officiel_declarant", "type_declarant", "pays_iso2", "pays_iso3",
                 "pays", "secteur_cad", "categorie", "intitule", "collectivite_partenaire", "montant_eur",
                 "exemple_de_demonstration"]


def _export_year(request):
    """(year or None, None) from ?annee=, or (None, a 400 response) when it is not a plausible year."""
    raw = (request.GET.get("annee") or "").strip()
    if not raw:
        return None, None
    if len(raw) == 4 and raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw), None
    return None, HttpResponse("Année inconnue : indiquez une année sur quatre chiffres, par exemple 2024.",
                              status=400, content_type="text/plain; charset=utf-8")


def export_lines_csv(request):
    """Validated lines, one per row, in the shape the State and the OECD (CRS) ask for."""
    year, refusal = _export_year(request)
    if refusal:
        return refusal
    categories = dict(DeclarationLine.Category.choices)
    rows = ([line.declaration.campaign_id, line.declaration.collectivity.name,
             line.declaration.collectivity.code, line.declaration.collectivity.get_kind_display(),
             line.country.iso2, line.country.iso3, line.country.name, line.sector_id,
             categories[line.category], line.label, line.partner.name if line.partner else "",
             line.amount, "oui" if line.declaration.is_demo else "non"] for line in queries.export_lines(year))
    return csv_response(f"e-apd-lignes{'-' + str(year) if year else ''}.csv", EXPORT_HEADER, rows)


def export_lines_iati(request):
    """Validated lines as IATI 2.03 activities, published alongside the Atlas IATI export."""
    year, refusal = _export_year(request)
    if refusal:
        return refusal
    body = exports.iati_bytes(queries.export_lines(year), f"{request.scheme}://{request.get_host()}")
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(year)}"'
    return response
