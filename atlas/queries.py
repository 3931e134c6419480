"""Reads of the Atlas that pages and other apps share."""

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Window
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import (
    Collectivity,
    CollectivityMember,
    Continent,
    Country,
    FundingLine,
    Participation,
    Project,
    ProjectContact,
    ProjectPartner,
    Theme,
)


def collectivity_of(user):
    """The collectivity a logged-in user works for, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (CollectivityMember.objects.select_related("collectivity")
                  .filter(user=user).first())
    return membership.collectivity if membership else None


def is_cuf_member(user):
    """True when the user's collectivity is a member of CUF (members-only content)."""
    collectivity = collectivity_of(user)
    return bool(collectivity and collectivity.is_cuf_member)


# ---- Projects ------------------------------------------------------------------------------

def published_projects():
    return Project.objects.filter(is_published=True)


def visible_projects(user):
    """What a user may open: published fiches; CUF staff also see drafts."""
    return Project.objects.all() if getattr(user, "is_staff", False) else published_projects()


def with_list_relations(queryset):
    """Everything a result list shows, in a constant number of queries."""
    return queryset.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related(
            "collectivity__country").order_by("-is_lead", "-is_french", "collectivity__name")),
        Prefetch("themes", queryset=Theme.objects.order_by("position")),
    )


LIST_FIELDS = ("pk", "title", "slug", "kind", "status", "start_year", "end_year", "is_generated", "is_published")


def counted_page(queryset, number, per_page, *, filtered=True):
    """The page `number` of an ordered queryset, its paginator's count set. With `filtered` rows, the total
    is a window count over them (count(*) OVER ()) read with the page: the sort had to read every match
    anyway, so the search is evaluated once, not twice (COUNT, then the page). Without criteria the page
    is read through the title index and a separate COUNT is cheaper than a window over every fiche.
    Past the end the last page is given, a non-number the first (as Paginator.get_page)."""
    paginator = Paginator(queryset, per_page)
    if not filtered:
        return paginator.get_page(number)
    try:
        wanted = max(int(number), 1)
    except (TypeError, ValueError):
        wanted = 1
    start = (wanted - 1) * per_page
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[start:start + per_page])
    paginator.count = rows[0].search_total if rows else queryset.count()
    page_obj = paginator.get_page(wanted)
    if rows:
        page_obj.object_list = rows
    return page_obj


def list_page(page_obj):
    """Attach to each fiche of a result page what the list shows, as plain values, in two queries:
    `row_url`, `row_french` [(url, name, is_lead)], `row_partners` [(url, name, country)], `row_themes` [name].
    Rendering model instances and reversing a URL per collectivity cost more than the search itself."""
    projects = list(page_obj.object_list)
    ids = [project.pk for project in projects]
    project_url, collectivity_url = url_maker("atlas:project"), url_maker("atlas:collectivity")
    french, partners, themes = ({pk: [] for pk in ids} for _ in range(3))
    for project_id, is_french, is_lead, slug, name, country in (
            Participation.objects.filter(project_id__in=ids)
            .order_by("-is_lead", "-is_french", "collectivity__name", "pk")
            .values_list("project_id", "is_french", "is_lead", "collectivity__slug", "collectivity__name",
                         "collectivity__country__name")):
        if is_french:
            french[project_id].append((collectivity_url(slug), name, is_lead))
        else:
            partners[project_id].append((collectivity_url(slug), name, country))
    for project_id, name in (Project.themes.through.objects.filter(project_id__in=ids)
                             .order_by("theme__position", "theme__name").values_list("project_id", "theme__name")):
        themes[project_id].append(name)
    for project in projects:
        project.row_url = project_url(project.slug)
        project.row_french, project.row_partners = french[project.pk], partners[project.pk]
        project.row_themes = themes[project.pk]
    page_obj.object_list = projects
    return page_obj


def url_maker(name):
    """slug -> URL of a `<slug:slug>` route, reversed once: slugs ([-a-zA-Z0-9_]) need no quoting."""
    marker = "slug-placeholder"
    prefix, suffix = reverse(name, args=[marker]).split(marker)
    return lambda slug: f"{prefix}{slug}{suffix}"


