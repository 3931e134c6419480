"""Every kind of public page of the demo portal passes axe-core and reads at 320 px wide."""


import pytest

from tests.conftest import assert_accessible

pytestmark = pytest.mark.browser

PAGES = [
    "/", "/compte/connexion/", "/mentions-legales/", "/accessibilite/",
    "/atlas/", "/atlas/?q=eau&continent=afrique", "/atlas/monde/", "/atlas/monde/afrique/", "/atlas/pays/senegal/",
    "/atlas/collectivites/nimes-metropole/", "/atlas/statistiques/", "/atlas/bourse/",
    "/rencontres/", "/rencontres/editions/", "/rencontres/intervenants/",
    "/groupes/", "/groupes/crises-et-rehabilitation/", "/groupes/japon/", "/groupes/agenda/",
    "/groupes/actualites/", "/groupes/partenaires/",
    "/fonds/", "/fonds/fonds-maroc/", "/fonds/registre/", "/fonds/e-apd/", "/fonds/e-apd/statistiques/",
]


# The pages in two shares, one test each: the two workers run them side by side.
SHARES = 2


@pytest.mark.parametrize("share", range(SHARES))
def test_public_pages_of_the_demo_pass_axe_and_fit_320_pixels(demo, page, share):
    """Each page is opened once: axe-core at 1280 px, then the same page narrowed to 320 px (the layout
    follows the viewport as it would on a phone) must not scroll sideways."""
    from atlas.models import Project
    from events.models import Edition
    from groupes_pays.models import NewsItem

    edition = Edition.objects.filter(sessions__isnull=False).order_by("starts_on").first()
    latest = Edition.objects.filter(sessions__isnull=False).order_by("starts_on").last()
    session = edition.sessions.order_by("pk").first()
    dynamic = [Project.objects.filter(is_published=True).order_by("pk").first().get_absolute_url(),
               f"/rencontres/{edition.slug}/programme/", session.get_absolute_url(),
               f"/rencontres/{latest.slug}/inscription/",
               NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, visibility="public")
               .order_by("pk").first().get_absolute_url()]
    failures = []
    for url in (PAGES + dynamic)[share::SHARES]:
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
        page.set_viewport_size({"width": 320, "height": 640})
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            failures.append(f"{url}: {overflow} px de défilement horizontal à 320 px de large")
    assert failures == [], "\n".join(failures)
    assert page.js_errors == []
