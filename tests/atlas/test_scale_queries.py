"""At national scale: the search runs the same number of SQL queries whatever the number of rows it
shows and whatever the criteria, and a new web worker warms itself up before its first visitor."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from atlas.models import Theme
from atlas.warmup import warm_up
from tests.conftest import queries_outside_cache

from .factories import make_project, partner

ALL_CRITERIA = ("/atlas/?q=eau&continent=afrique&country=senegal&region=hauts-de-france&department=59-nord"
                "&collectivity=lille&theme=eau-et-assainissement&kind=cooperation&status=termine&year=2020"
                "&funding=afd&sort=recent")


def queries_for(client, url, django_assert_max_num_queries):
    """(queries of a search run afresh, queries of the same search again, fiches found). The first request
    fills the caches every search shares (the form's reference lists); a statement on an Atlas table,
    even one that changes no row, then gives a new data version, so the next request runs the search."""
    client.get(url)
    Theme.objects.filter(pk=-1).update(name="")
    with django_assert_max_num_queries(50) as fresh:
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(50) as again:
        assert client.get(url).content == response.content
    return (len(queries_outside_cache(fresh.captured_queries)), len(queries_outside_cache(again.captured_queries)),
            response.context["count"])


@pytest.mark.parametrize("url", ["/atlas/", "/atlas/?q=eau", ALL_CRITERIA,
                                 "/atlas/?continent=afrique&theme=eau-et-assainissement&funding=afd"])
def test_search_query_count_does_not_depend_on_the_rows_shown(client, atlas, url, django_assert_max_num_queries):
    one_row, cached, shown = queries_for(client, url, django_assert_max_num_queries)
    for n in range(25):  # more than a page of fiches matching every criterion, each with its own partners
        make_project([atlas["lille"]], [partner(f"Commune {n}", "SN"), partner(f"Village {n}", "SN")],
                     themes=["eau-et-assainissement"], funding=[("afd", 2020, 1000)], kind="cooperation",
                     status="termine", title=f"Eau potable, commune {n}", description="Accès à l'eau.",
                     start_year=2015, end_year=2022)
    full_page, cached_full_page, shown_after = queries_for(client, url, django_assert_max_num_queries)
    assert shown_after >= 20 > shown
    assert full_page == one_row
    # Asked again under the same data version: only the data version is read; the page and the site
    # notice come from the cache (cache statements left out: none with Redis, one each with the database).
    assert cached_full_page == cached == 1


def test_a_new_worker_serves_the_main_pages_to_itself_before_its_first_visitor(atlas, settings):
    settings.ALLOWED_HOSTS = [".cites-unies-france.org", "localhost"]
    settings.SECURE_SSL_REDIRECT = True
    # As Django's test client does: keep the test's connection (and its transaction) open.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        assert warm_up(WSGIHandler()) == ["200"] * 5
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
