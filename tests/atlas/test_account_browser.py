"""Browser journeys: a collectivity proposes a change, CUF staff approve it, the public sees it;
saving a search; the Bourse-projets map."""

import pytest
from playwright.sync_api import expect

from atlas.models import ProjectChangeRequest
from tests.atlas.account_factories import BourseRequestFactory, partner_collectivity, project_of
from tests.conftest import assert_accessible
from tests.factories import CollectivityFactory, CollectivityMemberFactory

pytestmark = pytest.mark.browser


def test_collectivity_proposes_staff_approves_public_sees(page, login, reference, staff_user):
    partner = partner_collectivity(name="Saint-Louis", slug="saint-louis")
    lille = CollectivityFactory(name="Lille", slug="lille")
    member = CollectivityMemberFactory(collectivity=lille).user
    fiche = project_of(lille, partner, title="Lille et Saint-Louis : patrimoine", slug="lille-saint-louis",
                       description="Inventaire du patrimoine bâti de l'île.")

    login(member)
    expect(page.get_by_role("heading", name="Mes projets")).to_be_visible()
    page.get_by_role("link", name="Mes projets", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes projets")
    assert_accessible(page)
    page.get_by_role("link", name="Proposer une modification de « Lille et Saint-Louis : patrimoine »").click()
    page.wait_for_url("**/modifier/")
    assert_accessible(page)
    page.get_by_label("Description").fill("Restauration du pont Faidherbe avec les artisans de l'île.")
    page.get_by_role("button", name="Envoyer ma proposition à CUF").click()
    expect(page.get_by_text("Votre proposition est transmise à CUF")).to_be_visible()
    expect(page.get_by_role("cell", name="Restauration du pont Faidherbe avec les artisans de l'île.")).to_be_visible()
    assert_accessible(page)

    page.goto(fiche.get_absolute_url())
    expect(page.get_by_text("Inventaire du patrimoine bâti de l'île.")).to_be_visible()
    expect(page.get_by_text("pont Faidherbe")).to_have_count(0)

    page.context.clear_cookies()
    login(staff_user)
    page.goto("/admin/atlas/projectchangerequest/")
    page.get_by_role("link", name="Modification : Lille et Saint-Louis : patrimoine").click()
    expect(page.get_by_role("cell", name="Inventaire du patrimoine bâti de l'île.")).to_be_visible()
    page.get_by_role("button", name="Valider et publier").click()
    expect(page.get_by_text("est validée et publiée")).to_be_visible()
    assert ProjectChangeRequest.objects.get().state == "approved"

    page.context.clear_cookies()
    page.goto(fiche.get_absolute_url())
    expect(page.get_by_text("Restauration du pont Faidherbe avec les artisans de l'île.")).to_be_visible()
    assert_accessible(page)
    assert page.js_errors == []


def test_save_a_search_and_reopen_it(page, login, user, reference):
    login(user)
    page.goto("/atlas/?q=eau&country=senegal")
    page.get_by_label("Nom de la recherche").fill("Eau au Sénégal")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes recherches")
    assert_accessible(page)
    page.get_by_role("link", name="Eau au Sénégal").click()
    page.wait_for_url("**/atlas/?q=eau&country=senegal")
    expect(page.get_by_label("Mots-clés")).to_have_value("eau")


def test_bourse_map_and_interest(page, login, reference):
    BourseRequestFactory(authority=partner_collectivity(name="Dakar", slug="dakar"),
                         title="Gestion des déchets à Dakar", slug="dechets-dakar")
    member = CollectivityMemberFactory(collectivity=CollectivityFactory(name="Nîmes Métropole")).user
    page.goto("/atlas/bourse/")
    expect(page.locator(".map .leaflet-interactive").first).to_be_attached()
    assert_accessible(page)
    login(member)
    page.goto("/atlas/bourse/dechets-dakar/")
    page.get_by_label("Message pour CUF (facultatif)").fill("Nous avons un centre de tri.")
    page.get_by_role("button", name="Manifester notre intérêt").click()
    expect(page.get_by_text("Votre intérêt est transmis à CUF")).to_be_visible()
    assert_accessible(page)
    assert page.js_errors == []


def test_admin_coordinates_are_picked_on_the_map(page, login, reference, staff_user):
    place = partner_collectivity(name="Dankassari", slug="dankassari", latitude=13.57, longitude=4.04)
    login(staff_user)
    page.goto(f"/admin/atlas/collectivity/{place.pk}/change/")
    map_box = page.locator(".coordinates-map")
    expect(map_box).to_be_visible()
    expect(map_box.locator(".leaflet-interactive")).to_have_count(1)  # the current point
    map_box.scroll_into_view_if_needed()  # below the fold of the admin form: a click needs it on screen
    box = map_box.bounding_box()
    assert box["width"] >= 240  # a usable map, not a sliver squeezed by the admin's flex row
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    latitude, longitude = float(page.locator("#id_latitude").input_value()), float(
        page.locator("#id_longitude").input_value())
    assert (latitude, longitude) != (13.57, 4.04)
    assert -90 <= latitude <= 90 and -180 <= longitude <= 180
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    place.refresh_from_db()
    assert (round(place.latitude, 5), round(place.longitude, 5)) == (latitude, longitude)
    assert page.js_errors == []
