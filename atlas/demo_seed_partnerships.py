"""Partnerships that CUF's documents name and that atlas/demo.py did not hold yet, as real fiches.

Each fiche says only what its seed says: the description quotes the seed's sentence(s), the source
(`update_source`) names the document and its session, and no date, amount, objective or partner is
added. A partner the seed does not name is "non précisée". Records are real (not `is_generated`,
not demonstration content).

French collectivities are found by name and département (or région) through `french_collectivity`,
which works with today's records and with those of the official registry; one is created only when
missing.
"""

from django.db.models import Q
from django.utils.text import slugify

from .models import Collectivity, Country, Department, Participation, Project, ProjectContact, ProjectPartner, Region
from .search import refresh_search_documents

K = Collectivity.Kind
SOURCE_RAICT = "Comptes rendus des 14es RAICT (CUF, Paris, 18 et 19 septembre 2023), session {}"
SOURCE_CNCD = "Brochure de l'État « L'appui de l'État à l'action extérieure des collectivités territoriales » (CNCD)"

# key: (names as written today or in the registry, kind, département code, région code, lat, lon)
FRENCH = {
    "strasbourg": (("Strasbourg",), K.COMMUNE, "67", "44", 48.5734, 7.7521),
    "aude": (("Département de l'Aude", "Aude"), K.DEPARTEMENT, "11", "76", 43.2130, 2.3491),
    "sde22": (("Syndicat départemental d'énergie des Côtes d'Armor (SDE 22)",), K.SYNDICAT, "22", "53",
              48.5136, -2.7603),
    "houdan": (("Houdan",), K.COMMUNE, "78", "11", 48.7903, 1.6003),
    "tremblay": (("Tremblay-en-France",), K.COMMUNE, "93", "11", 48.9496, 2.5683),
    "lille": (("Lille",), K.COMMUNE, "59", "32", 50.6292, 3.0573),
    "montpellier": (("Montpellier Méditerranée Métropole",), K.EPCI, "34", "76", 43.6108, 3.8767),
    "cannes": (("Cannes",), K.COMMUNE, "06", "93", 43.5528, 7.0174),
    "saint-denis-reunion": (("Saint-Denis",), K.COMMUNE, "974", "04", -20.8823, 55.4504),
    "corbeil": (("Corbeil-Essonnes",), K.COMMUNE, "91", "11", 48.6139, 2.4820),
    "nord-pas-de-calais": (("Région Nord-Pas-de-Calais (aujourd'hui Hauts-de-France)", "Hauts-de-France"),
                           K.REGION, None, "32", 50.6292, 3.0573),
}

# key: (name, kind, ISO country, lat, lon); None coordinates = the country's centre.
PARTNERS = {
    "douala": ("Douala", K.MUNICIPALITE, "CM", 4.0511, 9.7679),
    "hauts-bassins": ("Région des Hauts-Bassins", K.REGION_ETRANGERE, "BF", 11.1771, -4.2979),
    "madagascar": ("Collectivités malgaches partenaires (non précisées)", K.AUTRE, "MG", None, None),
    "bailar": ("Bailar", K.MUNICIPALITE, "SN", None, None),
    "burkina": ("Collectivité partenaire au Burkina Faso (non précisée)", K.AUTRE, "BF", None, None),
    "palestine": ("Collectivité palestinienne partenaire (non précisée)", K.AUTRE, "PS", None, None),
    "shizuoka": ("Shizuoka", K.MUNICIPALITE, "JP", 34.9756, 138.3828),
    "namibie": ("Collectivités namibiennes partenaires (non précisées)", K.AUTRE, "NA", None, None),
    "jerusalem": ("Jérusalem", K.MUNICIPALITE, "PS", 31.7683, 35.2137),
    "kent": ("Kent", K.REGION_ETRANGERE, "GB", 51.2787, 0.5217),
}