def project_detail(slug, user):
    project = get_object_or_404(
        visible_projects(user).prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related(
                "collectivity__country__continent", "collectivity__department", "collectivity__region")),
            Prefetch("themes", queryset=Theme.objects.order_by("position")),
            "sdgs",
            Prefetch("funding_lines", queryset=FundingLine.objects.order_by("year", "source")),
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("country")),
        ), slug=slug)
    return project


def can_see_contacts(user):
    """Contacts are for logged-in users linked to a collectivity (and CUF staff)."""
    return bool(getattr(user, "is_staff", False) or collectivity_of(user))


def project_contacts(project):
    return list(project.contacts.select_related("collectivity"))


# ---- Figures of a level of the navigation (world, continent, country, collectivity) ----------

def _partner_participations():
    return Participation.objects.filter(is_french=False, project__is_published=True)


def level_figures(**partner_filter):
    """French collectivities engaged, partner collectivities, projects and themes for partners
    matching `partner_filter` (lookups on the partner collectivity, e.g. country=…). One query: the
    partner links are selected once (a CTE) and the four distinct counts read from them."""
    partner_links = _partner_participations().filter(
        **{f"collectivity__{k}": v for k, v in partner_filter.items()})
    links_sql, params = partner_links.values("project_id", "collectivity_id").query.sql_with_params()
    participation, themes = Participation._meta.db_table, Project.themes.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH links AS MATERIALIZED ({links_sql})
                SELECT (SELECT count(DISTINCT f.collectivity_id) FROM {participation} f
                        WHERE f.is_french AND f.project_id IN (SELECT project_id FROM links)),
                       (SELECT count(DISTINCT collectivity_id) FROM links),
                       (SELECT count(DISTINCT project_id) FROM links),
                       (SELECT count(DISTINCT t.theme_id) FROM {themes} t
                        WHERE t.project_id IN (SELECT project_id FROM links))""", params)
        french, partners, projects, theme_count = cursor.fetchone()
    return {"french": french, "partners": partners, "projects": projects, "themes": theme_count}


def figures_by(group_field):
    """Per value of `group_field` (a lookup from the partner collectivity, e.g. 'country__continent'),
    the same four figures: {value: {french, partners, projects, themes}}. Three grouped queries."""
    key = f"collectivity__{group_field}"
    rows = {}
    for row in _partner_participations().values(key).annotate(
            partners=Count("collectivity_id", distinct=True), projects=Count("project_id", distinct=True)):
        rows[row[key]] = {"partners": row["partners"], "projects": row["projects"], "french": 0, "themes": 0}
    french_key = f"project__participations__{key}"
    for row in (Participation.objects.filter(is_french=True, project__is_published=True,
                                             project__participations__is_french=False)
                .values(french_key).annotate(n=Count("collectivity_id", distinct=True))):
        rows.setdefault(row[french_key], {"partners": 0, "projects": 0, "themes": 0})["french"] = row["n"]
    theme_key = f"project__participations__{key}"
    for row in (Project.themes.through.objects.filter(project__is_published=True,
                                                     project__participations__is_french=False)
                .values(theme_key).annotate(n=Count("theme_id", distinct=True))):
        rows.setdefault(row[theme_key], {"partners": 0, "projects": 0, "french": 0})["themes"] = row["n"]
    return rows


def world_levels():
    figures = figures_by("country__continent")
    continents = list(Continent.objects.all())
    return [(c, figures.get(c.pk)) for c in continents if figures.get(c.pk)]


def continent_levels(continent):
    figures = figures_by("country")
    countries = Country.objects.filter(continent=continent, pk__in=list(figures))
    return [(c, figures[c.pk]) for c in countries]


def partner_collectivities(country):
    """Partner collectivities of a country with their number of projects and French partners."""
    return (Collectivity.objects.filter(country=country, is_french=False,
                                        participations__project__is_published=True)
            .annotate(projects_count=Count("participations__project", distinct=True),
                      french_count=Count("participations__project__participations__collectivity",
                                         filter=Q(participations__project__participations__is_french=True),
                                         distinct=True))
            .order_by("name"))


def themes_of(project_ids):
    return (Theme.objects.filter(projects__in=project_ids).annotate(count=Count("projects", distinct=True))
            .order_by("-count", "name"))


def projects_with_partner_in(**partner_lookup):
    lookup = {f"collectivity__{k}": v for k, v in partner_lookup.items()}
    return published_projects().filter(Exists(Participation.objects.filter(
        project=OuterRef("pk"), is_french=False, **lookup)))


def projects_of_french(**french_lookup):
    lookup = {f"collectivity__{k}": v for k, v in french_lookup.items()}
    return published_projects().filter(Exists(Participation.objects.filter(
        project=OuterRef("pk"), is_french=True, **lookup)))


def french_collectivities_engaged(**lookup):
    """French collectivities (of a région, a département…) with their number of published projects."""
    return (Collectivity.objects.filter(is_french=True, participations__project__is_published=True, **lookup)
            .annotate(projects_count=Count("participations__project", distinct=True))
            .select_related("department").order_by("-projects_count", "name"))


def partner_countries_of(projects):
    return (Country.objects.filter(collectivities__participations__project__in=projects.values("pk"),
                                   collectivities__is_french=False)
            .annotate(projects_count=Count("collectivities__participations__project", distinct=True))
            .order_by("-projects_count", "name"))


def collectivity_partners(collectivity):
    """The collectivities on the other side of a collectivity's published projects."""
    return (Collectivity.objects.filter(participations__project__participations__collectivity=collectivity,
                                        participations__project__is_published=True,
                                        is_french=not collectivity.is_french)
            .annotate(projects_count=Count("participations__project", distinct=True))
            .select_related("country").order_by("name"))


