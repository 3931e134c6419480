"""Public pages of the Atlas: search with exports, fiches, navigation levels, statistics, maps."""

import gzip
import hashlib

from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.decorators.http import condition

from . import exports, figures, queries
from .choropleth import choropleth
from .filters import ProjectFilter
from .models import Collectivity, Continent, Country, Department, Region
from .published import published_figures

PAGE_SIZE = 20
# Partner collectivities listed per page on a country or collectivity page: the heaviest ones have
# hundreds, which made pages of 100–300 KB; the rest is one link away (?partenaires=2), without JS.
PARTNERS_PAGE_SIZE = 50
PARTNERS_PARAM = "partenaires"


def _page(request, queryset, per_page=PAGE_SIZE, count=None, param="page"):
    """The requested page; past the end gives the last page, a non-number the first.
    `count`, when the page already knows how many rows the queryset has, saves the COUNT query."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(request.GET.get(param))


def _page_key(request, param="page"):
    """The page number as the cached fragments of a list are keyed by (bounded: it comes from the URL)."""
    return (request.GET.get(param) or "1")[:12]


def _project_page(request, queryset, count=None):
    """A page of the fiche list (atlas/includes/project_list.html), its rows as plain values."""
    return queries.list_page(_page(request, queryset.only(*queries.LIST_FIELDS), count=count))


def _lazy(compute, *args, **kwargs):
    """A value computed only if the template uses it: the figures of the pages below are read inside
    {% cache %} fragments keyed by the data version, so on a hit their queries never run."""
    return SimpleLazyObject(lambda: compute(*args, **kwargs))


def _figures_context(request, **extra):
    """The data version the page's cached fragments are keyed by (atlas.figures), and the page number."""
    version = figures.request_versions(request, figures.ATLAS)
    return {"figures_version": figures.fragment_key(version, translation.get_language()),
            "figures_timeout": figures.fragment_timeout(version),
            "page_key": _page_key(request), "partners_page_key": _page_key(request, PARTNERS_PARAM), **extra}


def _cached_blocks(request, name, pk, context):
    """{figures, lists} HTML of a country or collectivity page (atlas/includes/<name>_figures.html and
    _lists.html), rendered once per data version, release, language, place and pair of page numbers,
    and read back in ONE cache read: on the database cache each read is a round trip, and these pages'
    budget is a few of them. The blocks hold no user-specific part (no CSRF, no panel, no message)."""
    pages = hashlib.sha256(f"{context['page_key']}|{context['partners_page_key']}".encode()).hexdigest()[:16]

    def render_blocks():
        return {part: render_to_string(f"atlas/includes/{name}_{part}.html", context, request)
                for part in ("figures", "lists")}

    if context["figures_version"] is None:  # no data version (a flushed database): nothing is cached
        return render_blocks()
    return figures.cached(f"atlas-{name}-blocks:{pk}:{pages}", render_blocks, version=context["figures_version"])


def _base_url(request):
    return f"{request.scheme}://{request.get_host()}"


def _query_without(request, *names):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query


# Always shown above the results; the other criteria fold into "Filtres avancés".
MAIN_CRITERIA = ("q", "country", "theme", "sort")


def _form_parts(form):
    """The search form split into its main fields and the advanced ones (open when one is used or wrong)."""
    advanced = [form[name] for name in form.fields if name not in MAIN_CRITERIA]
    return {"main_fields": [form[name] for name in MAIN_CRITERIA], "advanced_fields": advanced,
            "advanced_open": any(field.errors or field.value() not in (None, "") for field in advanced),
            "advanced_used": sum(1 for field in advanced if field.value() not in (None, ""))}