FICHES = [
    {"title": "Coopération Strasbourg – Douala (Cameroun)", "french": ["strasbourg"], "partners": ["douala"],
     "kind": "cooperation", "themes": [],
     "description": "Rappel des partenariats entre la ville de Strasbourg et la ville de Douala au Cameroun, et entre "
                    "l'Aude et la région des Hauts-Bassins.",
     "context": "La coopération est une « communauté d'intérêts universelle ».",
     "contacts": [("elu", "Véronique Bertholle", "Maire adjointe de la ville de Strasbourg", "strasbourg")],
     "source": SOURCE_RAICT.format("14 « Les ODD : Quel référentiel pour les coopérations décentralisées ? »")},
    {"title": "Coopération Département de l'Aude – région des Hauts-Bassins (Burkina Faso)", "french": ["aude"],
     "partners": ["hauts-bassins"], "kind": "cooperation", "themes": [],
     "description": "Rappel des partenariats entre la ville de Strasbourg et la ville de Douala au Cameroun, et entre "
                    "l'Aude et la région des Hauts-Bassins.",
     "context": "La coopération est une « communauté d'intérêts universelle ».",
     "contacts": [("elu", "Valérie Dumontet", "Vice-présidente du Département de l'Aude", "aude")],
     "source": SOURCE_RAICT.format("14 « Les ODD : Quel référentiel pour les coopérations décentralisées ? »")},
    {"title": "Le SDE 22 à Madagascar : accès à l'énergie", "french": ["sde22"], "partners": ["madagascar"],
     "kind": "cooperation", "themes": ["energie"],
     "description": "Le Syndicat départemental d'énergie des Côtes d'Armor (SDE 22), qui est administré par un "
                    "conseil de 47 membres (11 EPCI, le reste sont des communes), accompagne les collectivités "
                    "locales dans la gestion des biens communs (eau, électricité, etc...) et dans leurs projets "
                    "internationaux. Actuellement, le Syndicat est particulièrement actif avec Madagascar et en "
                    "Afrique plus généralement. Pour mener à bien ces projets, le Syndicat s'appuie sur des "
                    "associations comme « Électriciens sans frontières » ou « Experts Solidaires » en raison de leur "
                    "ancrage local.",
     "history": "D'après M. Nicolas Livache, Experts Solidaires a mené conjointement deux projets d'accès à l'énergie "
                "à Madagascar dans le cadre d'une collaboration datant de 2017.",
     "context": "Cela s'inscrit dans un contexte malgache où 18 000 000 de personnes n'ont pas accès à l'énergie.",
     "others": [("Électriciens sans frontières", "association", "FR", "", "Association sur laquelle s'appuie le "
                 "Syndicat"),
                ("Experts Solidaires", "association", "FR", "", "Deux projets d'accès à l'énergie à Madagascar")],
     "contacts": [("elu", "Odile Miel-Giresse", "2e Vice-Présidente de SDE 22", "sde22")],
     "source": SOURCE_RAICT.format("9 « Accès à l'énergie et gouvernance locale »")},
    {"title": "Coopération Houdan – Bailar (Sénégal)", "french": ["houdan"], "partners": ["bailar"],
     "kind": "cooperation", "themes": [],
     "description": "M. Tetart a partagé son expérience en citant une coopération conduite entre la ville de Bailar "
                    "(Sénégal) et sa ville de Houdan (Yvelines).",
     "contacts": [("elu", "Jean Marie Tétart", "Maire de Houdan, Président du pS-Eau", "houdan")],
     "source": SOURCE_RAICT.format("9 « Accès à l'énergie et gouvernance locale »")},
    {"title": "Tremblay-en-France et le Burkina Faso : le rugby féminin", "french": ["tremblay"],
     "partners": ["burkina"], "kind": "autre", "themes": ["sport", "egalite-femmes-hommes"],
     "description": "Pour M. Michel Bodard, le développement du sport féminin est l'une des priorités. Dans ce "
                    "contexte, il a indiqué avoir engagé un projet avec le Burkina Faso en vue d'y développer le "
                    "rugby féminin, notamment en passant par des actions dans les écoles.",
     "contacts": [("elu", "Romain Michel Bodard", "Conseiller municipal délégué au sport professionnel et de haut "
                   "niveau, aux Jeux Olympiques de 2024", "tremblay")],
     "source": SOURCE_RAICT.format("13 « Sport et coopération décentralisée »")},
    {"title": "Lille et sa collectivité partenaire palestinienne", "french": ["lille"], "partners": ["palestine"],
     "kind": "cooperation", "themes": [],
     "description": "Mme Marie-Pierre Bresson (adjointe au Maire de Lille) a présenté le jumelage avec la ville de "
                    "Saint Louis au Sénégal, dont les principales actions portent sur la lutte contre le changement "
                    "climatique, ainsi que le partenariat avec une collectivité palestinienne.",
     "contacts": [("elu", "Marie-Pierre Bresson", "Adjointe au Maire de Lille", "lille")],
     "source": SOURCE_RAICT.format("0, conférence plénière")},
    {"title": "Mission en Palestine avec Montpellier Métropole : l'eau", "french": ["montpellier"],
     "partners": ["palestine"], "kind": "autre", "themes": ["eau-et-assainissement"],
     "description": "Selon Mme Maÿlis d'Aboville, de nombreuses collectivités d'Occitanie souhaitent développer des "
                    "projets en lien avec l'eau. Elle rend compte du développement d'une mission en Palestine menée "
                    "avec Montpellier Métropole afin d'identifier les sujets à travailler, Ps-Eau ayant été consulté "
                    "en amont.",
     "others": [("Occitanie coopération", "reseau", "FR", "", "Développement de la mission"),
                ("Programme Solidarité Eau (pS-Eau)", "association", "FR", "", "Consulté en amont")],
     "source": SOURCE_RAICT.format("5 « les enjeux climatiques en Méditerranée »")},
    {"title": "Jumelage Cannes – Shizuoka (Japon)", "french": ["cannes"], "partners": ["shizuoka"],
     "kind": "jumelage", "themes": ["education-et-jeunesse", "crises-et-rehabilitation",
                                    "developpement-durable-climat-et-environnement", "culture"], "start": 1991,
     "description": "Les échanges avec les villes jumelées sont essentiels pour la ville, notamment avec la ville de "
                    "Cannes, avec qui elle est jumelée depuis 1991. Les deux villes entretiennent un partenariat "
                    "actif, dans plusieurs domaines (éducation, gestion des catastrophes, environnement et "
                    "culture...).",
     "history": "Jumelées depuis 1991.",
     "source": SOURCE_RAICT.format("7, réunion du groupe-pays Japon")},
    {"title": "Saint-Denis de La Réunion et la Namibie", "french": ["saint-denis-reunion"], "partners": ["namibie"],
     "kind": "autre", "themes": [],
     "description": "M. Benjamin THOMAS (représentant de la ville de Saint-Denis de la Réunion), a insisté sur la "
                    "coopération à la fois inter-nationale et intra-nationale : solidarité entre territoires "
                    "d'Outre-mer français et échanges avec la Namibie.",
     "contacts": [("elu", "Benjamin Thomas", "Conseiller municipal à la ville de Saint-Denis de la Réunion, délégué "
                   "à la Coopération régionale", "saint-denis-reunion")],
     "source": SOURCE_RAICT.format("3, réunion Outre-mer")},
    {"title": "Coopération décentralisée Corbeil-Essonnes – Jérusalem", "french": ["corbeil"],
     "partners": ["jerusalem"], "kind": "cooperation", "themes": [],
     "description": "M. Jacques PICARD, Délégué à la coopération décentralisée avec Jérusalem Corbeil-Essonnes, "
                    "Trésorier du RCDP.",
     "contacts": [("elu", "Jacques Picard", "Délégué à la coopération décentralisée avec Jérusalem, Trésorier du "
                   "RCDP", "corbeil")],
     "source": SOURCE_RAICT.format("6, réunion du groupe-pays Palestine")},
    {"title": "Coopération transfrontalière Nord-Pas-de-Calais – Kent", "french": ["nord-pas-de-calais"],
     "partners": ["kent"], "kind": "cooperation", "themes": [],
     "description": "Loi mars 1982 : permet la coopération trans-frontalière frontières terrestres et maritimes de la "
                    "France (ex : Nord-Pas-de-Calais/Kent).",
     "source": SOURCE_CNCD},
]