def collectivity_contacts(collectivity):
    return (ProjectContact.objects.filter(collectivity=collectivity, project__is_published=True)
            .select_related("project").order_by("role", "name"))


# ---- Statistics and key figures ------------------------------------------------------------

def key_figures():
    """The Atlas in four numbers, derived from the fiches (one query)."""
    published = Participation.objects.filter(project__is_published=True)
    return published.aggregate(
        projects=Count("project_id", distinct=True),
        french=Count("collectivity_id", filter=Q(is_french=True), distinct=True),
        partners=Count("collectivity_id", filter=Q(is_french=False), distinct=True),
        countries=Count("collectivity__country_id", filter=Q(is_french=False), distinct=True),
    )


def projects_by(field):
    """(label, count) of published projects by a partner-side field (continent or country)."""
    key = f"collectivity__{field}"
    rows = (_partner_participations().values(key, f"{key}__name", f"{key}__slug")
            .annotate(n=Count("project_id", distinct=True)).order_by("-n", f"{key}__name"))
    return [(r[f"{key}__name"], r["n"], r[f"{key}__slug"]) for r in rows]


def projects_per_country(**country_filter):
    """(ISO numeric, name, published fiches, page URL) per partner country (lookups on the country,
    e.g. continent=…): the figures of the choropleths of the world and continent pages."""
    rows = (_partner_participations().filter(**{f"collectivity__country__{k}": v for k, v in country_filter.items()})
            .values("collectivity__country__numeric", "collectivity__country__name", "collectivity__country__slug")
            .annotate(n=Count("project_id", distinct=True)))
    country_url = url_maker("atlas:country")
    return [(r["collectivity__country__numeric"], r["collectivity__country__name"], r["n"],
             country_url(r["collectivity__country__slug"])) for r in rows]


def projects_by_theme():
    return [(t.name, t.count, t.slug) for t in Theme.objects.annotate(
        count=Count("projects", filter=Q(projects__is_published=True))).filter(count__gt=0).order_by("-count")]


def projects_by_kind():
    counts = dict(published_projects().values_list("kind").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0), value) for value, label in Project.Kind.choices]


def projects_active_by_year():
    """Published projects active each year, from the first start year to the current one."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT y, count(p.id) FROM generate_series(
                   (SELECT coalesce(min(start_year), extract(year FROM now())::int) FROM atlas_project
                    WHERE is_published), extract(year FROM now())::int) AS y
               LEFT JOIN atlas_project p ON p.is_published AND p.start_year <= y
                   AND coalesce(p.end_year, 9999) >= y
               GROUP BY y ORDER BY y""")
        return cursor.fetchall()


# ---- Collectivity accounts ("Mes projets", "Mes recherches") and Bourse-projets -------------

def editable_projects(collectivity):
    """The fiches a collectivity may propose changes to: those it takes part in (published or not)."""
    from .models import Project

    if collectivity is None:
        return Project.objects.none()
    return Project.objects.filter(Exists(Participation.objects.filter(project=OuterRef("pk"),
                                                                      collectivity=collectivity)))