def search(request):
    """/atlas/: keywords and filters in the query string; `format=` turns the same search into an export."""
    export_format = request.GET.get("format")
    if export_format is not None and export_format not in exports.FORMATS:
        return HttpResponseBadRequest(
            "Format d'export inconnu : choisissez csv, xlsx, geojson ou iati.",
            content_type="text/plain; charset=utf-8")
    query = _query_without(request, "format", "page")
    if export_format is None:
        return _search_page(request, query)
    filterset = ProjectFilter(query, queryset=queries.published_projects())
    if not filterset.is_valid():
        errors = " ".join(f"{filterset.form.fields[name].label} : {' '.join(errs)}"
                          for name, errs in filterset.form.errors.items())
        return HttpResponseBadRequest(f"Recherche invalide. {errors}", content_type="text/plain; charset=utf-8")
    results = filterset.qs
    if export_format == "csv":
        return exports.csv_response(results, _base_url(request))
    if export_format == "xlsx":
        return exports.xlsx_response(results, _base_url(request))
    if export_format == "iati":
        return exports.iati_response(results, _base_url(request))
    if not filterset.active_filters():
        return all_projects_geojson(request)
    data = exports.geojson_response(exports.collectivity_points(results)).content
    return _json_response(request, (data, gzip.compress(data, compresslevel=6)), "application/geo+json")


SEARCH_TIMEOUT = 60 * 60  # a result page of an old data version is never read again; let it age out soon


def _search_page(request, query):
    """The search page. Its form and results are the same for everyone who asks the same query string
    under the same data version (atlas.figures: every table a criterion or a result reads bumps it),
    so their HTML is cached under (version, language, query string); a hit runs no search query at all
    and a write shows at once, under a new version. Invalid searches are answered without the cache."""
    version = figures.versions(figures.ATLAS)
    raw_query = request.GET.copy()
    raw_query.pop("format", None)
    key = (f"atlas-search:{figures.release()}:{translation.get_language()}:"
           f"{hashlib.sha256(raw_query.urlencode().encode()).hexdigest()}")
    search = figures.cached(key, lambda: _render_search(request, query, version), version=version,
                            timeout=SEARCH_TIMEOUT, store=lambda value: not value["invalid"])
    paginator = Paginator([], PAGE_SIZE)
    paginator.count = search["count"]
    page_obj = Page(search["rows"], search["number"], paginator) if not search["invalid"] else None
    return render(request, "atlas/search.html", {
        "search": search, "invalid": search["invalid"], "count": search["count"], "page_obj": page_obj,
        "form": search.get("form"), "search_query": query.urlencode(), "points_url": search.get("points_url", ""),
    }, status=400 if search["invalid"] else 200)


def _render_search(request, query, version):
    """Run the search and render its form and results: {form_html, results_html, count, number, rows,
    invalid} (plus the unpicklable `form` of an invalid search, which is never cached)."""
    filterset = ProjectFilter(query, queryset=queries.published_projects())
    if not filterset.is_valid():
        context = {"form": filterset.form, "invalid": True, **_form_parts(filterset.form)}
        return {"form_html": render_to_string("atlas/includes/search_form.html", context, request),
                "results_html": render_to_string("atlas/includes/search_results.html", context, request),
                "invalid": True, "count": 0, "number": 1, "rows": [], "form": filterset.form}
    page_obj = queries.list_page(queries.counted_page(filterset.qs.only(*queries.LIST_FIELDS),
                                                      request.GET.get("page"), PAGE_SIZE,
                                                      filtered=bool(filterset.active_filters())))
    count = page_obj.paginator.count
    search_query = query.urlencode()
    context = {
        "form": filterset.form, "page_obj": page_obj, "count": count, **_form_parts(filterset.form),
        "criteria": filterset.criteria(), "relaxations": filterset.relaxations() if count == 0 else [],
        "search_query": search_query,
        "export_links": [(fmt, label, f"?{search_query}&format={fmt}" if search_query else f"?format={fmt}")
                         for fmt, label in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("geojson", "GeoJSON"),
                                            ("iati", "IATI 2.03 (XML)"))],
        "geojson_url": f"{reverse('atlas:index')}?{search_query}&format=geojson" if search_query else "",
        "points_url": "" if search_query else map_points_url(version),
        "lines_url": f"{reverse('atlas:lines')}?{search_query}" if count <= exports.LINES_LIMIT else "",
    }
    return {"form_html": render_to_string("atlas/includes/search_form.html", context, request),
            "results_html": render_to_string("atlas/includes/search_results.html", context, request),
            "invalid": False, "count": count, "number": page_obj.number, "rows": list(page_obj.object_list),
            "points_url": context["points_url"] if count else ""}