def french_collectivity(names, *, department_code=None, region_code=None, kind=None):
    """The French collectivity called one of `names` (case ignored) in that département, or région when
    it has no département; a real record before a generated one; None when there is none."""
    by_name = Q()
    for name in names:
        by_name |= Q(name__iexact=name)
    found = Collectivity.objects.filter(by_name, country__iso2="FR")
    if department_code:
        found = found.filter(department__code=department_code)
    elif region_code:
        found = found.filter(region__code=region_code, department__isnull=True)
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("is_generated", "pk").first()


def _french(key):
    names, kind, department_code, region_code, lat, lon = FRENCH[key]
    found = french_collectivity(names, department_code=department_code, region_code=region_code, kind=kind)
    if found:
        return found
    department = Department.objects.filter(code=department_code).first() if department_code else None
    slug = slugify(names[0] if department_code in (None, "") else f"{names[0]}-{department_code}")[:220]
    collectivity, _ = Collectivity.objects.update_or_create(slug=slug, defaults={
        "name": names[0], "kind": kind, "country": Country.objects.get(iso2="FR"), "department": department,
        "region": Region.objects.get(code=region_code), "latitude": lat, "longitude": lon, "is_generated": False})
    return collectivity


def _partner(key):
    name, kind, iso2, lat, lon = PARTNERS[key]
    country = Country.objects.get(iso2=iso2)
    existing = (Collectivity.objects.filter(name__iexact=name, country=country)
                .order_by("is_generated", "pk").first())
    if existing:
        return existing
    collectivity, _ = Collectivity.objects.update_or_create(slug=slugify(f"{name}-{iso2}")[:220], defaults={
        "name": name, "kind": kind, "country": country, "is_generated": False,
        "latitude": country.latitude if lat is None else lat, "longitude": country.longitude if lon is None else lon})
    return collectivity


