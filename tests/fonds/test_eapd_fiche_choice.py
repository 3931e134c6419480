"""e-APD (issue 13): a line is linked to one of the collectivity's own Atlas fiches, chosen from a list."""

import pytest
from django.urls import reverse

from atlas.models import Country
from fonds import services
from tests.atlas.account_factories import partner_collectivity, project_of
from tests.factories import CollectivityFactory, CollectivityMemberFactory
from tests.fonds.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(eapd_reference):
    france = Country.objects.get(iso2="FR")
    rennes = CollectivityFactory(name="Ville de Rennes", country=france)
    other = CollectivityFactory(name="Ville de Brest", country=france)
    partner = partner_collectivity(name="Rufisque", slug="rufisque")
    member = CollectivityMemberFactory(collectivity=rennes)
    own = project_of(rennes, partner, title="Rennes et Rufisque : eau potable", slug="rennes-rufisque")
    theirs = project_of(other, partner, title="Brest et Rufisque : culture", slug="brest-rufisque")
    declaration = services.start_declaration(rennes, CampaignFactory())
    return {"member": member, "own": own, "theirs": theirs, "declaration": declaration}


def _line(**overrides):
    return {"label": "Coopération avec Rufisque", "country": "SN", "category": "cooperation", "sector": "43030",
            "amount": "1 000,00", "partner": "", **overrides}


def test_the_line_form_offers_the_collectivitys_own_fiches_only(client, setting):
    client.force_login(setting["member"].user)
    html = client.get(setting["declaration"].get_absolute_url()).content.decode()
    assert '<select name="project"' in html
    assert '<option value="rennes-rufisque">Rennes et Rufisque : eau potable</option>' in html
    assert "brest-rufisque" not in html


def test_a_fiche_of_another_collectivity_is_refused_and_the_own_one_is_linked(client, setting):
    client.force_login(setting["member"].user)
    url = reverse("fonds:line_add", args=[setting["declaration"].pk])
    response = client.post(url, _line(project="brest-rufisque"))
    assert response.status_code == 400
    assert "Aucune fiche-projet de votre collectivité ne correspond" in response.content.decode()
    assert client.post(url, _line(project="rennes-rufisque")).status_code == 302
    assert setting["declaration"].lines.get().project == setting["own"]


def test_state_history_names_the_creation_instead_of_dashes(client, setting):
    client.force_login(setting["member"].user)
    html = client.get(setting["declaration"].get_absolute_url()).content.decode()
    assert "Déclaration créée (brouillon)" in html
    assert "— →" not in html
