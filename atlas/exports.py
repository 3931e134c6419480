"""Exports of a search: CSV (streamed) and XLSX through resources and the portal's shared writer,
GeoJSON and IATI 2.03 XML.

Each export takes the queryset of a search (already filtered, only published fiches) and returns
an HttpResponse; the views only choose the format.
"""

import gzip
import hashlib
import json
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from cuf_portal import exports as shared_exports

from .models import Collectivity, Participation, Project
from .resources import ProjectExportResource

FORMATS = ("csv", "xlsx", "geojson", "iati")
LINES_LIMIT = 300  # links between partners are drawn for result sets up to this size
CSV_CHUNK = 2000
IATI_VERSION = "2.03"
# The IATI organisation identifier under which CUF publishes. CUF has none registered yet: set
# CUF_IATI_ORG_REF in settings (e.g. "FR-SIRET-…", see org-id.guide) once it has one.
IATI_REPORTING_ORG_REF = getattr(settings, "CUF_IATI_ORG_REF", "FR-CUF")
# IATI codelists: GeographicExactness (1 exact, 2 approximate), GeographicLocationClass (1 administrative
# region: a collectivity is one).
IATI_EXACT, IATI_APPROXIMATE = "1", "2"
IATI_LOCATION_CLASS_ADMINISTRATIVE = "1"
IATI_SRS = "http://www.opengis.net/def/crs/EPSG/0/4326"
IATI_ACTIVITY_STATUS = {"prevu": "1", "en_cours": "2", "termine": "4", "suspendu": "6"}


def _filename(extension):
    return f"atlas-cooperation-decentralisee-{timezone.localdate():%Y-%m-%d}.{extension}"


# ---- CSV and XLSX --------------------------------------------------------------------------
# Written by the portal's shared writer (cuf_portal.exports): French CSV, typed XLSX, no formula.

def _rows(queryset, base_url):
    resource = ProjectExportResource(base_url=base_url)
    rows = ProjectExportResource.annotate(queryset.order_by("title", "pk"))
    return resource.get_export_headers(), (resource.export_resource(p) for p in rows.iterator(chunk_size=CSV_CHUNK))


def csv_response(queryset, base_url=""):
    """Stream the rows as they come from a server-side cursor: memory stays flat at any size."""
    header, rows = _rows(queryset, base_url)
    return shared_exports.csv_response(_filename("csv"), header, rows, streaming=True)


def xlsx_response(queryset, base_url=""):
    """The same rows as the CSV, written row by row (openpyxl write-only mode) to a temporary file:
    memory stays flat at national scale, where a workbook built in memory (tablib) took ~90 MiB more.
    The compressed file itself is small (1.7 MB for the 13,000 fiches) and is sent in one piece."""
    header, rows = _rows(queryset, base_url)
    return shared_exports.xlsx_response(_filename("xlsx"), header, rows, title="Atlas")


# ---- GeoJSON -------------------------------------------------------------------------------

def _point(collectivity_row, with_popup):
    name, slug, lat, lon, is_french = collectivity_row[:5]
    properties = {"name": name, "url": reverse("atlas:collectivity", args=[slug]),
                  "kind": "fr" if is_french else "partner"}
    if with_popup:
        count = collectivity_row[5]
        properties["popup"] = f"{name} — {count} projet{'s' if count > 1 else ''}"
        if len(collectivity_row) > 6 and collectivity_row[6]:  # placed at the enclosing area (atlas.places)
            properties["approximate"] = True
            properties["popup"] += " (position approximative)"
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            "properties": properties}


def collectivity_points(queryset):
    """Points of the collectivities (French and partners) taking part in the projects of `queryset`."""
    ids = queryset.order_by().values("pk")
    rows = (Collectivity.objects.filter(latitude__isnull=False, longitude__isnull=False)
            .filter(Exists(Participation.objects.filter(collectivity=OuterRef("pk"), project__in=ids)))
            .annotate(n=Count("participations", filter=Q(participations__project__in=ids)))
            .values_list("name", "slug", "latitude", "longitude", "is_french", "n", "position_approximate")
            .order_by("name"))
    return {"type": "FeatureCollection", "features": [_point(row, True) for row in rows]}


