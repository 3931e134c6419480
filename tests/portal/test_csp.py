"""A Content-Security-Policy without inline scripts on every page; maps, admin and pages keep working under it."""

import re

import pytest
from playwright.sync_api import expect

from atlas.models import Collectivity, Project
from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory


def script_src(header):
    return re.search(r"script-src ([^;]*)", header).group(1)


@pytest.mark.django_db
def test_every_html_page_carries_a_policy_without_inline_scripts(client, reference):
    for url in ("/", "/atlas/", "/rencontres/", "/groupes/", "/fonds/", "/compte/connexion/", "/admin/login/",
                "/page-qui-n-existe-pas/"):
        response = client.get(url)
        header = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in script_src(header) and "'self'" in script_src(header), url
        assert "object-src 'none'" in header and "frame-ancestors 'none'" in header


@pytest.mark.browser
def test_a_browser_test_reports_a_script_the_policy_blocks(page):
    """The check every browser test makes (the `page` fixture): an inline script injected into a page is
    refused by the policy, and the refusal is reported with the page's address."""
    page.goto("/")
    page.evaluate("""() => { const s = document.createElement("script");
                            s.textContent = "window.__ran = true"; document.body.append(s); }""")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    assert page.evaluate("window.__ran === undefined")
    reported = list(page.csp_violations)
    page.csp_violations.clear()  # provoked on purpose: not a failure of this test
    assert len(reported) == 1 and reported[0].startswith(page.url) and "script-src" in reported[0], reported


# The public pages are opened under the policy by the browser tests of every area (the accessibility crawl
# opens each kind of page, the map tests wait for tiles and GeoJSON), each checked by the `page` fixture.
# This test opens what none of them does: the admin's screens with scripts of their own, and the badge
# (a violation is reported at its end, by the same fixture).
@pytest.mark.browser
def test_admin_maps_import_export_and_badge_printing_work_under_the_policy(page, demo, login, password):
    def visit(url):
        response = page.goto(url)
        assert response.status == 200, url
        assert "'unsafe-inline'" not in script_src(response.headers["content-security-policy"])

    staff = UserFactory(password=password, is_staff=True, is_superuser=True)
    login(staff)
    visit("/admin/")
    collectivity = Collectivity.objects.filter(latitude__isnull=False).first()
    visit(f"/admin/atlas/collectivity/{collectivity.pk}/change/")
    expect(page.locator(".coordinates-map .leaflet-container, .coordinates-map.leaflet-container")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the map's tiles
    project = Project.objects.filter(is_published=True).first()
    visit("/admin/atlas/project/")
    visit(f"/admin/atlas/project/{project.pk}/change/")
    visit("/admin/events/registration/export/")
    toggle = page.locator("input[onchange]").first
    toggle.click()  # django-import-export's inline handler, admitted by its hash only
    page.wait_for_timeout(200)  # a violation would be reported by then (checked by the `page` fixture)

    registration = RegistrationFactory()
    registration.set_token("jeton-csp")
    registration.save()
    page.add_init_script("window.print = function () { window.__printed = true; };")
    visit("/rencontres/inscription/jeton-csp/badge/")
    page.get_by_role("button", name=re.compile("Imprimer|Print")).click()  # static/js/print-button.js
    assert page.evaluate("window.__printed === true")
    assert page.js_errors == []
