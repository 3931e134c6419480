"""The light map of every collectivity: one compact point per collectivity, compressed, versioned
URL cached by the browser, popups fetched on click; the GeoJSON exports compressed too."""

import gzip
import json
import re

import pytest
from playwright.sync_api import expect

from atlas import figures
from atlas.models import Project
from tests.conftest import assert_accessible

from .factories import make_project


def points_url(client, page="/atlas/monde/"):
    html = client.get(page).content.decode()
    return re.search(r'data-points-url="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_points_are_one_per_collectivity_of_a_published_fiche_with_rounded_coordinates(client, atlas):
    make_project([atlas["lille"]], [atlas["saint_louis"]], title="Deuxième fiche Lille–Saint-Louis")
    data = json.loads(client.get(points_url(client)).content)
    french, partners = data["fr"], data["partner"]
    assert len(french) == 2 * 3 and len(partners) == 2 * 3  # Lille, Nancy; Saint-Louis, Kiryat Shmona
    by_id = {partners[i + 2]: (partners[i], partners[i + 1]) for i in range(0, len(partners), 3)}
    assert by_id[atlas["saint_louis"].pk] == (-16.49, 16.02)
    assert all(round(value, 2) == value for value in french + partners)


def test_a_collectivity_known_only_through_a_draft_is_not_on_the_map(client, atlas):
    from .factories import partner

    hidden = partner("Commune cachée", "SN", latitude=14.1234, longitude=-16.5678)
    make_project([atlas["lille"]], [hidden], title="Brouillon", is_published=False)
    data = json.loads(client.get(points_url(client)).content)
    assert hidden.pk not in data["partner"][2::3]
    assert client.get(f"/atlas/carte/points/{hidden.pk}.json").status_code == 404


def test_points_are_gzipped_for_clients_that_accept_it_and_html_is_not(client, atlas):
    url = points_url(client)
    plain = client.get(url).content
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip" and "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain
    page = client.get("/atlas/monde/", HTTP_ACCEPT_ENCODING="gzip")
    assert not page.has_header("Content-Encoding")  # HTML with a CSRF token: never compressed (BREACH)
    geojson = client.get("/atlas/carte.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert geojson["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(geojson.content))["type"] == "FeatureCollection"
    search = client.get("/atlas/?country=senegal&format=geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert len(json.loads(gzip.decompress(search.content))["features"]) == 2


def test_the_versioned_url_is_kept_a_year_and_changes_with_the_data(client, atlas):
    url = points_url(client)
    assert f"v={figures.versions(figures.ATLAS)}" in url
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    Project.objects.filter(pk=atlas["draft"].pk).update(is_published=True)
    new_url = points_url(client)
    assert new_url != url
    stale = client.get(url)  # an old version asked for: current data, revalidated every time
    assert stale["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert points_url(client, "/atlas/") == new_url  # the search page without criteria uses it too


def test_a_point_popup_is_fetched_on_demand(client, atlas):
    detail = client.get(f"/atlas/carte/points/{atlas['lille'].pk}.json").json()
    assert detail == {"name": "Lille", "url": "/atlas/collectivites/lille/", "popup": "1 projet publié"}
    assert client.get("/atlas/carte/points/999999999.json").status_code == 404


@pytest.mark.browser
def test_world_map_draws_every_point_and_opens_a_popup_on_click(transactional_db, page, atlas):
    page.goto("/atlas/monde/")
    region = page.get_by_role("region", name="Carte de toutes les collectivités de l'Atlas")
    expect(region).to_have_attribute("data-markers", "4")
    box = page.evaluate("""() => { const map = document.querySelector('.map[data-points-url]')._portalMap;
        const p = map.latLngToContainerPoint([50.63, 3.06]); return [p.x, p.y]; }""")
    region.click(position={"x": box[0], "y": box[1]})
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name="Lille")).to_have_attribute("href", "/atlas/collectivites/lille/")
    expect(popup).to_contain_text("1 projet publié")
    assert page.js_errors == []
    assert_accessible(page)
