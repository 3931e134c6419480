"""The shared map module draws the server's GeoJSON over the vendored basemap, offline."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.portal.map_urls")]


def test_map_draws_markers_lines_and_basemap_without_any_external_request(page, live_server):
    external = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else external.append(r.url))
    page.goto("/essai/carte/")
    region = page.get_by_role("region", name="Carte d'essai")
    expect(region).to_have_attribute("data-markers", "3")
    expect(page.locator(".marker-cluster")).to_have_text("2")  # Lille and Nancy, close at world zoom
    expect(page.locator(".map path.leaflet-interactive")).to_have_count(2)  # Saint-Louis + the line
    page.locator(".map svg path").nth(100).wait_for(state="attached")  # countries drawn (after the markers)
    page.locator(".map path.leaflet-interactive").last.click(force=True)
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    assert "<b>" in page.locator(".leaflet-popup-content").inner_text()  # text, never HTML
    assert external == [] and page.js_errors == []
    box = page.locator(".map").bounding_box()  # the map takes room on the page, it is not collapsed
    assert box and box["width"] > 300 and box["height"] > 200
    assert_accessible(page)


def test_without_javascript_the_page_says_the_list_has_the_same_content(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/essai/carte/")
    expect(page.locator(".map-fallback")).to_contain_text("la liste de cette page")
    context.close()
