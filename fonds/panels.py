"""Panels the funds and the e-APD show on pages of other apps (see cuf_portal.panels).

Atlas pages show the APD of validated declarations only; the Asia continent panel and the
world panel also show the published reference figures, labelled as such.
"""

from django.db.models import Count, Q
from django.utils import timezone

from atlas import figures
from atlas.choropleth import choropleth
from atlas.queries import collectivity_of
from cuf_portal import panels

from . import queries
from .models import ReferenceFigure


def _apd_context(lines, title, **extra):
    years = queries.apd_by_year_with_demo(lines)
    if not years and not extra.get("published") and not extra.get("always"):
        return None
    return {"title": title, "years": years, "has_demo": any(demo for _, _, demo in years), **extra}


def _cached_apd(request, key, compute):
    """An APD panel of an Atlas page, computed once per version of the declarations and of the Atlas
    (names of places): exact on every worker after a validation (atlas.figures). The versions are those
    the page read (figures.request_versions: no second query)."""
    scopes = (figures.ATLAS, figures.EAPD)
    return figures.cached(f"apd-panel:{key}", compute, scopes=scopes,
                          version=figures.request_versions(request, *scopes))


def apd_choropleth(lines, caption, slug="apd-par-pays"):
    """The choropleth of the APD declared (validated declarations) per beneficiary country."""
    return choropleth(queries.apd_per_country(lines), slug=slug, caption=caption,
                      value_label="APD déclarée", money=True)


def world(request, **kwargs):
    return _cached_apd(request, "world", lambda: _apd_context(
        queries.validated_lines(), "Aide publique au développement des collectivités françaises",
        published=queries.reference_figures(scope=ReferenceFigure.Scope.ALL),
        chart=apd_choropleth(queries.validated_lines(), "APD déclarée par pays bénéficiaire (toutes années)")))


def continent(request, continent, **kwargs):
    return _cached_apd(request, f"continent:{continent.pk}", lambda: _apd_context(
        queries.validated_lines().filter(country__continent=continent),
        f"Aide publique au développement déclarée — {continent.name}",
        published=queries.reference_figures(continent=continent)))


def country(request, country, **kwargs):
    return _cached_apd(request, f"country:{country.pk}", lambda: _apd_context(
        queries.validated_lines().filter(country=country),
        f"Aide publique au développement déclarée vers ce pays ({country.name})"))


def region(request, region, **kwargs):
    return _cached_apd(request, f"region:{region.pk}", lambda: _apd_context(
        queries.validated_lines().filter(declaration__collectivity__region=region),
        f"APD déclarée par les collectivités de la région ({region.name})"))


def department(request, department, **kwargs):
    return _cached_apd(request, f"department:{department.pk}", lambda: _apd_context(
        queries.validated_lines().filter(declaration__collectivity__department=department),
        f"APD déclarée par les collectivités du département ({department.name})"))


def collectivity(request, collectivity, **kwargs):
    if not collectivity.is_french:
        return None
    # The "à jour" mark depends on the day (campaign open or closed): today is part of the key.
    today = timezone.localdate()

    def compute():
        lines = queries.validated_lines().filter(declaration__collectivity=collectivity)
        up_to_date, last, is_demo = queries.declaration_status(collectivity, today=today)
        return _apd_context(lines, "Aide publique au développement déclarée (e-APD)", always=True,
                            up_to_date=up_to_date, last_campaign=last, mark_is_demo=is_demo, show_mark=True)

    return _cached_apd(request, f"collectivity:{collectivity.pk}:{today.isoformat()}", compute)


def home(request, **kwargs):
    """The open funds and their progress, computed once per version of the funds' tables (and of the
    Atlas: a fund names its country): a gift or a receipt shows at once, on every worker."""
    scopes = (figures.ATLAS, figures.FONDS)
    funds = figures.cached("home-open-funds", queries.open_funds, scopes=scopes,
                           version=figures.request_versions(request, *scopes))
    return {"funds": funds} if funds else None


def account(request, **kwargs):
    mine = collectivity_of(getattr(request, "user", None))
    if mine is None:
        return None
    declarations = list(queries.declarations_of(mine)[:5])
    contributions = list(queries.contributions_of(mine)[:5])
    counts = queries.contributions_of(mine).aggregate(
        pending=Count("id", filter=Q(state="pledged")), received=Count("id", filter=Q(state="received")))
    return {"collectivity": mine, "declarations": declarations, "contributions": contributions, "counts": counts,
            "campaign": queries.current_campaign()}


def register():
    panels.register("atlas_world", "fonds/panels/apd.html", world)
    panels.register("atlas_continent", "fonds/panels/apd.html", continent)
    panels.register("atlas_country", "fonds/panels/apd.html", country)
    panels.register("atlas_region", "fonds/panels/apd.html", region)
    panels.register("atlas_department", "fonds/panels/apd.html", department)
    panels.register("atlas_collectivity", "fonds/panels/apd.html", collectivity)
    panels.register("home", "fonds/panels/home.html", home, order=30, scopes=(figures.ATLAS, figures.FONDS))
    panels.register("account", "fonds/panels/account.html", account)
