"""The design system in a real browser (issue 13): key pages at 320, 768 and 1280 px, the menu, the error summary.

Layout rules checked on the demo content (the real seeds, where the defects showed): no horizontal
overflow, no word broken inside a table cell or a heading, no raw HTML entity or template placeholder,
axe-core clean; the header menu works by keyboard and without JavaScript; an error summary takes the
focus; a refused choice of sessions comes back with the focus on its message.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = (320, 768, 1280)

# For every table cell and heading: the words whose letters sit on more than one line.
BROKEN_WORDS_JS = """() => {
  const broken = [];
  for (const el of document.querySelectorAll('main td, main th, main h1, main h2, main h3, main h4')) {
    if (!el.offsetParent) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /[^\\s\\-\\u2010-\\u2014\\/]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top / 4)));
        if (tops.size > 1) broken.push(el.tagName + ': ' + m[0]);
      }
    }
  }
  return broken;
}"""

RAW_TEXT = re.compile(r"&(?:#x?[0-9a-fA-F]+|[a-zA-Z]{2,8});|\{\{|\{%|%\}|\}\}|\bNone\b|\[object |\bTODO\b|lorem ipsum",
                      re.IGNORECASE)


def _key_pages():
    """Home, Atlas search, a fiche, the programme, the registration form, a group, a fund, the style guide."""
    from atlas.models import Project
    from events.models import Edition

    edition = Edition.objects.filter(sessions__isnull=False).order_by("starts_on").last()
    fiche = Project.objects.filter(is_published=True).order_by("pk").first()
    return ["/", "/atlas/?q=eau", fiche.get_absolute_url(), f"/rencontres/{edition.slug}/programme/",
            f"/rencontres/{edition.slug}/inscription/", "/groupes/senegal/", "/groupes/japon/",
            "/fonds/fonds-ukraine/", "/fonds/registre/", "/styleguide/"]


def _layout_failures(page, where):
    """The sideways scroll of the open page and the words broken inside a cell or heading."""
    failures = []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        failures.append(f"{where}: {overflow} px de défilement horizontal")
    broken = page.evaluate(BROKEN_WORDS_JS)
    if broken:
        failures.append(f"{where}: mots coupés {broken[:5]}")
    return failures


# The key pages in two shares, one test each (the workers share the work). Each page is opened once and
# laid out at every width in turn, as a window resized; axe-core runs on the phone layout (the menu, the
# stacked tables): tests/portal/test_accessibility.py runs it on the desktop layout of every kind of page.
SHARES = 2
AXE_WIDTHS = (WIDTHS[0],)


@pytest.mark.parametrize("share", range(SHARES))
def test_key_pages_fit_every_width_without_broken_words_or_raw_text(demo, page, share):
    failures = []
    for url in _key_pages()[share::SHARES]:
        page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        text = page.inner_text("body")
        raw = sorted({m.group(0) for m in RAW_TEXT.finditer(text)})
        if raw:
            failures.append(f"{url}: texte brut {raw}")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            failures += _layout_failures(page, f"{url} @{width}")
            if width in AXE_WIDTHS:
                try:
                    assert_accessible(page)
                except AssertionError as error:
                    failures.append(f"@{width}: {error}")
    assert failures == [], "\n".join(failures)
    assert page.js_errors == []


def test_fund_table_rows_become_cards_on_small_screens(demo, page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/fonds/fonds-ukraine/")
    cell = page.locator("section[aria-labelledby=projets] td[data-label='Partenaire']").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    assert cell.evaluate("el => getComputedStyle(el, '::before').content").startswith('"Partenaire')
    page.set_viewport_size({"width": 1280, "height": 800})
    assert cell.evaluate("el => getComputedStyle(el).display") == "table-cell"


# Every data table of a page: is it the stacking component, and which body cells show no label as a card.
TABLES_JS = """() => [...document.querySelectorAll('main table')].filter(t => t.offsetParent).map(table => {
  const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()
    && !th.querySelector('.visually-hidden:only-child'));
  const unlabelled = [];
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, index) => {
      if (cell.tagName === 'TD' && !cell.dataset.label && cell.colSpan === 1 && heads[index])
        unlabelled.push(cell.textContent.trim().slice(0, 30));
    });
  }
  const cell = table.querySelector('tbody td');
  return {caption: (table.caption ? table.caption.textContent : table.id).trim().slice(0, 60),
          stacked: table.classList.contains('table-stack'),
          display: cell ? getComputedStyle(cell).display : 'block', unlabelled};
})"""


def _table_pages(page):
    """The public and collectivity pages that hold data tables, on the demo content, and the agent's login."""
    from atlas.models import Continent, Project, ProjectChangeRequest
    from fonds.models import Declaration

    fiche = Project.objects.filter(is_published=True, funding_lines__isnull=False).order_by("pk").first()
    continent = Continent.objects.filter(code="AF").first()
    public = ["/atlas/monde/", f"/atlas/monde/{continent.slug}/", "/atlas/pays/senegal/", fiche.get_absolute_url(),
              "/atlas/statistiques/", "/fonds/e-apd/statistiques/", "/fonds/fonds-ukraine/", "/fonds/registre/",
              "/donnees-de-demonstration/", "/styleguide/"]
    agent = "agent@nimes-metropole.demo"
    declaration = Declaration.objects.filter(collectivity__members__user__email=agent).order_by("-pk").first()
    change = ProjectChangeRequest.objects.filter(collectivity__members__user__email=agent).order_by("pk").first()
    private = ["/atlas/mes-projets/", "/fonds/mes-contributions/", "/fonds/e-apd/mes-declarations/"]
    private += [declaration.get_absolute_url()] if declaration else []
    private += [f"/atlas/mes-projets/propositions/{change.pk}/"] if change else []
    return public, agent, private


