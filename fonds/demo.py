"""Demo content of the funds and of the e-APD, from the seeds (the funds, their committees and news).

The funds, their crises, committee meetings and news are those of the real CUF pages
(seeds 000 and 001). Amounts of contributions, allocations and declarations are invented
and flagged `is_demo` ("donnée de démonstration"). Idempotent: update_or_create on natural keys.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import ngettext

from atlas.models import Collectivity, Country, Department, Region

from . import services
from .models import (
    Allocation,
    Campaign,
    CommitteeMeeting,
    Contribution,
    DacSector,
    Declaration,
    DeclarationLine,
    Fund,
    LedgerEntry,
    ProgressUpdate,
    StateChange,
)
from .reference import load_eapd_reference

PARIS = ZoneInfo("Europe/Paris")

# slug: (name, kind, code (SIREN), région INSEE, département INSEE, lat, lon)
COLLECTIVITIES = {
    "region-centre-val-de-loire": ("Région Centre-Val de Loire", "region", "234500023", "24", "", 47.90, 1.90),
    "nimes-metropole": ("Nîmes Métropole", "epci", "243000643", "76", "30", 43.84, 4.36),
    "montpellier-mediterranee-metropole": ("Montpellier Méditerranée Métropole", "epci", "243400017", "76", "34",
                                           43.61, 3.88),
    "nantes-metropole": ("Nantes Métropole", "epci", "244400404", "52", "44", 47.22, -1.55),
    "region-pays-de-la-loire": ("Région Pays de la Loire", "region", "234400034", "52", "", 47.47, -0.55),
    "lyon": ("Lyon", "commune", "216901231", "84", "69", 45.76, 4.84),
}


def _collectivities():
    france = Country.objects.get(iso2="FR")
    result = {}
    for slug, (name, kind, code, region, department, lat, lon) in COLLECTIVITIES.items():
        existing = Collectivity.objects.filter(slug=slug).first() or (
            Collectivity.objects.filter(code=code).first() if code else None)
        if existing is None:
            existing, _ = Collectivity.objects.update_or_create(slug=slug, defaults={
                "name": name, "kind": kind, "country": france, "code": code,
                "region": Region.objects.filter(code=region).first(),
                "department": Department.objects.filter(code=department).first() if department else None,
                "latitude": lat, "longitude": lon, "is_cuf_member": True})
        result[slug] = existing
    return result


# The funds and their texts as seed 001 writes them (truncated items end with "(...)" as on the page).
# Opening dates and targets are not in the seeds: they are examples, hence `is_demo` on every fund.
FUNDS = [
    {
        "slug": "fonds-ukraine", "name": "Fonds de solidarité Ukraine", "country": "UA",
        "crisis": "Ukraine", "event_date": None,
        "opened_on": datetime.date(2022, 3, 1), "target": Decimal("1000000"),
        "summary": "Le comité des donateurs du Fonds Ukraine revient sur les activités en cours.",
        "description": "Le mercredi 13 mars à 11h00 se tiendra, en visioconférence, la prochaine réunion du comité "
                       "des donateurs du Fonds Ukraine. Cette réunion sera l’occasion de revenir sur les activités "
                       "en cours et de planifier une possible mission de terrain en Moldavie, ainsi que l’accueil "
                       "d’une délégation de (...)",
        "co_organisers": "", "committee_chair": "",
    },
    {
        "slug": "fonds-maroc", "name": "Fonds de solidarité pour le Maroc", "country": "MA",
        "crisis": "Maroc", "event_date": None,
        "opened_on": datetime.date(2023, 9, 12), "target": Decimal("500000"),
        "summary": "Le comité des donateurs est présidé par François Bonneau, Président de la région "
                   "Centre-Val de Loire.",
        "description": "Le mercredi 21 février a eu lieu la première réunion du comité des donateurs du fonds de "
                       "solidarité pour le Maroc, présidée par François Bonneau, Président de la région "
                       "Centre-Val de Loire. Cette réunion a été l’occasion de rappeler le contexte de création de "
                       "ce fonds, et de faire un (...)",
        "co_organisers": "",
        "committee_chair": "François Bonneau, Président de la région Centre-Val de Loire",
    },
    {
        "slug": "fonds-turquie", "name": "Fonds de solidarité pour la Turquie", "country": "TR",
        "crisis": "Séisme de magnitude 7.8 dans le sud-est de la Turquie, près de la ville de Gaziantep",
        "event_date": datetime.date(2023, 2, 6),
        "opened_on": datetime.date(2023, 2, 10), "target": Decimal("400000"),
        "summary": "Fonds ouvert après le séisme qui a frappé le sud-est de la Turquie dans la nuit du 5 au 6 "
                   "février 2023, en collaboration avec les Régions de France.",
        "description": "Pour rappel, dans la nuit du 5 au 6 février 2023, un violent séisme de magnitude 7.8 a "
                       "frappé le sud-est de la Turquie, près de la ville de Gaziantep. Suite à cette catastrophe, "
                       "Cités Unies France a ouvert un fonds de solidarité pour la Turquie, en collaboration avec "
                       "les Régions de France, (...)",
        "co_organisers": "Régions de France", "committee_chair": "",
    },
    {
        "slug": "fonds-haiti", "name": "Fonds de solidarité pour Haïti", "country": "HT",
        "crisis": "Tremblement de terre de magnitude 7.2", "event_date": None,
        "opened_on": datetime.date(2021, 8, 20), "target": Decimal("300000"),
        "summary": "Architectes sans Frontières (ASF), partenaire du fonds, a lancé un appel aux dons pour la "
                   "reconstruction du Collège de la Trinité.",
        "description": "Architectes sans Frontières (ASF), notre partenaire dans le cadre du fonds de solidarité "
                       "pour Haïti, a lancé un appel aux dons afin de compléter le financement de la reconstruction "
                       "du Collège de la Trinité. Pour rappel, suite au tremblement de terre de magnitude 7.2 qui a "
                       "frappé le Sud (...)",
        "co_organisers": "", "committee_chair": "",
    },
]

# fund slug -> [(collectivity slug, amount, pledged_on, received_on or None, show_amount)]
CONTRIBUTIONS = {
    "fonds-ukraine": [("nantes-metropole", 50000, (2022, 3, 15), (2022, 4, 20), True),
                      ("region-centre-val-de-loire", 80000, (2022, 3, 25), (2022, 5, 10), True),
                      ("lyon", 30000, (2024, 2, 5), None, False)],
    "fonds-maroc": [("region-centre-val-de-loire", 150000, (2023, 10, 6), (2023, 11, 15), True),
                    ("montpellier-mediterranee-metropole", 50000, (2023, 10, 20), (2023, 12, 4), True),
                    ("nimes-metropole", 20000, (2024, 1, 30), None, False)],
    "fonds-turquie": [("region-pays-de-la-loire", 100000, (2023, 3, 2), (2023, 4, 12), True),
                      ("lyon", 25000, (2023, 3, 10), (2023, 4, 28), False)],
    "fonds-haiti": [("nantes-metropole", 30000, (2021, 9, 15), (2021, 11, 2), True),
                    ("montpellier-mediterranee-metropole", 20000, (2021, 10, 1), (2021, 12, 10), True)],
}

ALLOCATIONS = {
    "fonds-ukraine": [("Équipement des communes d'accueil de personnes déplacées",
                       "Association des villes ukrainiennes (AUC)", "Kyiv", 50.45, 30.52, 60000, (2022, 6, 15),
                       "ongoing", 70)],
    "fonds-maroc": [("Remise en état d'équipements publics communaux", "Association marocaine des présidents des "
                     "conseils communaux", "Province d'Al Haouz", 31.10, -8.00, 120000, (2024, 3, 1), "ongoing", 35)],
    "fonds-turquie": [("Reconstruction de services publics municipaux", "Union des municipalités de Turquie",
                       "Gaziantep", 37.07, 37.38, 80000, (2023, 6, 15), "ongoing", 60)],
    "fonds-haiti": [("Reconstruction du Collège de la Trinité", "Architectes sans Frontières (ASF)",
                     "Sud d'Haïti", 18.20, -73.75, 45000, (2022, 3, 1), "ongoing", 80)],
}

MEETINGS = [
    ("fonds-ukraine", "Réunion du comité des donateurs du Fonds Ukraine, le 13 mars 2024",
     datetime.datetime(2024, 3, 13, 11, 0, tzinfo=PARIS), True, "",
     "Le mercredi 13 mars à 11h00 se tiendra, en visioconférence, la prochaine réunion du comité des donateurs du "
     "Fonds Ukraine. Cette réunion sera l’occasion de revenir sur les activités en cours et de planifier une "
     "possible mission de terrain en Moldavie, ainsi que l’accueil d’une délégation de (...)"),
    ("fonds-maroc", "Première réunion du comité des donateurs du fonds de solidarité Maroc, le 21 février 2024",
     # Seed 001 gives the day only: midnight means "time not given" (fonds/fund.html shows no time then).
     datetime.datetime(2024, 2, 21, 0, 0, tzinfo=PARIS), False,
     "François Bonneau, Président de la région Centre-Val de Loire",
     "Le mercredi 21 février a eu lieu la première réunion du comité des donateurs du fonds de solidarité pour le "
     "Maroc, présidée par François Bonneau, Président de la région Centre-Val de Loire. Cette réunion a été "
     "l’occasion de rappeler le contexte de création de ce fonds, et de faire un (...)"),
]

UPDATES = [
    ("fonds-turquie", datetime.date(2024, 2, 29), "Fonds de solidarité pour la Turquie : les avancées de juin 2023 à "
     "février 2024",
     "Pour rappel, dans la nuit du 5 au 6 février 2023, un violent séisme de magnitude 7.8 a frappé le sud-est de la "
     "Turquie, près de la ville de Gaziantep. Suite à cette catastrophe, Cités Unies France a ouvert un fonds de "
     "solidarité pour la Turquie, en collaboration avec les Régions de France, (...)"),
    ("fonds-haiti", datetime.date(2024, 3, 1), "Architectes sans Frontières lance un appel aux dons pour la "
     "reconstruction d'une école",
     "Architectes sans Frontières (ASF), notre partenaire dans le cadre du fonds de solidarité pour Haïti, a lancé "
     "un appel aux dons afin de compléter le financement de la reconstruction du Collège de la Trinité. Pour "
     "rappel, suite au tremblement de terre de magnitude 7.2 qui a frappé le Sud (...)"),
]

# (collectivity slug, year, state, [(label, iso2, category, sector, amount)])
DECLARATIONS = [
    ("region-centre-val-de-loire", 2023, "validated", [
        ("Coopération avec la région de Mopti : santé et formation", "ML", "cooperation", "12220", 420000),
        ("Appui à la décentralisation au Maroc", "MA", "cooperation", "15112", 180000)]),
    ("region-centre-val-de-loire", 2024, "validated", [
        ("Coopération avec la région de Mopti : santé et formation", "ML", "cooperation", "12220", 450000),
        ("Contribution au fonds de solidarité pour le Maroc", "MA", "urgence", "73010", 150000),
        ("Bourses d'étudiants maliens", "ML", "bourses", "11420", 60000)]),
    ("region-centre-val-de-loire", 2025, "validated", [
        ("Coopération avec la région de Mopti : santé et formation", "ML", "cooperation", "12220", 430000),
        ("Appui à la décentralisation au Maroc", "MA", "cooperation", "15112", 200000)]),
    ("nantes-metropole", 2024, "validated", [
        ("Coopération avec Rufisque : gestion des déchets", "SN", "dechets", "14050", 120000),
        ("1 % eau : accès à l'eau potable à Rufisque", "SN", "eau", "14030", 95000)]),
    ("lyon", 2024, "validated", [
        ("Coopération avec Ouagadougou : développement urbain", "BF", "cooperation", "43030", 210000),
        ("Coopération avec Porto-Novo : patrimoine et tourisme", "BJ", "cooperation", "33210", 140000),
        ("Coopération avec Hô Chi Minh-Ville : services urbains", "VN", "cooperation", "43030", 160000)]),
    ("montpellier-mediterranee-metropole", 2024, "validated", [
        ("Aide d'urgence après le séisme au Maroc", "MA", "urgence", "72010", 50000),
        ("Subvention à une association de solidarité avec Haïti", "HT", "ong", "73010", 20000)]),
    ("nimes-metropole", 2024, "validated", [
        ("Éducation à la citoyenneté mondiale dans les collèges", "SN", "sensibilisation", "99820", 15000)]),
    ("lyon", 2025, "submitted", [
        ("Coopération avec Ouagadougou : développement urbain", "BF", "cooperation", "43030", 220000),
        ("Coopération avec Hô Chi Minh-Ville : services urbains", "VN", "cooperation", "43030", 170000)]),
    ("nantes-metropole", 2025, "draft", [
        ("Coopération avec Rufisque : gestion des déchets", "SN", "dechets", "14050", 125000)]),
]


def _funds(collectivities):
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in=[f["country"] for f in FUNDS])}
    funds = {}
    for data in FUNDS:
        data = dict(data)
        slug = data.pop("slug")
        data["country"] = countries[data["country"]]
        funds[slug], _ = Fund.objects.update_or_create(slug=slug, defaults={**data, "is_demo": True,
                                                                            "status": Fund.Status.OPEN})
    for slug, rows in CONTRIBUTIONS.items():
        fund = funds[slug]
        for collectivity_slug, amount, pledged, received, shown in rows:
            collectivity = collectivities[collectivity_slug]
            reference = f"Délibération de démonstration n° {pledged[0]}-{pledged[1]:02d}-{collectivity.pk}"
            # Found again by what does not change: the reference carries the pk of the collectivity at the
            # first load, and load_demo then moves that record onto its registry record (another pk).
            contribution = Contribution.objects.filter(fund=fund, collectivity=collectivity, is_demo=True,
                                                       pledged_on=datetime.date(*pledged)).first()
            if contribution is None:
                contribution = services.pledge(fund, collectivity, Decimal(amount), reference, show_amount=shown,
                                               pledged_on=datetime.date(*pledged), is_demo=True)
            if received and contribution.state == Contribution.State.PLEDGED:
                services.record_receipt(contribution, received_on=datetime.date(*received))
    for slug, rows in ALLOCATIONS.items():
        fund = funds[slug]
        for title, partner, place, lat, lon, amount, decided, status, progress in rows:
            allocation = Allocation.objects.filter(fund=fund, title=title).first()
            if allocation is None:
                allocation = services.allocate(fund, Decimal(amount), title, partner, place,
                                               decided_on=datetime.date(*decided), latitude=lat, longitude=lon,
                                               status=status, progress=progress, is_demo=True)
            else:
                Allocation.objects.filter(pk=allocation.pk).update(status=status, progress=progress,
                                                                   latitude=lat, longitude=lon)
    for slug, title, starts_at, online, chair, summary in MEETINGS:
        CommitteeMeeting.objects.update_or_create(fund=funds[slug], title=title, defaults={
            "starts_at": starts_at, "is_online": online, "chair": chair, "summary": summary})
    haiti_school = Allocation.objects.filter(fund=funds["fonds-haiti"], title__contains="Trinité").first()
    for slug, published, title, body in UPDATES:
        ProgressUpdate.objects.update_or_create(fund=funds[slug], title=title, defaults={
            "published_on": published, "body": body,
            "allocation": haiti_school if slug == "fonds-haiti" else None})
    return funds


def _campaigns(today):
    for year in (2023, 2024):
        services.create_campaign(year)
    return services.create_campaign(
        2025, opens_on=today - datetime.timedelta(days=30), closes_on=today + datetime.timedelta(days=45),
        note="Campagne de démonstration ouverte hors calendrier pour essayer la télédéclaration : les données "
             "sont ordinairement saisies entre mai et juin de chaque année.")


def _declarations(collectivities):
    sectors = {s.code: s for s in DacSector.objects.all()}
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in={line[1] for d in DECLARATIONS for line in d[3]})}
    count = 0
    for slug, year, state, lines in DECLARATIONS:
        collectivity = collectivities[slug]
        campaign = Campaign.objects.get(year=year)
        declaration, created = Declaration.objects.get_or_create(collectivity=collectivity, campaign=campaign,
                                                                 defaults={"is_demo": True})
        if not created:
            continue
        for label, iso2, category, sector, amount in lines:
            DeclarationLine.objects.create(declaration=declaration, label=label, country=countries[iso2],
                                           category=category, sector=sectors[sector], amount=Decimal(amount))
        moment = datetime.datetime(year + 1, 5, 20, 10, 0, tzinfo=PARIS)
        StateChange.objects.create(declaration=declaration, from_state="", to_state="draft",
                                   comment="donnée de démonstration")
        if state in ("submitted", "validated"):
            declaration.declarant_name = "Déclarant de démonstration"
            declaration.declarant_function = "Direction des relations internationales"
            declaration.attested = True
            declaration.submitted_at = min(moment, timezone.now())
            declaration.state = "submitted"
            StateChange.objects.create(declaration=declaration, from_state="draft", to_state="submitted")
        if state == "validated":
            declaration.state = "validated"
            declaration.validated_at = min(moment + datetime.timedelta(days=7), timezone.now())
            StateChange.objects.create(declaration=declaration, from_state="submitted", to_state="validated")
        declaration.save()
        count += 1
    return count


def load(stdout):
    eligible = load_eapd_reference()
    collectivities = _collectivities()
    funds = _funds(collectivities)
    campaign = _campaigns(timezone.localdate())
    created = _declarations(collectivities)
    stdout.write(f"Fonds : {len(funds)} fonds de solidarité, {LedgerEntry.objects.count()} écritures au registre ; "
                 f"e-APD : {eligible} pays éligibles, campagne {campaign.year} ouverte, "
                 + ngettext("{n} déclaration de démonstration créée.", "{n} déclarations de démonstration créées.",
                            created).format(n=created))