def editable_project(collectivity, pk):
    """One fiche of the collectivity, or 404 whatever fiche the URL names."""
    return get_object_or_404(editable_projects(collectivity), pk=pk)


def my_projects(collectivity):
    """The collectivity's fiches with their pending proposal (if any), in a constant number of queries."""
    from .models import ProjectChangeRequest

    pending = ProjectChangeRequest.objects.filter(project=OuterRef("pk"),
                                                  state=ProjectChangeRequest.State.SUBMITTED)
    return (with_list_relations(editable_projects(collectivity))
            .annotate(has_pending=Exists(pending)).order_by("title", "pk"))


def change_requests_of(collectivity):
    from .models import ProjectChangeRequest

    return (ProjectChangeRequest.objects.filter(collectivity=collectivity)
            .select_related("project", "author").order_by("-submitted_at"))


def pending_change(collectivity, project):
    from .models import ProjectChangeRequest

    return ProjectChangeRequest.objects.filter(collectivity=collectivity, project=project,
                                               state=ProjectChangeRequest.State.SUBMITTED).first()


def saved_searches_of(user):
    from .models import SavedSearch

    return SavedSearch.objects.filter(user=user).order_by("name")


def bourse_requests():
    from .models import BourseRequest

    return (BourseRequest.objects.select_related("authority", "country")
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position")))
            .order_by("-date", "title"))


def bourse_points(queryset):
    """GeoJSON points of Bourse requests: the authority's coordinates, else its country's centre."""
    from django.urls import reverse

    features = []
    for title, slug, name, lat, lon, c_lat, c_lon, country in queryset.order_by().values_list(
            "title", "slug", "authority__name", "authority__latitude", "authority__longitude",
            "country__latitude", "country__longitude", "country__name"):
        lat, lon = (lat, lon) if lat is not None and lon is not None else (c_lat, c_lon)
        if lat is None or lon is None:
            continue
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                         "properties": {"name": title, "url": reverse("atlas:bourse_request", args=[slug]),
                                        "kind": "partner", "popup": f"{name} ({country})"}})
    return {"type": "FeatureCollection", "features": features}


# ---- Picking a collectivity ------------------------------------------------------------------

def collectivity_lookup(text, *, french=None, limit=20):
    """Collectivities whose name (or COG code, or SIREN) has words starting with the typed ones.

    Accents and case are ignored ("genev" finds Genève, "saint etienne" Saint-Étienne, "95018"
    Argenteuil). The words are matched as prefixes in a tsvector of `search_name` (GIN index
    collectivity_search_name, 'simple' configuration, no pg_trgm); whole-name prefixes come first,
    then the most populous."""
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models import Case, IntegerField, Value, When

    from .registry import search_name

    abbreviations = {"st": "saint", "ste": "sainte"}
    words = [abbreviations.get(w, w) for w in search_name(text).split()[:6]]
    if not words or sum(len(w) for w in words) < 2:
        return Collectivity.objects.none()
    query = SearchQuery(" & ".join(f"{w}:*" for w in words), config="simple", search_type="raw")
    found = Collectivity.objects.annotate(
        search_words=SearchVector("search_name", config="simple")).filter(search_words=query)
    if french is not None:
        found = found.filter(is_french=french)
    prefix = " ".join(words)
    # Ranked on the collectivity table alone; only the chosen rows are joined to their country and département.
    best = (found.annotate(starts=Case(When(search_name__startswith=prefix, then=Value(0)), default=Value(1),
                                       output_field=IntegerField()))
            .order_by("starts", F("population").desc(nulls_last=True), "name", "pk").values("pk")[:limit])
    return (Collectivity.objects.filter(pk__in=best).select_related("country", "department")
            .annotate(starts=Case(When(search_name__startswith=prefix, then=Value(0)), default=Value(1),
                                  output_field=IntegerField()))
            .order_by("starts", F("population").desc(nulls_last=True), "name", "pk"))


def collectivity_label(collectivity):
    """How a picker shows a collectivity: name, kind and where it is (and its code)."""
    where = collectivity.department.code if collectivity.department_id else collectivity.country.name
    code = collectivity.code or collectivity.siren
    return f"{collectivity.name} — {collectivity.get_kind_display()}, {where}" + (f" ({code})" if code else "")