def test_every_data_table_stacks_as_cards_at_320_px_without_overflow_or_broken_words(demo, page):
    """Rule (issue 13): every data table of the public and collectivity pages is the one stacking component
    (.table-stack, a label per cell), not only the fund, ledger and e-APD tables; none scrolls sideways."""
    public, agent, private = _table_pages(page)
    page.set_viewport_size({"width": 320, "height": 800})
    failures, seen = [], 0

    def check(url):
        nonlocal seen
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            return
        failures.extend(_layout_failures(page, url))
        for table in page.evaluate(TABLES_JS):
            seen += 1
            if not table["stacked"] or table["display"] != "block":
                failures.append(f"{url}: tableau « {table['caption']} » non présenté en cartes ({table['display']})")
            if table["unlabelled"]:
                failures.append(f"{url}: « {table['caption']} » cellules sans data-label {table['unlabelled'][:3]}")

    for url in public:
        check(url)
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(agent)
    page.get_by_label("Mot de passe").fill("cuf-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")
    for url in private:
        check(url)
    assert failures == [], "\n".join(failures)
    assert seen >= 15  # the pages above hold that many tables: the check did look at them
    assert page.js_errors == []


def _menu_checks(page):
    """At 320 px: the navigation is folded behind « Menu », which opens by keyboard."""
    nav_link = page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Atlas")
    expect(nav_link).to_be_hidden()
    menu = page.locator("summary.menu-button")
    menu.focus()
    page.keyboard.press("Enter")
    expect(nav_link).to_be_visible()
    expect(page.get_by_label("Rechercher dans l'Atlas")).to_be_visible()
    return nav_link


def test_menu_opens_by_keyboard_and_closes_with_escape(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    header_height = page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height")
    assert header_height < 100  # six links used to take three rows (~220 px) before any content
    nav_link = _menu_checks(page)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Rechercher dans l'Atlas")).to_be_focused()
    page.keyboard.press("Escape")
    expect(nav_link).to_be_hidden()
    expect(page.locator("summary.menu-button")).to_be_focused()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(nav_link).to_be_visible()  # large screens: always shown, no menu button
    expect(page.locator("summary.menu-button")).to_be_hidden()
    assert page.js_errors == []


def test_menu_and_header_search_work_without_javascript(browser, live_server, db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto("/")
        nav_link = _menu_checks(page)
        nav_link.click()
        page.wait_for_url("**/atlas/")
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto("/")
        expect(nav_link).to_be_visible()
        page.get_by_label("Rechercher dans l'Atlas").fill("eau potable")
        page.get_by_label("Rechercher dans l'Atlas").press("Enter")
        page.wait_for_url("**/atlas/?q=eau+potable")
    finally:
        context.close()


def test_registration_errors_are_summarised_with_links_and_the_summary_takes_focus(page):
    from tests.events.factories import EditionFactory

    edition = EditionFactory()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("events:register", args=[edition.slug]))
    expect(page.locator("#id_civility option", has_text="—")).to_have_count(1)
    expect(page.get_by_text("(facultatif)")).to_have_count(2)  # civility and accessibility needs
    page.get_by_role("button", name="M'inscrire").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).not_to_have_count(0)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_first_name")).to_be_focused()
    consent = page.locator("#id_consent")
    label = page.locator("label[for='id_consent']")
    box, text = consent.bounding_box(), label.bounding_box()
    assert abs(box["y"] - text["y"]) < 12 and box["x"] < text["x"]  # the checkbox sits on its label's line
    assert_accessible(page)
    assert page.js_errors == []