def partner_lines(queryset):
    """LineStrings from each French collectivity to each partner of every project (small sets only)."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[:LINES_LIMIT + 1])
    if len(ids) > LINES_LIMIT:
        return {"type": "FeatureCollection", "features": []}
    sides = {}
    for project_id, title, slug, is_french, lat, lon in (
            Participation.objects.filter(project_id__in=ids, collectivity__latitude__isnull=False,
                                         collectivity__longitude__isnull=False)
            .values_list("project_id", "project__title", "project__slug", "is_french",
                         "collectivity__latitude", "collectivity__longitude")):
        entry = sides.setdefault(project_id, {"title": title, "slug": slug, True: [], False: []})
        entry[is_french].append([round(lon, 4), round(lat, 4)])
    features = []
    for entry in sides.values():
        for french in entry[True]:
            for partner in entry[False]:
                features.append({"type": "Feature", "geometry": {"type": "LineString",
                                                                 "coordinates": [french, partner]},
                                 "properties": {"name": entry["title"],
                                                "url": reverse("atlas:project", args=[entry["slug"]])}})
    return {"type": "FeatureCollection", "features": features}


def geojson_response(data):
    return HttpResponse(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                        content_type="application/geo+json")


# The map of all published projects: built once per version of the data, kept in the cache.

def all_projects_version():
    """(last modification, ETag) of everything the map of all projects shows: two cheap table scans."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT (SELECT max(updated_at) FROM atlas_project),
                      (SELECT count(*) FROM atlas_project WHERE is_published),
                      (SELECT count(*) FROM atlas_participation),
                      (SELECT coalesce(max(id), 0) FROM atlas_participation),
                      (SELECT coalesce(max(id), 0) FROM atlas_collectivity)""")
        updated, *rest = cursor.fetchone()
    seed = "|".join(str(v) for v in (updated, *rest))
    return updated, hashlib.sha1(seed.encode()).hexdigest()


def all_projects_geojson(etag=None):
    """Bytes of the GeoJSON of every collectivity of a published project (no popup: kept small).

    Written by hand rather than through json.dumps of 15,000 dicts: same output, four times faster."""
    etag = etag or all_projects_version()[1]
    key = f"atlas:all-projects-geojson:{etag}"
    body = cache.get(key)
    if body is None:
        prefix = reverse("atlas:collectivity", args=["x"])[:-2]
        rows = (Collectivity.objects.filter(latitude__isnull=False, longitude__isnull=False)
                .filter(Exists(Participation.objects.filter(collectivity=OuterRef("pk"),
                                                            project__is_published=True)))
                .values_list("name", "slug", "latitude", "longitude", "is_french").order_by("name"))
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        template = ('{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},{}]}},'
                    '"properties":{{"name":{},"url":"{}{}/","kind":"{}"}}}}')
        features = ",".join(
            template.format(round(lon, 4), round(lat, 4), dumps(name), prefix, slug, "fr" if is_french else "partner")
            for name, slug, lat, lon, is_french in rows)
        body = ('{"type":"FeatureCollection","features":[' + features + "]}").encode()
        cache.set(key, body, 60 * 60 * 24)
    return body


# The light map of every collectivity: what the Atlas and world maps load (static/js/map.js).

MAP_PRECISION = 2  # decimal places of a degree: about 1 km, finer than a marker on any zoom the map offers


def map_points_body():
    """JSON of every collectivity of a published fiche, one point each, as flat arrays
    {"fr": [lon, lat, id, …], "partner": […]}: no name, no URL, no popup (fetched on click from
    map_point_detail), coordinates rounded to MAP_PRECISION. About a tenth of the GeoJSON."""
    rows = (Collectivity.objects.filter(latitude__isnull=False, longitude__isnull=False)
            .filter(Exists(Participation.objects.filter(collectivity=OuterRef("pk"), project__is_published=True)))
            .values_list("pk", "latitude", "longitude", "is_french").order_by("pk"))
    points = {"fr": [], "partner": []}
    for pk, lat, lon, is_french in rows:
        points["fr" if is_french else "partner"].extend(
            (round(lon, MAP_PRECISION), round(lat, MAP_PRECISION), pk))
    return json.dumps(points, separators=(",", ":")).encode()


def compressed(body):
    """(plain, gzip) bytes of a JSON body, compressed once when it is built, not on every request."""
    return body, gzip.compress(body, compresslevel=9, mtime=0)


def map_point_detail(collectivity_id):
    """Name, page and number of published fiches of one collectivity of the map, or None."""
    row = (Collectivity.objects.filter(pk=collectivity_id)
           .annotate(n=Count("participations__project", distinct=True,
                             filter=Q(participations__project__is_published=True)))
           .values_list("name", "slug", "n").first())
    if row is None or not row[2]:
        return None
    name, slug, count = row
    return {"name": name, "url": reverse("atlas:collectivity", args=[slug]),
            "popup": f"{count} projet{'s' if count > 1 else ''} publié{'s' if count > 1 else ''}"}


# ---- IATI 2.03 -----------------------------------------------------------------------------

def narrative(parent, tag, text, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def _iati_projects(queryset):
    projects = queryset.order_by("title", "pk").prefetch_related("participations__collectivity__country")
    return projects.iterator(chunk_size=CSV_CHUNK)


def _iati_root():
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    return etree.Element("iati-activities", version=IATI_VERSION, **{"generated-datetime": now})


def iati_document(queryset, base_url=""):
    """An <iati-activities> document (IATI 2.03), one <iati-activity> per fiche."""
    root = _iati_root()
    for project in _iati_projects(queryset):
        root.append(iati_activity(project, base_url))
    return root


def iati_activity(project, base_url=""):
    """The <iati-activity> of one fiche."""
    activity = etree.Element("iati-activity", {
        "last-updated-datetime": project.updated_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "{http://www.w3.org/XML/1998/namespace}lang": "fr", "default-currency": "EUR"})
    etree.SubElement(activity, "iati-identifier").text = f"{IATI_REPORTING_ORG_REF}-ATLAS-{project.pk}"
    narrative(activity, "reporting-org", "Cités Unies France", ref=IATI_REPORTING_ORG_REF, type="22")
    narrative(activity, "title", project.title)
    narrative(activity, "description", project.description or project.objectives or project.title, type="1")
    participations = list(project.participations.all())
    for participation in sorted(participations, key=lambda p: (not p.is_lead, not p.is_french)):
        role = "2" if participation.is_lead else ("3" if participation.is_french else "4")
        attrs = {"role": role, "type": "11"}
        if participation.collectivity.code:
            attrs["ref"] = f"FR-INSEE-{participation.collectivity.code}"
        narrative(activity, "participating-org", participation.collectivity.name, **attrs)
    etree.SubElement(activity, "activity-status", code=IATI_ACTIVITY_STATUS.get(project.status, "2"))
    planned = project.status == Project.Status.PLANNED
    if project.start_year:
        etree.SubElement(activity, "activity-date", type="1" if planned else "2",
                         **{"iso-date": f"{project.start_year}-01-01"})
    else:
        etree.SubElement(activity, "activity-date", type="2",
                         **{"iso-date": timezone.localtime(project.created_at).date().isoformat()})
    if project.end_year:
        etree.SubElement(activity, "activity-date", type="4" if project.status == "termine" else "3",
                         **{"iso-date": f"{project.end_year}-12-31"})
    countries = sorted({p.collectivity.country.iso2 for p in participations if not p.is_french})
    for index, iso2 in enumerate(countries):
        share = 100 // len(countries) + (100 % len(countries) if index == 0 else 0)
        etree.SubElement(activity, "recipient-country", code=iso2, percentage=str(share))
    for participation in sorted(participations, key=lambda p: (not p.is_lead, not p.is_french, p.collectivity.name)):
        iati_location(activity, participation)
    if project.dac_code:
        etree.SubElement(activity, "sector", vocabulary="1", code=project.dac_code)
    if base_url:
        fiche_document_link(activity, project, base_url)
    return activity


def iati_location(activity, participation):
    """The <location> of one collectivity of the fiche, at its coordinates; one the gazetteer could not
    place (atlas.places) is marked approximate (exactness 2) and says so, as its page and the GeoJSON do."""
    collectivity = participation.collectivity
    if collectivity.latitude is None or collectivity.longitude is None:
        return None
    location = etree.SubElement(activity, "location")
    narrative(location, "name", collectivity.name)
    if collectivity.position_approximate:
        narrative(location, "description",
                  "Position approximative : lieu introuvable dans le répertoire GeoNames, placé au lieu connu "
                  "le plus proche qui l'englobe.")
    point = etree.SubElement(location, "point", srsName=IATI_SRS)
    etree.SubElement(point, "pos").text = f"{round(collectivity.latitude, 4)} {round(collectivity.longitude, 4)}"
    etree.SubElement(location, "exactness",
                     code=IATI_APPROXIMATE if collectivity.position_approximate else IATI_EXACT)
    etree.SubElement(location, "location-class", code=IATI_LOCATION_CLASS_ADMINISTRATIVE)
    return location


def fiche_document_link(activity, project, base_url):
    """The <document-link> of an activity to the public page of its Atlas fiche."""
    link = etree.SubElement(activity, "document-link", url=base_url + project.get_absolute_url(),
                            format="text/html")
    narrative(link, "title", f"Fiche-projet : {project.title}")
    etree.SubElement(link, "category", code="A01")
    etree.SubElement(link, "language", code="fr")
    return link


def iati_response(queryset, base_url=""):
    """The IATI document, streamed one activity at a time: memory stays flat at national scale."""
    root = etree.tostring(_iati_root(), encoding="unicode")  # <iati-activities … />
    opening, closing = root[:-2] + ">\n", "</iati-activities>\n"

    def generate():
        yield '<?xml version="1.0" encoding="UTF-8"?>\n' + opening
        for project in _iati_projects(queryset):
            yield etree.tostring(iati_activity(project, base_url), encoding="unicode", pretty_print=True)
        yield closing

    response = StreamingHttpResponse(generate(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("xml")}"'
    return response
