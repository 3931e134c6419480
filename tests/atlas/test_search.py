"""Search and filters of /atlas/: full text (accents, stemming), criteria, bad input, query counts."""

import pytest

from atlas.models import Participation

from .factories import make_project, partner

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["page_obj"]]


@pytest.mark.parametrize("words", ["cooperation", "coopérations", "COOPERATION", "Coopération"])
def test_search_is_accent_insensitive_and_stemmed(client, atlas, words):
    response = client.get("/atlas/", {"q": words})
    assert response.status_code == 200
    assert "Coopération pour l'eau potable à Saint-Louis" in titles(response)


def test_stemming_finds_plural_and_other_forms(client, atlas):
    assert titles(client.get("/atlas/", {"q": "quartier"})) == ["Coopération pour l'eau potable à Saint-Louis"]
    assert titles(client.get("/atlas/", {"q": "universitaires"})) == ["Jumelage Nancy Kiryat Shmona"]


def test_search_matches_collectivity_and_country_names(client, atlas):
    assert titles(client.get("/atlas/", {"q": "senegal"})) == ["Coopération pour l'eau potable à Saint-Louis"]


def test_unpublished_fiches_are_never_public(client, atlas):
    assert "Projet secret de coopération" not in titles(client.get("/atlas/", {"q": "secret"}))
    assert client.get(atlas["draft"].get_absolute_url()).status_code == 404
    assert b"secret" not in client.get("/atlas/", {"format": "csv"}).getvalue()


@pytest.mark.parametrize("params, expected", [
    ({"country": "senegal"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"continent": "asie"}, ["Jumelage Nancy Kiryat Shmona"]),
    ({"theme": "eau-et-assainissement"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"funding": "afd"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"kind": "jumelage"}, ["Jumelage Nancy Kiryat Shmona"]),
    ({"status": "termine"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"year": "2023"}, ["Jumelage Nancy Kiryat Shmona"]),
    ({"department": "59-nord"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"region": "grand-est"}, ["Jumelage Nancy Kiryat Shmona"]),
    ({"collectivity": "Nancy"}, ["Jumelage Nancy Kiryat Shmona"]),
    ({"partner": "saint-louis"}, ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"country": "senegal", "theme": "eau-et-assainissement", "funding": "afd", "q": "eau"},
     ["Coopération pour l'eau potable à Saint-Louis"]),
    ({"country": "senegal", "kind": "jumelage"}, []),
])
def test_filters(client, atlas, params, expected):
    response = client.get("/atlas/", params)
    assert response.status_code == 200
    assert titles(response) == expected
    assert response.context["count"] == len(expected)


@pytest.mark.parametrize("params", [{"country": "atlantide"}, {"theme": "inconnue"}, {"year": "deux-mille"},
                                    {"collectivity": "Ville qui n'existe pas"}, {"kind": "x"}, {"odd": "18"}])