def lines_geojson(request):
    """Links between French and partner collectivities of a search (empty beyond LINES_LIMIT projects)."""
    filterset = ProjectFilter(_query_without(request, "format", "page"), queryset=queries.published_projects())
    if not filterset.is_valid():
        return HttpResponseBadRequest("Recherche invalide.", content_type="text/plain; charset=utf-8")
    data = exports.geojson_response(exports.partner_lines(filterset.qs)).content
    return _json_response(request, (data, gzip.compress(data, compresslevel=6)), "application/geo+json")


def _version(request):
    """The data version, computed once per request (ETag, Last-Modified and cache key share it)."""
    if not hasattr(request, "_atlas_version"):
        request._atlas_version = exports.all_projects_version()
    return request._atlas_version


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _json_response(request, bodies, content_type):
    """A JSON body given as (plain, gzip) bytes: the compressed one when the client accepts it.
    Only JSON is compressed this way; HTML pages, which carry a CSRF token next to what the user
    typed, stay uncompressed (BREACH)."""
    plain, compressed = bodies
    if _accepts_gzip(request):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(plain, content_type=content_type)
    response["Vary"] = "Accept-Encoding"
    return response


@condition(etag_func=lambda request: _version(request)[1], last_modified_func=lambda request: _version(request)[0])
def all_projects_geojson(request):
    """Every collectivity of a published project, cached per data version; 304 on revisit."""
    etag = _version(request)[1]
    bodies = figures.cached(f"all-projects-geojson:{etag}",
                            lambda: exports.compressed(exports.all_projects_geojson(etag)))
    response = _json_response(request, bodies, "application/geo+json")
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response


def map_points_url(version=None):
    """URL of the light map data for the current data version (`version`, when the caller has read it):
    a new URL after every change, so the browser may keep each one for a year."""
    version = version or figures.versions(figures.ATLAS)
    return f"{reverse('atlas:map_points')}?{urlencode({'v': version or ''})}"


def map_points(request):
    """Every collectivity of a published fiche as compact points (exports.map_points_body), gzip,
    cached for a year when asked under the current version (?v=), revalidated (ETag) otherwise."""
    version = figures.versions(figures.ATLAS)
    etag = f'"{version}"' if version else None
    if etag and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        bodies = figures.cached("map-points", lambda: exports.compressed(exports.map_points_body()),
                                version=version)
        response = _json_response(request, bodies, "application/json")
    if etag:
        response["ETag"] = etag
    current = version and request.GET.get("v") == version
    response["Cache-Control"] = ("public, max-age=31536000, immutable" if current
                                 else "public, max-age=0, must-revalidate")
    return response


def map_point(request, pk):
    """The popup of one point of the light map, fetched when the user opens it."""
    detail = figures.cached(f"map-point:{pk}", lambda: exports.map_point_detail(pk))
    if detail is None:
        raise Http404("Aucune collectivité publiée sous ce numéro.")
    response = JsonResponse(detail)
    response["Cache-Control"] = "public, max-age=300"
    return response


FICHE_PARTS = ("title", "description", "breadcrumb", "content")


def _fiche_parts(request, slug):
    """The HTML of each part of a fiche page (atlas/includes/project_parts.html); 404 if `slug` names no
    fiche this user may see."""
    fiche = queries.project_detail(slug, request.user)
    show_contacts = queries.can_see_contacts(request.user)
    participations = list(fiche.participations.all())
    context = {
        "project": fiche, "lead": next((p.collectivity for p in participations if p.is_lead), None),
        "french": [p for p in participations if p.is_french],
        "partners": [p for p in participations if not p.is_french],
        "contacts": queries.project_contacts(fiche) if show_contacts else None,
        "show_contacts": show_contacts,
        "funding_total": sum(line.amount for line in fiche.funding_lines.all()),
    }
    return {part: render_to_string(f"atlas/includes/project_parts.html#{part}", context, request)
            for part in FICHE_PARTS}


