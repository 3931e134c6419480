"""Fiche, navigation levels, collectivity pages, statistics, home panel: content, permissions, query counts."""

import pytest

from tests.factories import CollectivityMemberFactory, UserFactory

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


@pytest.mark.parametrize("url", ["/atlas/monde/", "/atlas/monde/afrique/", "/atlas/pays/senegal/",
                                 "/atlas/regions/hauts-de-france/", "/atlas/departements/59-nord/",
                                 "/atlas/collectivites/lille/", "/atlas/collectivites/saint-louis/",
                                 "/atlas/statistiques/"])
def test_navigation_pages_render(client, atlas, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Fil d&#x27;Ariane" in response.content.decode() or "Fil d'Ariane" in response.content.decode()


def test_country_figures_are_derived(client, atlas):
    make_project([atlas["nancy"]], [atlas["saint_louis"]], themes=["sante"], title="Santé à Saint-Louis")
    figures = client.get("/atlas/pays/senegal/").context["figures"]
    assert figures == {"french": 2, "partners": 1, "projects": 2, "themes": 2}


def test_world_page_counts_continents(client, atlas):
    levels = {c.slug: f for c, f in client.get("/atlas/monde/").context["levels"]}
    assert levels["afrique"]["projects"] == 1 and levels["asie"]["projects"] == 1


def test_home_panel_shows_key_figures(client, atlas):
    page = client.get("/").content.decode()
    assert "L'Atlas de la coopération décentralisée" in page or "L&#x27;Atlas" in page


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


def test_fiche_query_count_is_constant(client, atlas, django_assert_max_num_queries):
    fiche = make_project([atlas["lille"], atlas["nancy"]], [partner(f"P{n}", "SN") for n in range(8)],
                         themes=["culture", "sante", "sport"], funding=[("afd", 2020, 1), ("ue", 2021, 2)],
                         title="Grande fiche")
    with django_assert_max_num_queries(8):
        client.get(fiche.get_absolute_url())
