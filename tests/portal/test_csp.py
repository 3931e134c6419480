"""A Content-Security-Policy without inline scripts on every page; maps, admin and pages keep working under it."""

import re

import pytest
from playwright.sync_api import expect

from atlas.models import Collectivity, Project
from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory

CAPTURE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber);
});
"""


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
def test_main_pages_map_and_admin_work_without_any_policy_violation(page, demo, login, password):
    violations = []
    page.add_init_script(CAPTURE)
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)

    def visit(url):
        """Open `url` and read the violations reported so far. The page's own resources are fetched before
        its load event; where scripts fetch more after it (a map: Leaflet's tiles, the GeoJSON), wait until
        the network is idle. Elsewhere a frame and a task let the last reports arrive."""
        response = page.goto(url)
        assert response.status == 200, url
        assert "'unsafe-inline'" not in script_src(response.headers["content-security-policy"])
        if page.locator("script[src*='leaflet']").count():
            page.wait_for_load_state("networkidle")
        else:
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
        violations.extend(f"{url}: {v}" for v in page.evaluate("window.__csp"))

    project = Project.objects.filter(is_published=True).first()
    country = Collectivity.objects.filter(is_french=False).select_related("country").first().country
    for url in ("/", "/atlas/", project.get_absolute_url(), f"/atlas/pays/{country.slug}/", "/atlas/statistiques/",
                "/atlas/bourse/", "/rencontres/", "/groupes/", "/groupes/agenda/", "/fonds/",
                "/fonds/e-apd/statistiques/"):
        visit(url)
        if url in ("/atlas/", f"/atlas/pays/{country.slug}/"):
            expect(page.locator(".map.map-ready")).to_be_visible()  # map.js ran and drew the markers

    staff = UserFactory(password=password, is_staff=True, is_superuser=True)
    login(staff)
    visit("/admin/")
    collectivity = Collectivity.objects.filter(latitude__isnull=False).first()
    visit(f"/admin/atlas/collectivity/{collectivity.pk}/change/")
    expect(page.locator(".coordinates-map .leaflet-container, .coordinates-map.leaflet-container")).to_be_visible()
    visit("/admin/atlas/project/")
    visit(f"/admin/atlas/project/{project.pk}/change/")
    visit("/admin/events/registration/export/")
    toggle = page.locator("input[onchange]").first
    toggle.click()  # django-import-export's inline handler, admitted by its hash only
    page.wait_for_timeout(200)
    violations.extend(f"export: {v}" for v in page.evaluate("window.__csp"))

    registration = RegistrationFactory()
    registration.set_token("jeton-csp")
    registration.save()
    page.add_init_script("window.print = function () { window.__printed = true; };")
    visit("/rencontres/inscription/jeton-csp/badge/")
    page.get_by_role("button", name=re.compile("Imprimer|Print")).click()  # static/js/print-button.js
    assert page.evaluate("window.__printed === true")
    assert violations == [], violations
    assert page.js_errors == []