def project(request, slug):
    """A fiche. A visitor without an account sees the same page as every other (published fiches only,
    no contacts): its parts are rendered once per data version, release and language, and read back in
    one cache read. A logged-in user's page (contacts, own unpublished fiches) is rendered each time. An
    unknown slug is never cached."""
    if request.user.is_authenticated:
        parts = _fiche_parts(request, slug)
    else:
        key = figures.fragment_key(figures.request_versions(request, figures.ATLAS), translation.get_language())
        name = f"fiche:{hashlib.sha256(slug.encode()).hexdigest()[:24]}"
        parts = (figures.cached(name, lambda: _fiche_parts(request, slug), version=key) if key
                 else _fiche_parts(request, slug))
    return render(request, "atlas/project.html", {"parts": parts})


def _fiches_choropleth(slug, caption, **country_filter):
    return choropleth(queries.projects_per_country(**country_filter), slug=slug, caption=caption,
                      value_label="fiches")


def world(request):
    return render(request, "atlas/world.html", _figures_context(
        request, levels=_lazy(queries.world_levels), figures=_lazy(queries.level_figures),
        chart=_lazy(_fiches_choropleth, "fiches-par-pays", "Fiches-projets par pays partenaire"),
        points_url=map_points_url()))


def continent(request, slug):
    place = get_object_or_404(Continent, slug=slug)
    return render(request, "atlas/continent.html", _figures_context(
        request, continent=place, levels=_lazy(queries.continent_levels, place),
        figures=_lazy(queries.level_figures, country__continent=place),
        chart=_lazy(_fiches_choropleth, "fiches-par-pays", f"Fiches-projets par pays partenaire — {place.name}",
                    continent=place)))


def _partners_page(request, queryset, count=None):
    """A page of partner collectivities (PARTNERS_PAGE_SIZE, ?partenaires=), each with its `row_url`."""
    page_obj = _page(request, queryset, PARTNERS_PAGE_SIZE, count=count, param=PARTNERS_PARAM)
    collectivity_url = queries.url_maker("atlas:collectivity")
    rows = list(page_obj.object_list)
    for partner in rows:
        partner.row_url = collectivity_url(partner.slug)
    page_obj.object_list = rows
    return page_obj


def country(request, slug):
    place = get_object_or_404(Country.objects.select_related("continent"), slug=slug)
    if place.iso2 == "FR":
        raise Http404("La France se parcourt par région et département.")
    projects = queries.projects_with_partner_in(country=place)
    place_figures = _lazy(queries.level_figures, country=place)
    context = _figures_context(
        request, country=place, figures=place_figures,
        # The partners the figures count are exactly those listed: their number saves the COUNT.
        partners=_lazy(lambda: _partners_page(request, queries.partner_collectivities(place),
                                              count=place_figures["partners"])),
        themes=_lazy(lambda: list(queries.themes_of(projects.values("pk")))),
        # The fiches with a partner in the country are exactly those the figures count.
        page_obj=_lazy(lambda: _project_page(request, projects.order_by("title", "pk"),
                                             count=place_figures["projects"])),
        search_url=f"{reverse('atlas:index')}?{urlencode({'country': place.slug})}",
        geojson_url=f"{reverse('atlas:index')}?{urlencode({'country': place.slug, 'format': 'geojson'})}",
    )
    context["blocks"] = _cached_blocks(request, "country", place.pk, context)
    return render(request, "atlas/country.html", context)


def _french_area(request, template, lookup, context):
    projects = queries.projects_of_french(**lookup)
    context.update(_figures_context(
        request,
        collectivities=_lazy(lambda: list(queries.french_collectivities_engaged(**lookup))),
        countries=_lazy(lambda: list(queries.partner_countries_of(projects)[:30])),
        themes=_lazy(lambda: list(queries.themes_of(projects.values("pk")))),
        projects_count=_lazy(projects.count),
        page_obj=_lazy(lambda: _project_page(request, projects.order_by("title", "pk"))),
    ))
    return render(request, template, context)


