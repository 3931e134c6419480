"""Fuzz-ish inputs: each gets a 4xx (or the form again) with a French message, never a 500, in bounded work."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from fonds import services as fund_services
from fonds.models import Allocation, LedgerEntry
from tests.atlas.account_factories import partner_collectivity
from tests.atlas.test_moderation import proposal_post
from tests.events.factories import EditionFactory, RegistrationFactory, SessionFactory
from tests.factories import CollectivityFactory, CollectivityMemberFactory
from tests.fonds.factories import FundFactory

PROPOSE = "/atlas/mes-projets/nouvelle-fiche/"


@pytest.fixture
def member(reference):
    return CollectivityMemberFactory(collectivity=CollectivityFactory(name="Lille", slug="lille"))


@pytest.mark.django_db
def test_a_login_name_of_300_characters_gets_the_form_again(client):
    response = client.post("/compte/connexion/", {"username": "a" * 300 + "@exemple.test", "password": "x"})
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("session_id", ["9" * 4301, "9" * 20, "²", "-1"])
def test_a_forged_session_identifier_is_refused_with_a_message(client, session_id):
    registration = RegistrationFactory(edition=EditionFactory())
    registration.set_token("jeton-prive-de-test")
    registration.save()
    SessionFactory(edition=registration.edition)
    response = client.post(reverse("events:choose", args=["jeton-prive-de-test"]), {"sessions": [session_id]})
    # A forged identifier is bad input: "Mon inscription" again at once, with a 400 and the message.
    assert response.status_code == 400
    assert 'id="choix-refuse"' in response.content.decode()
    assert "Une des sessions choisies n&#x27;existe pas" in response.content.decode()


@pytest.mark.django_db
def test_a_thousand_forged_formset_forms_are_refused_without_building_them(client, member):
    from django.test.utils import CaptureQueriesContext

    client.force_login(member.user)
    client.get(PROPOSE)  # fills the shared cache once, so that both measures below start warm
    sizes = {}
    for total in ("101", "1000"):
        data = proposal_post(**{"partenaire-TOTAL_FORMS": total, "financement-TOTAL_FORMS": total})
        with CaptureQueriesContext(connection) as queries:
            response = client.post(PROPOSE, data)
        assert response.status_code == 400
        body = response.content.decode()
        assert "au plus 50 autres partenaires" in body and "au plus 100 lignes de financement" in body
        # The claimed rows are not drawn again (50 partner rows with their country lists took seconds).
        assert body.count('name="partenaire-0-name"') <= 1 and 'name="partenaire-1-name"' not in body
        sizes[total] = (len(queries), len(response.content))
    # The work is capped by the formsets' maximum, whatever TOTAL_FORMS claims.
    assert sizes["1000"][0] == sizes["101"][0]
    assert abs(sizes["1000"][1] - sizes["101"][1]) < 100 and sizes["1000"][1] < 300_000


@pytest.mark.django_db
def test_twenty_thousand_partner_lines_are_refused_in_one_query(client, member, django_assert_max_num_queries):
    client.force_login(member.user)
    lines = "\n".join(f"Ville {n}" for n in range(20_000))
    with django_assert_max_num_queries(15):
        response = client.post(PROPOSE, proposal_post(partner_collectivities=lines))
    assert response.status_code in (200, 400)
    assert "au plus" in response.content.decode()


@pytest.mark.django_db
def test_partner_lines_within_the_limit_are_looked_up_at_once(client, member):
    from django.test.utils import CaptureQueriesContext

    from atlas.account_forms import MAX_PARTNER_LINES

    partner_collectivity(name="Saint-Louis", slug="saint-louis")
    partner_collectivity(name="Saint-Louis", slug="saint-louis-2")  # two of that name: a slug picks one
    partner_collectivity(name="Thiès", slug="thies")
    client.force_login(member.user)
    client.get(PROPOSE)  # warm cache, so that both measures below count the same fixed queries
    counts = {}
    for size in (4, MAX_PARTNER_LINES):
        lines = "\n".join(["saint-louis", "SAINT-LOUIS", "thies"] + [f"Ville {n}" for n in range(size - 3)])
        with CaptureQueriesContext(connection) as queries:
            body = client.post(PROPOSE, proposal_post(partner_collectivities=lines)).content.decode()
        counts[size] = len(queries)
        assert f"« Ville {size - 4} » ne figure pas" in body and "« thies »" not in body
        assert "« saint-louis »" not in body and "Plusieurs collectivités s&#x27;appellent « SAINT-LOUIS »" in body
    assert counts[MAX_PARTNER_LINES] == counts[4]  # one lookup for all lines, not one per line


@pytest.mark.django_db
def test_more_fields_than_allowed_is_a_400(client):
    data = {f"champ{n}": "x" for n in range(1500)}
    assert client.post("/compte/connexion/", data).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"page": "9" * 5000}, {"year": "9" * 5000}, {"year": "-99999999999"},
                                    {"country": "x" * 5000}, {"q": "é" * 10_000}, {"page": "-1"}])
def test_atlas_search_with_absurd_parameters_answers_without_error(client, reference, params):
    response = client.get("/atlas/", params)
    assert response.status_code in (200, 400)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_admin_allocations_never_give_an_error_page_nor_overspend(staff_user, reference):
    fund = FundFactory()
    fund_services.record_receipt(fund_services.pledge(fund, CollectivityFactory(), Decimal("600"), "D"))
    data = {"fund": fund.pk, "title": "Projet", "partner_organisation": "ONG", "place": "Rabat",
            "amount": "100", "decided_on": "2026-11-20", "status": "planned", "progress": "0", "description": ""}
    statuses, errors = [], []
    barrier = threading.Barrier(12)

    def allocate():
        try:
            client = Client()
            client.force_login(staff_user)
            barrier.wait()
            statuses.append(client.post("/admin/fonds/allocation/add/", data).status_code)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert sorted(statuses) == [302] * 6 + [400] * 6  # 6 allocated, 6 shown the form with the refusal (400)
    assert Allocation.objects.count() == 6
    assert sum(e.amount for e in LedgerEntry.objects.filter(kind="allocation")) == Decimal("600")


@pytest.mark.django_db
@pytest.mark.parametrize("url, params", [
    ("/fonds/e-apd/statistiques/", {"annee": "9" * 5000}),
    ("/fonds/e-apd/export/lignes.csv", {"annee": "9" * 5000}),
    ("/fonds/registre/", {"fonds": "x" * 5000, "page": "9" * 5000}),
    ("/groupes/agenda/", {"page": "9" * 5000}),
    ("/rencontres/", {"lang": "x" * 5000}),
])
def test_public_pages_with_absurd_numbers_answer_without_error(client, reference, url, params):
    assert client.get(url, params).status_code in (200, 400, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["9" * 5000, "1e999", "NaN", "-5", "12,5,5"])
def test_an_e_apd_amount_out_of_bounds_gets_the_form_again_with_a_french_message(client, reference, amount):
    from atlas.models import Country
    from fonds import services
    from fonds.models import DacSector
    from fonds.reference import load_eapd_reference
    from tests.fonds.factories import CampaignFactory

    load_eapd_reference()
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(country=Country.objects.get(iso2="FR")))
    declaration = services.start_declaration(member.collectivity, CampaignFactory(year=2026))
    client.force_login(member.user)
    response = client.post(f"/fonds/e-apd/declarations/{declaration.pk}/lignes/ajouter/", {
        "label": "Action", "country": "SN", "category": "cooperation",
        "sector": DacSector.objects.get(code="43030").pk, "amount": amount, "partner": "", "project": ""})
    assert response.status_code == 400
    assert "montant" in response.content.decode().lower()
    assert not declaration.lines.exists()
