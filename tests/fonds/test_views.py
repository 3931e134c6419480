"""Pages of the funds and the e-APD: permissions by URL, bad input, exports, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from atlas.models import Country
from fonds import services
from fonds.models import Contribution, DacSector, Declaration, Fund
from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

from .factories import CampaignFactory, FundFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def member(eapd_reference):
    france = Country.objects.get(iso2="FR")
    return CollectivityMemberFactory(collectivity=CollectivityFactory(name="Ville de Rennes", country=france))


@pytest.fixture
def other(eapd_reference):
    return CollectivityMemberFactory(collectivity=CollectivityFactory(country=Country.objects.get(iso2="FR")))


def _fund_with_money(n_donors=3):
    fund = FundFactory(country=Country.objects.get(iso2="MA"))
    for i in range(n_donors):
        contribution = services.pledge(fund, CollectivityFactory(), Decimal("1000"), f"D{i}", show_amount=i % 2 == 0)
        services.record_receipt(contribution)
        services.allocate(fund, Decimal("500"), f"Projet {i}", "ONG", "Marrakech", latitude=31.6, longitude=-8.0)
    return fund


@pytest.mark.parametrize("n", [1, 6])
def test_fund_pages_query_count_does_not_grow(client, eapd_reference, django_assert_max_num_queries, n):
    fund = _fund_with_money(n)
    # The site-wide demo notice reads a database-cache entry on every page: 1 query once warm, 7 on the
    # request that fills it (read, probe, count for culling, savepoint, select, insert, release). Warm it
    # first, so that the pins below count the page's own queries plus that 1 read, whatever ran before.
    client.get("/fonds/")
    with django_assert_max_num_queries(12):  # 6 of the fund page + 1 demo-notice cache read
        assert client.get(f"/fonds/{fund.slug}/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/fonds/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/fonds/registre/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/fonds/registre.csv").status_code == 200


def test_fund_page_totals_and_consent(client, eapd_reference):
    fund = FundFactory(country=Country.objects.get(iso2="MA"), target=Decimal("10000"))
    shy = CollectivityFactory(name="Commune discrète")
    proud = CollectivityFactory(name="Commune fière")
    services.record_receipt(services.pledge(fund, shy, Decimal("1111"), "D1", show_amount=False))
    services.record_receipt(services.pledge(fund, proud, Decimal("2222"), "D2", show_amount=True))
    services.pledge(fund, proud, Decimal("500"), "D3", show_amount=True)
    html = client.get(f"/fonds/{fund.slug}/").content.decode()
    assert "3\u202f833\u00a0€</strong> promis" in html
    assert "3\u202f333\u00a0€</strong> reçus" in html
    assert "2</strong> collectivités donatrices" in html
    assert 'aria-valuenow="33"' in html
    assert "Commune discrète" in html and "Commune fière</a> — 2\u202f722\u00a0€" in html
    assert "1\u202f111\u00a0€" not in html.split('id="donateurs"')[1].split("</section>")[0]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/fonds/registre.csv?fonds={fund.slug}")
                                           .content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(r["montant_eur"] for r in rows) == ["1111,00", "2222,00"]
    assert {r["libelle"] for r in rows} == {"Versement de Une collectivité donatrice", "Versement de Commune fière"}
    geojson = client.get(f"/fonds/{fund.slug}/projets.geojson").json()
    assert geojson == {"type": "FeatureCollection", "features": []}


def test_funds_list_shows_open_first(client, eapd_reference):
    FundFactory(name="Fonds clos", status=Fund.Status.CLOSED, opened_on="2025-01-01")
    FundFactory(name="Fonds ouvert", opened_on="2020-01-01")
    html = client.get("/fonds/").content.decode()
    assert html.index("Fonds ouvert") < html.index("Fonds clos")


def test_pledge_online_then_follow_it(client, member):
    fund = FundFactory()
    client.force_login(member.user)
    response = client.post(f"/fonds/{fund.slug}/contribuer/", {
        "amount": "12 500,50", "decision_reference": "Délibération 2026-42",
        "decision_file": SimpleUploadedFile("deliberation.pdf", PDF, "application/pdf"), "show_amount": "on"})
    contribution = Contribution.objects.get()
    assert response.status_code == 302 and response.url == f"/fonds/mes-contributions/{contribution.pk}/"
    assert contribution.amount == Decimal("12500.50") and contribution.collectivity == member.collectivity
    assert contribution.state == Contribution.State.PLEDGED and contribution.decision_file
    assert "12\u202f500,50" in client.get("/fonds/mes-contributions/").content.decode()


@pytest.mark.parametrize("data, upload, message", [
    ({"amount": "-5"}, ("d.pdf", PDF), "strictement positif"),
    ({"amount": "2000000000"}, ("d.pdf", PDF), "milliard"),
    ({"amount": "abc"}, ("d.pdf", PDF), "Saisissez un montant"),
    ({"amount": "100"}, ("d.exe", PDF), "Type de fichier non accepté"),
    ({"amount": "100"}, ("d.pdf", b"MZ\x90\x00 not a pdf"), "ne correspond pas"),
    ({"amount": "100"}, ("d.png", b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024)), "10 Mo"),
])
def test_pledge_bad_input_gets_a_french_message(client, member, data, upload, message):
    fund = FundFactory()
    client.force_login(member.user)
    response = client.post(f"/fonds/{fund.slug}/contribuer/", {
        "decision_reference": "D", **data, "decision_file": SimpleUploadedFile(upload[0], upload[1])})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contribution.objects.exists()


def test_user_without_collectivity_cannot_pledge(client, eapd_reference):
    client.force_login(UserFactory())
    assert client.get(f"/fonds/{FundFactory().slug}/contribuer/").status_code == 403


def test_other_collectivitys_contribution_and_declaration_are_404(client, member, other):
    fund = FundFactory()
    theirs = services.pledge(fund, other.collectivity, Decimal("100"), "D")
    campaign = CampaignFactory()
    declaration = services.start_declaration(other.collectivity, campaign)
    their_line = services.add_line(declaration, country=Country.objects.get(iso2="SN"), category="ong",
                                   sector=DacSector.objects.get(code="99820"), amount=Decimal("10"), label="L")
    client.force_login(member.user)
    base = f"/fonds/e-apd/declarations/{declaration.pk}"
    assert client.get(f"/fonds/mes-contributions/{theirs.pk}/").status_code == 404
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/lignes/ajouter/", {}).status_code == 404
    assert client.get(f"{base}/lignes/{their_line.pk}/modifier/").status_code == 404
    assert client.post(f"{base}/lignes/{their_line.pk}/supprimer/").status_code == 404
    assert client.post(f"{base}/soumettre/", {}).status_code == 404
    mine = services.start_declaration(member.collectivity, campaign)
    assert client.get(f"/fonds/e-apd/declarations/{mine.pk}/lignes/{their_line.pk}/modifier/").status_code == 404
    client.logout()
    assert client.get(f"{base}/").status_code == 302  # login first


def _line_data(**overrides):
    return {"label": "Coopération avec Rufisque", "country": "SN", "category": "cooperation", "sector": "43030",
            "amount": "1 000,00", "partner": "", "project": "", **overrides}


def test_declare_lines_edit_delete_submit_through_pages(client, member, django_assert_max_num_queries):
    CampaignFactory()
    client.force_login(member.user)
    response = client.post("/fonds/e-apd/declarer/")
    declaration = Declaration.objects.get(collectivity=member.collectivity)
    assert response.status_code == 302 and response.url == f"/fonds/e-apd/declarations/{declaration.pk}/"
    base = response.url
    for iso2, amount in (("SN", "1000"), ("MA", "2000,50"), ("VN", "300")):
        assert client.post(f"{base}lignes/ajouter/", _line_data(country=iso2, amount=amount)).status_code == 302
    # The site-wide demo notice reads a database-cache entry on every page: 1 query once warm, 7 on the
    # request that fills it (read, probe, count for culling, savepoint, select, insert, release). Warm it
    # first, so that the pins below count the page's own queries plus that 1 read, whatever ran before.
    client.get("/fonds/e-apd/")
    with django_assert_max_num_queries(16):  # 10 of the declaration page + 1 demo-notice cache read
        html = client.get(base).content.decode()
    assert "3\u202f300,50\u00a0€" in html
    first = declaration.lines.first()
    client.post(f"{base}lignes/{first.pk}/modifier/", _line_data(amount="1500"))
    client.post(f"{base}lignes/{declaration.lines.last().pk}/supprimer/")
    assert sorted(declaration.lines.values_list("amount", flat=True)) == [Decimal("1500"), Decimal("2000.50")]
    response = client.post(f"{base}soumettre/", {"declarant_name": "Camille", "declarant_function": "DRI"})
    assert response.status_code == 400 and "attestation" in response.content.decode()
    client.post(f"{base}soumettre/", {"declarant_name": "Camille", "declarant_function": "DRI", "attestation": "on"})
    declaration.refresh_from_db()
    assert declaration.state == Declaration.State.SUBMITTED
    response = client.post(f"{base}lignes/ajouter/", _line_data())
    assert response.status_code == 400 and "plus modifiable" in response.content.decode()
    assert declaration.lines.count() == 2


@pytest.mark.parametrize("overrides, message", [
    ({"country": "ZZ"}, "Pays inconnu ou non éligible"),
    ({"country": "DE"}, "Pays inconnu ou non éligible"),
    ({"amount": "-3"}, "strictement positif"),
    ({"amount": "1000000000"}, "milliard"),
    ({"sector": "00000"}, "Code secteur CAD inconnu"),
    ({"project": "fiche-inexistante"}, "Aucune fiche-projet"),
])
def test_declaration_line_bad_input(client, member, overrides, message):
    campaign = CampaignFactory()
    declaration = services.start_declaration(member.collectivity, campaign)
    client.force_login(member.user)
    response = client.post(f"/fonds/e-apd/declarations/{declaration.pk}/lignes/ajouter/", _line_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not declaration.lines.exists()


def test_outside_campaign_a_clear_message(client, member):
    CampaignFactory(year=2024, opens_on="2025-05-01", closes_on="2025-06-30")
    client.force_login(member.user)
    html = client.get("/fonds/e-apd/").content.decode()
    assert "Fermée" in html and "entre mai et juin" in html
    response = client.post("/fonds/e-apd/declarer/", follow=True)
    assert "Aucune campagne de télédéclaration" in response.content.decode()
    assert not Declaration.objects.exists()


def test_account_and_home_panels(client, member):
    fund = FundFactory(name="Fonds Maroc test")
    services.pledge(fund, member.collectivity, Decimal("750"), "D")
    client.force_login(member.user)
    html = client.get("/compte/").content.decode()
    assert "Mes déclarations e-APD" in html and "Fonds Maroc test" in html and "750,00" in html
    assert "Fonds Maroc test" in client.get("/").content.decode()


@pytest.mark.parametrize("slug", ["fonds-inconnu", "a\x00b", "x" * 300])
def test_ledger_filtered_on_an_unknown_fund_is_a_404_not_the_whole_ledger(client, eapd_reference, slug):
    _fund_with_money(1)
    assert client.get("/fonds/registre/", {"fonds": slug}).status_code == 404
    assert client.get("/fonds/registre.csv", {"fonds": slug}).status_code == 404


def test_home_funds_panel_is_cached_and_shows_every_receipt_at_once(client, member, django_assert_max_num_queries):
    """The open funds of the home page are cached under the "fonds" data version (atlas.figures): a
    second visit computes no total, and a receipt, a new fund or a closed one shows at once."""
    from atlas import figures
    from fonds.models import Fund

    fund = FundFactory(name="Fonds Maroc test")
    contribution = services.pledge(fund, member.collectivity, Decimal("750"), "D")
    assert figures.versions(figures.FONDS) is not None
    assert "Fonds Maroc test" in client.get("/").content.decode()
    version = figures.versions(figures.FONDS)
    with django_assert_max_num_queries(40) as cached_visit:
        client.get("/")
    assert not any("fonds_ledgerentry" in query["sql"] for query in cached_visit.captured_queries)
    services.record_receipt(contribution)
    assert figures.versions(figures.FONDS) != version
    assert "750 €" in client.get("/").content.decode().replace("\u202f", " ").replace("\xa0", " ")
    FundFactory(name="Fonds Turquie test")
    assert "Fonds Turquie test" in client.get("/").content.decode()
    Fund.objects.filter(pk=fund.pk).update(status=Fund.Status.CLOSED)
    assert "Fonds Maroc test" not in client.get("/").content.decode()