def load():
    """Create or update the fiches (idempotent); returns their number."""
    from .models import Theme

    themes = {t.slug: t for t in Theme.objects.all()}
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in={"FR"})}
    french = {key: _french(key) for key in {k for f in FICHES for k in f["french"]}}
    partners = {key: _partner(key) for key in {k for f in FICHES for k in f["partners"]}}
    ids = []
    for fiche in FICHES:
        project, _ = Project.objects.update_or_create(slug=slugify(fiche["title"])[:300], defaults={
            "title": fiche["title"], "kind": fiche["kind"], "status": Project.Status.ONGOING,
            "start_year": fiche.get("start"), "end_year": None, "convention_date": None, "dac_code": "",
            "objectives": "", "description": fiche["description"], "history": fiche.get("history", ""),
            "context": fiche.get("context", ""), "last_update": None, "update_source": fiche["source"],
            "is_published": True, "is_generated": False})
        project.participations.all().delete()
        for index, key in enumerate(fiche["french"]):
            Participation.objects.create(project=project, collectivity=french[key], is_lead=index == 0)
        for key in fiche["partners"]:
            Participation.objects.create(project=project, collectivity=partners[key])
        project.themes.set([themes[s] for s in fiche["themes"] if s in themes])
        project.partners.all().delete()
        for name, kind, iso2, city, role in fiche.get("others", []):
            ProjectPartner.objects.create(project=project, name=name, kind=kind, country=countries[iso2], city=city,
                                          role=role)
        project.contacts.all().delete()
        for role, name, function, key in fiche.get("contacts", []):
            ProjectContact.objects.create(project=project, role=role, name=name, function=function,
                                          collectivity=french[key])
        ids.append(project.pk)
    refresh_search_documents(ids)
    return len(ids)