def region(request, slug):
    place = get_object_or_404(Region, slug=slug)
    return _french_area(request, "atlas/region.html", {"region": place}, {
        "region": place, "departments": place.departments.all(),
        "search_url": f"{reverse('atlas:index')}?{urlencode({'region': place.slug})}"})


def department(request, slug):
    place = get_object_or_404(Department.objects.select_related("region"), slug=slug)
    return _french_area(request, "atlas/department.html", {"department": place}, {
        "department": place,
        "search_url": f"{reverse('atlas:index')}?{urlencode({'department': place.slug})}"})


LOOKUP_SIDES = {"fr": True, "partenaire": False}


def collectivity_lookup(request):
    """Find a collectivity by part of its name, its COG code or SIREN: JSON for the pickers, a page without JS."""
    text = request.GET.get("q", "")[:100]
    french = LOOKUP_SIDES.get(request.GET.get("cote", ""))
    found = list(queries.collectivity_lookup(text, french=french)) if text.strip() else []
    if request.GET.get("format") == "json":
        return JsonResponse({"results": [
            {"slug": c.slug, "name": c.name, "label": queries.collectivity_label(c), "url": c.get_absolute_url()}
            for c in found]})
    return render(request, "atlas/collectivity_lookup.html", {
        "q": text, "results": [(c, queries.collectivity_label(c)) for c in found], "side": request.GET.get("cote", "")})


def collectivity_by_siren(request, siren):
    """A stable link by SIREN (e-APD declarations, groups): permanent redirect to the page."""
    return redirect(get_object_or_404(Collectivity.objects.only("slug"), siren=siren), permanent=True)


def collectivity(request, slug):
    place = get_object_or_404(
        Collectivity.objects.select_related("country__continent", "region", "department", "epci"), slug=slug)
    param = "collectivity" if place.is_french else "partner"
    projects = queries.published_projects().filter(participations__collectivity=place)
    show_contacts = queries.can_see_contacts(request.user)
    context = _figures_context(
        request, collectivity=place,
        page_obj=_lazy(lambda: _project_page(request, projects.order_by("title", "pk"))),
        partners=_lazy(lambda: _partners_page(request, queries.collectivity_partners(place))),
        show_contacts=show_contacts,
        contacts=list(queries.collectivity_contacts(place)) if show_contacts else None,
        search_url=f"{reverse('atlas:index')}?{urlencode({param: place.slug})}",
        geojson_url=f"{reverse('atlas:index')}?{urlencode({param: place.slug, 'format': 'geojson'})}",
        lines_url=f"{reverse('atlas:lines')}?{urlencode({param: place.slug})}",
    )
    context["blocks"] = _cached_blocks(request, "collectivity", place.pk, context)
    return render(request, "atlas/collectivity.html", context)


def _statistics():
    return {
        "figures": queries.key_figures(),
        "by_continent": [(label, n, reverse("atlas:continent", args=[slug]))
                         for label, n, slug in queries.projects_by("country__continent")],
        "by_country": [(label, n, reverse("atlas:country", args=[slug]))
                       for label, n, slug in queries.projects_by("country")[:25]],
        "by_theme": [(label, n, f"{reverse('atlas:index')}?theme={slug}")
                     for label, n, slug in queries.projects_by_theme()],
        "by_kind": [(label, n, f"{reverse('atlas:index')}?kind={value}")
                    for label, n, value in queries.projects_by_kind()],
        "by_year": [(str(year), n, f"{reverse('atlas:index')}?year={year}")
                    for year, n in queries.projects_active_by_year()],
    }


def statistics(request):
    return render(request, "atlas/statistics.html", _figures_context(
        request, stats=_lazy(_statistics), this_year=timezone.localdate().year, published=published_figures()))