def test_unknown_filter_value_shows_a_form_error(client, atlas, params):
    response = client.get("/atlas/", params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert "Un critère de recherche n'est pas valide" in response.content.decode()


def test_page_past_the_end_gives_the_last_page(client, atlas):
    response = client.get("/atlas/", {"page": "99"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["page_obj"].paginator.num_pages


def test_sorting_by_recent(client, atlas):
    assert titles(client.get("/atlas/", {"sort": "recent"}))[0] == "Coopération pour l'eau potable à Saint-Louis"


def test_search_query_count_does_not_grow_with_results(client, atlas, django_assert_max_num_queries):
    lille = atlas["lille"]
    for n in range(25):
        make_project([lille], [partner(f"Ville partenaire {n}", "SN")], themes=["culture", "sante"],
                     title=f"Coopération culturelle {n}")
    assert Participation.objects.count() > 50
    # The 25 new fiches, plus the water and Nancy fiches of `atlas` (its draft is never listed); the
    # words match the water fiche and the 25; the criteria match the 25 only (culture, Sénégal, 2018).
    # Budget: 11 for a new search and its page cache entry, + 12 + 7 (first search, lists and notice
    # below), + 2 (cache reads of the lists and the notice) after, + 1 lookup per reference criterion.
    expected = [({}, 27, 11 + 12 + 7), ({"q": "cooperation"}, 26, 11 + 2),
                ({"country": "senegal", "theme": "culture", "year": "2018"}, 25, 11 + 2 + 2)]
    for params, total, budget in expected:
        # Each search is new (a miss of the page cache): the data version, 1 read of the page cache,
        # the 5 statements that write a database cache entry (count for culling, savepoint, select,
        # insert, release), the count, the page and its two lists. The first search also fills the
        # shared cache of the form's lists (1 read, 6 lists, 5 statements to write it); the site-wide
        # demo notice (cuf_portal.demo_content) adds 7 on the first search (cache read, one-query
        # probe, the same 5 statements), 1 read after.
        with django_assert_max_num_queries(budget):
            response = client.get("/atlas/", params)
        page = response.context["page_obj"]
        assert (page.paginator.count, len(page)) == (total, 20), params
        assert len({p.pk for p in page}) == 20  # one row per fiche, whatever the number of participations


def test_search_form_lists_come_from_cache_and_follow_changes(client, atlas, django_assert_max_num_queries):
    from atlas.models import Theme

    client.get("/atlas/")  # fills the cache of countries, départements, themes, ODD
    # count, page, participations, themes, session/user at most; + 1 for the site-wide demo notice's
    # cache read (cuf_portal.demo_content, filled by the first request).
    with django_assert_max_num_queries(6 + 1):
        page = client.get("/atlas/").content.decode()
    assert '<option value="senegal">Sénégal</option>' in page
    assert '<option value="eau-et-assainissement">' in page
    Theme.objects.create(name="Tourisme <durable>", slug="tourisme-durable", position=99)
    page = client.get("/atlas/", {"theme": "tourisme-durable"}).content.decode()
    assert '<option value="tourisme-durable" selected>Tourisme &lt;durable&gt;</option>' in page


def test_result_rows_show_both_sides_without_trailing_separator(client, atlas):
    page = client.get("/atlas/", {"q": "eau"}).content.decode()
    assert ('<a href="/atlas/collectivites/lille/">Lille</a> <span class="muted">(chef de file)</span></dd>'
            in page)
    assert '<a href="/atlas/collectivites/saint-louis' in page and "(Sénégal)" in page
    assert '<span class="tag">Eau et assainissement</span>' in page


def test_a_repeated_search_is_served_from_the_cache_without_any_search_query(client, atlas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import queries_outside_cache

    url = "/atlas/?q=eau&country=senegal&theme=eau-et-assainissement&page=1"
    first = client.get(url)
    # Only the data version is read: the form and results and the site-wide demo notice come from the
    # cache (its own statements, with the database cache, left out); no count, no page.
    with CaptureQueriesContext(connection) as captured:
        again = client.get(url)
    assert [q["sql"] for q in queries_outside_cache(captured.captured_queries)] == [
        q["sql"] for q in captured.captured_queries if "atlas_dataversion" in q["sql"]]
    assert len(queries_outside_cache(captured.captured_queries)) == 1
    assert again.content == first.content
    assert titles(again) == ["Coopération pour l'eau potable à Saint-Louis"] and again.context["count"] == 1


def test_cached_results_change_at_once_after_a_write(client, atlas):
    assert client.get("/atlas/", {"country": "senegal"}).context["count"] == 1
    make_project([atlas["nancy"]], [partner("Thiès", "SN")], title="Santé à Thiès")
    response = client.get("/atlas/", {"country": "senegal"})
    assert response.context["count"] == 2 and "Santé à Thiès" in titles(response)
    Participation.objects.filter(project__title="Santé à Thiès").delete()
    response = client.get("/atlas/", {"country": "senegal"})
    assert response.context["count"] == 1 and "Santé à Thiès" not in response.content.decode()


def test_an_invalid_search_is_never_cached(client, atlas):
    assert client.get("/atlas/", {"country": "atlantide"}).status_code == 400
    response = client.get("/atlas/", {"country": "atlantide"})
    assert response.status_code == 400 and response.context["form"].errors


def test_a_filtered_page_and_its_total_are_read_in_one_query(atlas, django_assert_num_queries):
    from django.http import QueryDict

    from atlas.filters import ProjectFilter
    from atlas.queries import counted_page, published_projects

    for n in range(25):
        make_project([atlas["lille"]], [partner(f"Ville {n}", "SN")], title=f"Fiche {n:02d}")
    results = ProjectFilter(QueryDict("country=senegal"), queryset=published_projects()).qs
    with django_assert_num_queries(1):
        page = counted_page(results, "2", 20)
        titles_shown = [p.title for p in page]
    assert (page.paginator.count, page.number, page.paginator.num_pages) == (26, 2, 2)
    assert titles_shown == [p.title for p in results][20:]
    past_end = counted_page(results, "9", 20)  # past the end: the last page, as Paginator.get_page
    assert (past_end.number, len(past_end), past_end.paginator.count) == (2, 6, 26)
    assert counted_page(results, "deux", 20).number == 1
