"""Fiche, navigation levels, collectivity pages, statistics, home panel: content, permissions, query counts."""

import re

import pytest

from tests.factories import CollectivityFactory, CollectivityMemberFactory, UserFactory

from .factories import make_project, partner

pytestmark = pytest.mark.django_db


def test_fiche_shows_its_content_and_breadcrumb(client, atlas):
    page = client.get(atlas["water"].get_absolute_url()).content.decode()
    assert "Coopération pour l&#x27;eau potable à Saint-Louis" in page
    assert 'aria-label="Fil d\'Ariane"' in page and "Sénégal" in page
    assert "15\u202f000\u00a0€" in page


def test_contacts_are_hidden_from_anonymous_and_plain_users(client, atlas, password):
    url = atlas["water"].get_absolute_url()
    assert "claire.martin@lille.test" not in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert "claire.martin@lille.test" not in client.get(url).content.decode()
    client.force_login(CollectivityMemberFactory(collectivity=atlas["nancy"]).user)
    assert "claire.martin@lille.test" in client.get(url).content.decode()


WATER = "Coopération pour l&#x27;eau potable à Saint-Louis"
NANCY = "Jumelage Nancy Kiryat Shmona"


@pytest.mark.parametrize("url, heading, trail, listed, not_listed", [
    ("/atlas/monde/", "La coopération décentralisée dans le monde", ["Monde"], [], []),
    ("/atlas/monde/afrique/", "Afrique", ["Monde", "Afrique"], [], []),
    ("/atlas/pays/senegal/", "Sénégal", ["Monde", "Afrique", "Sénégal"], [WATER], [NANCY]),
    ("/atlas/regions/hauts-de-france/", "Hauts-de-France", ["France", "Hauts-de-France"], [WATER], [NANCY]),
    ("/atlas/departements/59-nord/", "Nord (59)", ["France", "Hauts-de-France", "Nord (59)"], [WATER], [NANCY]),
    ("/atlas/collectivites/lille/", "Lille", ["France", "Hauts-de-France", "Nord (59)", "Lille"], [WATER], [NANCY]),
    ("/atlas/collectivites/saint-louis/", "Saint-Louis", ["Monde", "Afrique", "Sénégal", "Saint-Louis"], [WATER],
     [NANCY]),
    ("/atlas/statistiques/", "Statistiques de l'Atlas", ["Statistiques"], [], []),
])
def test_navigation_pages_show_their_place_in_the_hierarchy_and_its_fiches(client, atlas, url, heading, trail,
                                                                           listed, not_listed):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S) == [heading]
    nav = re.search(r'<nav class="breadcrumb" aria-label="Fil d(?:\'|&#x27;)Ariane">(.*?)</nav>', html, re.S).group(1)
    crumbs = [text.strip() for text in re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", nav)]
    assert crumbs == ["Accueil", "Atlas", *trail]
    assert 'aria-current="page">' + trail[-1] + "</li>" in nav
    for title in listed:
        assert title in html
    for title in [*not_listed, "Projet secret de coopération"]:  # the draft is never shown
        assert title not in html


def test_country_figures_are_derived(client, atlas):
    make_project([atlas["nancy"]], [atlas["saint_louis"]], themes=["sante"], title="Santé à Saint-Louis")
    figures = client.get("/atlas/pays/senegal/").context["figures"]
    assert figures == {"french": 2, "partners": 1, "projects": 2, "themes": 2}


def test_world_page_counts_continents(client, atlas):
    levels = {c.slug: f for c, f in client.get("/atlas/monde/").context["levels"]}
    assert levels["afrique"]["projects"] == 1 and levels["asie"]["projects"] == 1


def test_home_panel_shows_key_figures(client, atlas):
    """Published fiches only: projects, French collectivities, partners abroad and their countries."""
    tokyo, osaka = partner("Tokyo", "JP"), partner("Osaka", "JP")
    make_project([atlas["lille"]], [tokyo, osaka], title="Lille, Tokyo et Osaka")
    make_project([CollectivityFactory(name="Brest")], [partner("Québec", "CA")], title="Brouillon", is_published=False)
    html = client.get("/").content.decode()
    panel = html[html.index('id="atlas-home-title"'):]
    panel = panel[:panel.index("</section>")]
    # The panel shows the State's published figures first (seed 003), then what this portal counts.
    assert "Chiffres publiés par l'État" in panel
    panel = panel[panel.index('class="portal-count"'):]
    # 3 published fiches; Lille and Nancy; Saint-Louis, Kiryat Shmona, Tokyo, Osaka; Sénégal, Israël, Japon.
    figures = re.findall(r"<strong>(\d+)</strong> ([^<]+)</li>", panel)
    assert figures == [("3", "projets"), ("2", "collectivités françaises"), ("4", "collectivités partenaires"),
                       ("3", "pays")]


@pytest.mark.parametrize("url", ["/atlas/pays/senegal/", "/atlas/collectivites/lille/",
                                 "/atlas/regions/hauts-de-france/", "/atlas/departements/59-nord/",
                                 "/atlas/monde/", "/atlas/statistiques/"])
def test_page_query_counts_are_constant(client, atlas, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    baseline = len(before.captured_queries)
    for n in range(15):
        make_project([atlas["lille"]], [partner(f"Commune sénégalaise {n}", "SN")], themes=["culture"],
                     title=f"Échange culturel {n}")
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_fiche_query_count_is_constant_and_a_visitor_s_fiche_comes_from_one_cache_read(client, atlas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import queries_outside_cache

    fiche = make_project([atlas["lille"], atlas["nancy"]], [partner(f"P{n}", "SN") for n in range(8)],
                         themes=["culture", "sante", "sport"], funding=[("afd", 2020, 1), ("ue", 2021, 2)],
                         title="Grande fiche")
    with CaptureQueriesContext(connection) as cold:
        client.get(fiche.get_absolute_url())
    with CaptureQueriesContext(connection) as warm:
        response = client.get(fiche.get_absolute_url())
    assert response.status_code == 200
    assert "Grande fiche" in response.content.decode() and "P7" in response.content.decode()
    # Cold: the fiche and its relations (6, whatever their number), the data version, and the site-wide
    # demo notice's probe (cuf_portal.demo_content). Warm: the data version alone (cache reads apart).
    def own(captured):  # the savepoints around a database-cache write are the cache's too
        return [q for q in queries_outside_cache(captured.captured_queries) if "SAVEPOINT" not in q["sql"]]

    assert len(own(cold)) <= 6 + 2
    assert len(own(warm)) == 1