def test_refused_session_choice_comes_back_with_focus_on_the_message_and_a_reopenable_address(page, client):
    from events.models import Registration
    from tests.events.factories import EditionFactory, SessionFactory
    from tests.factories import FranceFactory

    edition = EditionFactory()
    SessionFactory(edition=edition, title="Réunion Afrique")
    SessionFactory(edition=edition, title="Groupe-pays Japon")
    client.post(reverse("events:register", args=[edition.slug]), {
        "civility": "mme", "first_name": "Awa", "last_name": "Diop", "email": "awa.diop@exemple.test",
        "organisation": "Ville de Dakar", "function": "Chargée de mission", "category": "collectivite_etr",
        "country": FranceFactory().pk, "accessibility_needs": "", "consent": "on", "website": ""})
    token = re.search(r"/rencontres/inscription/([^/\s]+)/", mail.outbox[-1].body).group(1)
    client.post(reverse("events:confirm", args=[token]))
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    page.goto(reverse("events:manage", args=[token]))
    page.get_by_label("Réunion Afrique").check()
    page.get_by_label("Groupe-pays Japon").check()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    message = page.locator("#choix-refuse")
    expect(message).to_be_focused()
    expect(message).to_contain_text("en même temps")
    expect(page.get_by_label("Réunion Afrique")).to_be_checked()  # the boxes as they were ticked
    response = page.reload()
    assert response.status == 200  # post/redirect/get: no empty 405 page
    assert page.js_errors == []


def test_styleguide_shows_every_component_and_is_accessible(page):
    page.goto("/styleguide/")
    for selector in (".site-header", ".breadcrumb", ".subnav", ".card", ".tag", ".badge", ".chip", ".callout",
                     "table.table-stack", ".button", ".button-secondary", ".button-danger", ".error-summary",
                     ".field-checkbox", ".pagination"):
        expect(page.locator(selector).first).to_be_visible()
    expect(page.locator(".error-summary")).not_to_be_focused()  # the example does not steal the focus
    assert_accessible(page)
    assert page.js_errors == []


def test_admin_moderation_page_passes_axe(page, staff_user, login, reference):
    from atlas import moderation, services
    from tests.atlas.account_factories import partner_collectivity, project_of
    from tests.factories import CollectivityFactory, CollectivityMemberFactory

    partner = partner_collectivity(name="Saint-Louis", slug="saint-louis")
    lille = CollectivityFactory(name="Lille", slug="lille")
    member = CollectivityMemberFactory(collectivity=lille)
    fiche = project_of(lille, partner, title="Lille et Saint-Louis : patrimoine", slug="lille-saint-louis",
                       is_published=True)
    change = services.propose_change(member.user, fiche, {**moderation.snapshot(fiche), "status": "termine"})
    login(staff_user)
    page.goto(reverse("admin:atlas_projectchangerequest_change", args=[change.pk]))
    expect(page.get_by_role("link", name="fiche publique")).to_be_visible()
    assert_accessible(page)


def test_maps_draw_no_stripes_and_keep_context_and_a_scale_around_a_single_point(demo, page):
    page.goto("/atlas/")
    expect(page.locator(".map.map-ready")).to_be_attached()
    # The basemap is drawn after the markers, a few dozen countries per task: wait for the 101st country
    # (a locator, not wait_for_function, whose polling evaluates a string the page's CSP forbids).
    page.locator(".map .leaflet-overlay-pane path").nth(100).wait_for(state="attached")
    widths = page.evaluate("""() => {
      const map = document.querySelector('.map').getBoundingClientRect();
      return [map.width, Math.max(...[...document.querySelectorAll('.map .leaflet-overlay-pane path')]
        .map(p => p.getBoundingClientRect().width))];
    }""")
    assert widths[1] < widths[0]  # no country drawn across the whole map (Antarctica, Fiji, Chukotka)
    expect(page.locator(".map .leaflet-control-scale")).to_be_visible()
    page.goto("/fonds/fonds-ukraine/")  # one funded project: one point
    expect(page.locator(".map.map-ready")).to_be_attached()
    assert page.evaluate("document.querySelector('.map')._portalMap.getZoom()") <= 5
    expect(page.locator(".map .leaflet-control-scale")).to_be_visible()
    assert page.js_errors == []
