"""Browser journey: search, filter, see the markers, open a fiche, find the export links."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_search_filter_map_fiche_and_export(transactional_db, page, atlas):
    page.goto("/atlas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlas de la coopération décentralisée")
    expect(page.get_by_role("heading", name="2 fiches-projets")).to_be_visible()
    page.get_by_label("Mots-clés").fill("cooperations")
    page.get_by_label("Pays partenaire").select_option(label="Sénégal")
    page.get_by_role("region", name="Rechercher").get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name="1 fiche-projet")).to_be_visible()
    assert "q=cooperations" in page.url and "country=senegal" in page.url
    expect(page.locator(".map.map-ready")).to_have_attribute("data-markers", "2")
    assert page.locator(".map .leaflet-interactive").count() >= 2
    assert_accessible(page)
    csv_link = page.get_by_role("link", name="CSV")
    assert "format=csv" in csv_link.get_attribute("href") and "country=senegal" in csv_link.get_attribute("href")
    page.get_by_role("link", name="Coopération pour l'eau potable à Saint-Louis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coopération pour l'eau potable à Saint-Louis")
    expect(page.get_by_text("connectez-vous à l'espace collectivité")).to_be_visible()
    assert_accessible(page)
    page.goto("/atlas/pays/senegal/")
    expect(page.locator(".map.map-ready")).to_have_attribute("data-markers", "2")
    assert_accessible(page)
    assert page.js_errors == []
