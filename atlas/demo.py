"""Atlas demo content: reference geography, the real partnerships named in CUF's documents
(/work/shared/seeds, 002 and 003), a few Bourse-projets requests, a collectivity account, and a
sample of the generated national set so that lists and maps look full.

Where a document names a partnership without naming the foreign collectivity, the fiche says so
("collectivité partenaire non précisée") rather than inventing one.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from . import demo_seed_partnerships
from .generate import generate
from .models import (
    BourseRequest,
    Collectivity,
    CollectivityMember,
    Country,
    Department,
    FundingLine,
    Participation,
    Project,
    ProjectContact,
    ProjectPartner,
    Region,
    Theme,
)
from .reference import load_reference
from .registry import adopt_registry, load_registry, registry_match
from .search import refresh_search_documents

DEMO_EMAIL = "agent@nimes-metropole.demo"
DEMO_PASSWORD = "cuf-demo-2026"
SOURCE_RAICT = ("Rencontres de l'action internationale des collectivités territoriales (RAICT), Paris, "
                "18-19 septembre 2023")
SOURCE_CNCD = "Brochure de l'État sur l'action extérieure des collectivités (CNCD, DAECT)"
K = Collectivity.Kind

# French collectivities: slug -> (name, kind, INSEE code, département code or None, région code, lat, lon, member)
FRENCH = {
    "nimes-metropole": ("Nîmes Métropole", K.EPCI, "", "30", "76", 43.8367, 4.3601, True),
    "lille": ("Lille", K.COMMUNE, "59350", "59", "32", 50.6292, 3.0573, True),
    "grabels": ("Grabels", K.COMMUNE, "34116", "34", "76", 43.6486, 3.7997, False),
    "nancy": ("Nancy", K.COMMUNE, "54395", "54", "44", 48.6921, 6.1844, True),
    "le-lamentin": ("Le Lamentin", K.COMMUNE, "97213", "972", "02", 14.6134, -60.9995, False),
    "grigny": ("Grigny", K.COMMUNE, "91286", "91", "11", 48.6562, 2.3849, False),
    "tremblay-en-france": ("Tremblay-en-France", K.COMMUNE, "93073", "93", "11", 48.9496, 2.5683, False),
    "bordeaux": ("Bordeaux", K.COMMUNE, "33063", "33", "75", 44.8378, -0.5792, True),
    "region-bretagne": ("Région Bretagne", K.REGION, "", None, "53", 48.1173, -1.6778, True),
    "chartres": ("Chartres", K.COMMUNE, "28085", "28", "24", 48.4439, 1.4890, True),
    "aix-en-provence": ("Aix-en-Provence", K.COMMUNE, "13001", "13", "93", 43.5297, 5.4474, True),
    "cesson-sevigne": ("Cesson-Sévigné", K.COMMUNE, "35051", "35", "53", 48.1211, -1.6031, False),
    "bayonne": ("Bayonne", K.COMMUNE, "64102", "64", "75", 43.4929, -1.4748, False),
    "departement-de-la-seine-saint-denis": ("Département de la Seine-Saint-Denis", K.DEPARTEMENT, "", "93", "11",
                                            48.9077, 2.4397, True),
    "departement-de-l-allier": ("Département de l'Allier", K.DEPARTEMENT, "", "03", "84", 46.5646, 3.3326, False),
    "region-midi-pyrenees": ("Région Midi-Pyrénées (aujourd'hui Occitanie)", K.REGION, "", None, "76",
                             43.6047, 1.4442, False),
}

# Partner collectivities: slug -> (name, kind, ISO country, lat, lon); None coordinates = country centre.
PARTNERS = {
    "collectivite-partenaire-senegal-nimes": ("Collectivité locale partenaire au Sénégal (non précisée)", K.AUTRE,
                                              "SN", None, None),
    "saint-louis-senegal": ("Saint-Louis", K.MUNICIPALITE, "SN", 16.0179, -16.4896),
    "abalak": ("Abalak", K.MUNICIPALITE, "NE", 15.4511, 6.2797),
    "kiryat-shmona": ("Kiryat Shmona", K.MUNICIPALITE, "IL", 33.2073, 35.5721),
    "santiago-de-cuba": ("Santiago de Cuba", K.MUNICIPALITE, "CU", 20.0247, -75.8219),
    "camp-de-refugies-d-aida": ("Camp de réfugiés d'Aida (Bethléem)", K.AUTRE, "PS", 31.7187, 35.1994),
    "ville-aeroportuaire-de-cuba": ("Ville aéroportuaire de Cuba (non précisée)", K.MUNICIPALITE, "CU", None, None),
    "collectivites-cubaines-partenaires": ("Collectivités locales cubaines partenaires (non précisées)", K.AUTRE,
                                           "CU", None, None),
    "provinces-argentines-partenaires": ("Collectivités argentines partenaires (non précisées)", K.AUTRE, "AR",
                                         None, None),
    "collectivites-japonaises-partenaires": ("Collectivités japonaises partenaires (non précisées)", K.AUTRE, "JP",
                                             None, None),
    "dankassari": ("Dankassari", K.MUNICIPALITE, "NE", None, None),
    "veliko-tarnovo": ("Veliko Tarnovo", K.MUNICIPALITE, "BG", 43.0757, 25.6172),
    "maputo": ("Maputo", K.MUNICIPALITE, "MZ", -25.9692, 32.5732),
    "matola": ("Matola", K.MUNICIPALITE, "MZ", -25.9623, 32.4589),
    "aimag-de-l-uvurkhangai": ("Aimag de l'Uvurkhangai", K.PROVINCE, "MN", 46.2639, 102.7750),
    "jaipur": ("Jaipur", K.MUNICIPALITE, "IN", 26.9124, 75.7873),
}

# The fiches, with the facts of the documents as written.
FICHES = [
    {"title": "Eau, transport et environnement : Nîmes Métropole et sa collectivité partenaire au Sénégal",
     "french": ["nimes-metropole"], "partners": ["collectivite-partenaire-senegal-nimes"],
     "kind": "cooperation", "status": "en_cours", "themes": ["eau-et-assainissement", "mobilite-et-transports",
                                                             "developpement-durable-climat-et-environnement"],
     "sdgs": [6, 11, 13], "dac": "14030",
     "description": "M. Proust (Président de Nîmes Métropole) a présenté les partenariats de la métropole avec une "
                    "collectivité locale au Sénégal, en matière de gestion de l'eau, de transport et "
                    "d'environnement, ainsi que le processus de mise en œuvre de ces partenariats, depuis le recueil "
                    "des besoins et le recensement des priorités avec la collectivité.",
     "context": "M. Proust a insisté sur la dimension humaine de ces projets. Le triptyque "
                "solidarité-économie-formation apparaît comme une base de la coopération.",
     "contacts": [("elu", "Franck Proust", "Président de Nîmes Métropole", "nimes-metropole")],
     "source": SOURCE_RAICT},
    {"title": "Jumelage Lille – Saint-Louis du Sénégal : lutte contre le changement climatique",
     "french": ["lille"], "partners": ["saint-louis-senegal"], "kind": "jumelage", "status": "en_cours",
     "themes": ["developpement-durable-climat-et-environnement", "developpement-economique"], "sdgs": [13, 17],
     "dac": "41010",
     "description": "Mme Marie-Pierre Bresson (adjointe au Maire de Lille) a présenté le jumelage avec la ville de "
                    "Saint Louis au Sénégal, dont les principales actions portent sur la lutte contre le changement "
                    "climatique.",
     "context": "Elle a insisté sur le rôle des partenaires étatiques, incontournables pour l'aide au financement "
                "des projets (Agence française pour le développement et Ministère de l'Europe et des Affaires "
                "étrangères entre autres). Mme Bresson a indiqué à cette occasion que la solidarité internationale "
                "est nécessaire pour lutter contre les effets du dérèglement climatique, tout en ouvrant des "
                "perspectives de développement économique pour tous les acteurs.",
     "contacts": [("elu", "Marie-Pierre Bresson", "Adjointe au Maire de Lille", "lille")],
     "others": [("Agence française de développement (AFD)", "etablissement_public", "FR", "Paris",
                 "Aide au financement des projets")],
     "source": SOURCE_RAICT},
    {"title": "Des puits pour chaque école : coopération Grabels – Abalak (Niger)",
     "french": ["grabels"], "partners": ["abalak"], "kind": "cooperation", "status": "en_cours",
     "themes": ["eau-et-assainissement", "education-et-jeunesse"], "sdgs": [4, 6], "dac": "14030",
     "description": "La ville de Grabels s'est engagée dans une coopération fructueuse avec la Ville d'Abalak au "
                    "Niger. Cette coopération a donné lieu à des manifestations concrètes, comme la construction de "
                    "puits pour chaque école de la ville. La ville a également acheté des chèvres et les partenaires "
                    "ont constaté des résultats positifs sur l'amélioration de l'alphabétisation.",
     "objectives": "Poursuivre les coopérations culturelles et étudiantes avec les pays de la zone.",
     "context": "Un euro par habitant de la ville est consacré à ces actions de coopération décentralisée (soit "
                "9 000 euros de budget par an).",
     "funding": [("fonds_propres", 2023, "9000", "Un euro par habitant")],
     "contacts": [("elu", "René Revol", "Maire de Grabels, vice-président de Montpellier Métropole", "grabels")],
     "source": SOURCE_RAICT},
    {"title": "Partenariat historique Nancy – Kiryat Shmona : recherche, sport et jeunesse",
     "french": ["nancy"], "partners": ["kiryat-shmona"], "kind": "jumelage", "status": "en_cours", "start": 1984,
     "themes": ["education-et-jeunesse", "sport"], "sdgs": [4, 9, 17], "dac": "",
     "description": "Le partenariat historique entre la ville de Nancy et la ville de Kiryat Shmona, en Israël, "
                    "s'articule autour de plusieurs thématiques : la recherche universitaire (coopération entre le "
                    "centre de recherche agronomique de Kiryat Shmona et l'institut Jean Lamour de Nancy), le sport "
                    "(projet UrbanLoop) ou encore la jeunesse.",
     "history": "Partenariat débuté en 1984.",
     "others": [("Institut Jean Lamour", "universite", "FR", "Nancy", "Coopération de recherche"),
                ("Centre de recherche agronomique de Kiryat Shmona", "universite", "IL", "Kiryat Shmona",
                 "Coopération de recherche")],
     "contacts": [("elu", "Mohammed El Ghazili",
                   "Conseiller délégué à la ville de Nancy sur les partenariats avec l'Asie et le Maghreb", "nancy")],
     "source": SOURCE_RAICT},
    {"title": "Coopération Le Lamentin – Santiago de Cuba",
     "french": ["le-lamentin"], "partners": ["santiago-de-cuba"], "kind": "cooperation", "status": "en_cours",
     "themes": ["services-publics-locaux-et-gouvernance"], "sdgs": [11, 17], "dac": "",
     "description": "Rappel de la coopération entre le Lamentin et Santiago de Cuba : reconduction des accords de "
                    "coopération en décembre 2023.",
     "contacts": [("elu", "Judith Laborieux", "4e adjointe au Maire en charge des risques majeurs, membre de la "
                   "Commission coopération", "le-lamentin")],
     "source": SOURCE_RAICT},
    {"title": "Jumelage Grigny – camp de réfugiés d'Aida : le football pour les enfants",
     "french": ["grigny"], "partners": ["camp-de-refugies-d-aida"], "kind": "jumelage", "status": "en_cours",
     "themes": ["sport", "education-et-jeunesse"], "sdgs": [3, 16], "dac": "",
     "description": "La ville de Grigny est jumelée avec un camp de réfugiés en Palestine, à Aida. Grâce au soutien "
                    "du MEAE, la ville a pu accueillir 15 enfants sur la thématique du football. Par la suite, il est "
                    "prévu l'envoi de six éducateurs sur place pour aider au développement du football en Palestine.",
     "funding": [("meae", 2023, None, "Soutien du MEAE")],
     "contacts": [("elu", "Philippe Rio", "Maire de Grigny", "grigny")], "source": SOURCE_RAICT},
    {"title": "Coopération Tremblay-en-France – Cuba", "french": ["tremblay-en-france"],
     "partners": ["ville-aeroportuaire-de-cuba"], "kind": "cooperation", "status": "en_cours",
     "themes": ["sport"], "sdgs": [17], "dac": "",
     "description": "La ville de Tremblay a développé une coopération avec la ville aéroportuaire de Cuba.",
     "contacts": [("elu", "Romain Michel Bodard", "Conseiller municipal délégué au sport professionnel et de haut "
                   "niveau, aux Jeux Olympiques de 2024", "tremblay-en-france")], "source": SOURCE_RAICT},
    {"title": "Programmes de coopération de Bordeaux avec Cuba", "french": ["bordeaux"],
     "partners": ["collectivites-cubaines-partenaires"], "kind": "cooperation", "status": "en_cours",
     "themes": ["services-publics-locaux-et-gouvernance"], "sdgs": [17], "dac": "",
     "description": "Plusieurs programmes de coopération, avec la ville de Bordeaux ou la Région Bretagne notamment, "
                    "ont vu le jour depuis les années 1990. Cuba développe, depuis 2011, l'autonomie des "
                    "collectivités locales pour leur permettre de nouer des partenariats internationaux avec leurs "
                    "homologues.",
     "contacts": [("elu", "Cécile Papin", "Adjointe à la maire de Bordeaux, Présidente de la Dynamique Amérique "
                   "Latine et Caraïbes", "bordeaux")], "source": SOURCE_RAICT},
    {"title": "Programmes de coopération de la Région Bretagne avec Cuba", "french": ["region-bretagne"],
     "partners": ["collectivites-cubaines-partenaires"], "kind": "cooperation", "status": "en_cours",
     "themes": ["services-publics-locaux-et-gouvernance"], "sdgs": [17], "dac": "",
     "description": "Mme Danae de Paz de Grau a rappelé les coopérations existantes avec Cuba depuis les années "
                    "1990. Plusieurs programmes de coopération, avec la ville de Bordeaux ou la Région Bretagne "
                    "notamment, ont vu le jour depuis cette date.", "source": SOURCE_RAICT},
    {"title": "Chartres et l'Argentine : coopération décentralisée franco-argentine", "french": ["chartres"],
     "partners": ["provinces-argentines-partenaires"], "kind": "cooperation", "status": "en_cours",
     "themes": ["francophonie-et-echanges"], "sdgs": [17], "dac": "",
     "description": "Aujourd'hui, un tiers des projets de coopération décentralisée de l'Argentine se font avec des "
                    "collectivités françaises. Ces dernières s'engagent aussi dans la réponse aux appels à projet du "
                    "MEAE, qui ont permis de soutenir 55 projets dans des thématiques diverses.",
     "history": "Accord-cadre de 1964 signé à l'occasion de la visite du Général de Gaulle en Argentine ; en 2016, "
                "déclaration des deux gouvernements s'engageant à soutenir les coopérations décentralisées.",
     "contacts": [("elu", "Patrick Géroudet", "Adjoint au Maire de Chartres et Président du groupe-pays Argentine "
                   "de Cités Unies France", "chartres")], "source": SOURCE_RAICT},
    {"title": "Aix-en-Provence et le Japon : Rencontres franco-japonaises", "french": ["aix-en-provence"],
     "partners": ["collectivites-japonaises-partenaires"], "kind": "autre", "status": "en_cours",
     "themes": ["culture", "francophonie-et-echanges"], "sdgs": [17], "dac": "",
     "description": "Les 7e Rencontres franco-japonaises ont eu lieu en octobre 2022 à Aix-en-Provence. La réunion "
                    "du groupe-pays Japon a fait le point sur l'état d'avancement des coopérations décentralisées "
                    "entre la France et le Japon, et préparé les Rencontres franco-japonaises du 18 au 21 novembre "
                    "2024.",
     "contacts": [("elu", "Karima Zerkani-Raynal", "Adjointe au Maire déléguée aux Relations Internationales, "
                   "Présidente du groupe-pays Japon de Cités Unies France", "aix-en-provence")],
     "source": SOURCE_RAICT},
    {"title": "Accès à l'eau potable au Niger : Cesson-Sévigné – Dankassari", "french": ["cesson-sevigne"],
     "partners": ["dankassari"], "kind": "cooperation", "status": "en_cours", "themes": ["eau-et-assainissement"],
     "sdgs": [6], "dac": "14030", "description": "Accès à l'eau potable au Niger - Dankassari / Cesson-Sévigné.",
     "others": [("Réseau Tarbiyya Tatali", "association", "FR", "", "")], "source": SOURCE_CNCD},
    {"title": "Patrimoine et gouvernance urbaine : Bayonne – Veliko Tarnovo (Bulgarie)", "french": ["bayonne"],
     "partners": ["veliko-tarnovo"], "kind": "cooperation", "status": "en_cours",
     "themes": ["patrimoine", "services-publics-locaux-et-gouvernance"], "sdgs": [11], "dac": "16061",
     "description": "Patrimoine et gouvernance urbaine : Veliko Turnovo (Bulgarie) / Bayonne.", "source": SOURCE_CNCD},
    {"title": "Gestion des déchets au Mozambique : Seine-Saint-Denis avec Maputo et Matola",
     "french": ["departement-de-la-seine-saint-denis"], "partners": ["maputo", "matola"], "kind": "cooperation",
     "status": "en_cours", "themes": ["gestion-des-dechets"], "sdgs": [11, 12], "dac": "14050",
     "description": "Gestion des déchets au Mozambique - Maputo et Matola / Conseil général de Seine-Saint-Denis.",
     "source": SOURCE_CNCD},
    {"title": "Soutien aux professionnels de la santé en Mongolie : Allier – Aimag de l'Uvurkhangai",
     "french": ["departement-de-l-allier"], "partners": ["aimag-de-l-uvurkhangai"], "kind": "cooperation",
     "status": "en_cours", "themes": ["sante"], "sdgs": [3], "dac": "12220",
     "description": "Soutien aux professionnels de la santé en Mongolie - Aimag de l'Uvurkhangai / Conseil général "
                    "de l'Allier.", "others": [("Association APAU", "association", "FR", "", "")],
     "source": SOURCE_CNCD},
    {"title": "Coopération Jaipur – région Midi-Pyrénées : patrimoine", "french": ["region-midi-pyrenees"],
     "partners": ["jaipur"], "kind": "cooperation", "status": "en_cours",
     "themes": ["patrimoine", "culture"], "sdgs": [11], "dac": "16061",
     "description": "Coopération Jaipur/région Midi-Pyrénées (Palais des vents à Jaipur).",
     "others": [("ANVPAH & VSSP", "reseau", "FR", "", "Association nationale des villes et pays d'art et "
                 "d'histoire et des villes à secteurs sauvegardés et protégés")], "source": SOURCE_CNCD},
]

BOURSE = [
    ("Saint-Louis : gestion des déchets et assainissement des quartiers", "saint-louis-senegal",
     ["gestion-des-dechets", "eau-et-assainissement"],
     "Demande de coopération relayée par l'ambassade : développement local en matière de services publics locaux, "
     "eau et assainissement.", "Service de coopération et d'action culturelle, Ambassade de France au Sénégal"),
    ("Abalak : éducation et alphabétisation", "abalak", ["education-et-jeunesse"],
     "Demande de partenariat d'une collectivité locale nigérienne pour l'éducation et l'alphabétisation.",
     "Service de coopération et d'action culturelle, Ambassade de France au Niger"),
    ("Veliko Tarnovo : patrimoine et développement urbain", "veliko-tarnovo", ["patrimoine", "developpement-urbain"],
     "Demande de coopération dans le domaine du patrimoine et du développement urbain.",
     "Service de coopération, Ambassade de France en Bulgarie"),
]


def _collectivities():
    france = Country.objects.get(iso2="FR")
    departments = {d.code: d for d in Department.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    out = {}
    for slug, (name, kind, code, dep, reg, lat, lon, member) in FRENCH.items():
        # The registry's record when there is one (its name, codes and places win); the slug stays the
        # demo's, which the other apps' demo content uses.
        candidate = Collectivity(name=name, kind=kind, code=code, department=departments.get(dep),
                                 region=regions[reg], country=france)
        registered = Collectivity.objects.filter(slug=slug, is_registry=True).first() or registry_match(candidate)
        if registered is not None:
            Collectivity.objects.filter(slug=slug).exclude(pk=registered.pk).delete()
            registered.slug, registered.is_cuf_member = slug, member
            if registered.position_approximate:
                registered.latitude, registered.longitude, registered.position_approximate = lat, lon, False
            registered.save()
            out[slug] = registered
            continue
        out[slug], _ = Collectivity.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "country": france, "code": code,
            "department": departments.get(dep), "region": regions[reg], "latitude": lat, "longitude": lon,
            "is_cuf_member": member, "is_generated": False})
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in={p[2] for p in PARTNERS.values()})}
    for slug, (name, kind, iso2, lat, lon) in PARTNERS.items():
        country = countries[iso2]
        out[slug], _ = Collectivity.objects.update_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "country": country,
            "latitude": lat if lat is not None else country.latitude,
            "longitude": lon if lon is not None else country.longitude, "is_generated": False})
    return out


def _fiches(collectivities):
    themes = {t.slug: t for t in Theme.objects.all()}
    countries = {c.iso2: c for c in Country.objects.all()}
    ids = []
    for fiche in FICHES:
        project, _ = Project.objects.update_or_create(slug=slugify(fiche["title"])[:300], defaults={
            "title": fiche["title"], "kind": fiche["kind"], "status": fiche["status"],
            "start_year": fiche.get("start"), "end_year": fiche.get("end"),
            "convention_date": date(*fiche["convention"]) if fiche.get("convention") else None,
            "dac_code": fiche.get("dac", ""), "objectives": fiche.get("objectives", ""),
            "description": fiche["description"], "history": fiche.get("history", ""),
            "context": fiche.get("context", ""), "last_update": None,  # the seeds date no update of a fiche
            "update_source": fiche["source"], "is_published": True})
        project.participations.all().delete()
        for index, slug in enumerate(fiche["french"]):
            Participation.objects.create(project=project, collectivity=collectivities[slug], is_lead=index == 0)
        for slug in fiche["partners"]:
            Participation.objects.create(project=project, collectivity=collectivities[slug])
        project.themes.set([themes[s] for s in fiche["themes"]])
        project.sdgs.set(fiche["sdgs"])
        project.funding_lines.all().delete()
        for source, year, amount, label in fiche.get("funding", []):
            if amount is not None:
                FundingLine.objects.create(project=project, source=source, year=year, amount=Decimal(amount),
                                           label=label)
        project.partners.all().delete()
        for name, kind, iso2, city, role in fiche.get("others", []):
            ProjectPartner.objects.create(project=project, name=name, kind=kind, country=countries[iso2],
                                          city=city, role=role)
        project.contacts.all().delete()
        for role, name, function, slug in fiche.get("contacts", []):
            ProjectContact.objects.create(project=project, role=role, name=name, function=function,
                                          collectivity=collectivities[slug])
        ids.append(project.pk)
    refresh_search_documents(ids)
    return len(ids)


def _bourse(collectivities):
    themes = {t.slug: t for t in Theme.objects.all()}
    for index, (title, slug, theme_slugs, description, embassy) in enumerate(BOURSE):
        request, _ = BourseRequest.objects.update_or_create(slug=slugify(title)[:300], defaults={
            "authority": collectivities[slug], "title": title, "description": description,
            "date": date(2024, 1 + index, 15), "embassy_contact": embassy, "status": BourseRequest.Status.OPEN,
            # Invented: seed 003 describes the Bourse and its scale but names no request.
            "is_demo": True})
        request.themes.set([themes[s] for s in theme_slugs])
    return len(BOURSE)


def _account(collectivities):
    User = get_user_model()
    user, _ = User.objects.update_or_create(email=DEMO_EMAIL, defaults={
        "first_name": "Agent", "last_name": "Nîmes Métropole"})
    user.set_password(DEMO_PASSWORD)
    user.save()
    CollectivityMember.objects.update_or_create(user=user, defaults={
        "collectivity": collectivities["nimes-metropole"],
        "function": "Chargé(e) de mission relations internationales"})


@transaction.atomic
def load(stdout):
    count = load_reference()
    stdout.write(f"Atlas : {count} pays, régions et départements de référence.")
    counts = load_registry()
    stdout.write(f"Atlas : registre officiel, {counts['rows']} collectivités françaises.")
    adopt_registry(stdout)
    collectivities = _collectivities()
    # After the real collectivities: the generated set skips their names. Generated once: other apps'
    # demo content (funds, declarations) may link to generated collectivities afterwards.
    if not Project.objects.filter(is_generated=True).exists():
        generate("demo", stdout)
    fiches = _fiches(collectivities) + demo_seed_partnerships.load()
    bourse = _bourse(collectivities)
    _account(collectivities)
    stdout.write(f"Atlas : {fiches} fiches réelles (documents de CUF), {bourse} demandes de la Bourse-projets.")
    stdout.write(f"Compte collectivité (Nîmes Métropole, adhérente) : {DEMO_EMAIL} / {DEMO_PASSWORD}")
