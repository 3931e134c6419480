"""Figures pages are cached under the data version (atlas.figures) and show every change at once.

The version is kept by PostgreSQL triggers in the writer's transaction, so these tests write the way
the admin, an import or a bulk update would (plain ORM, queryset.update, raw SQL), not only through
services, and check the pages right after."""

import re
import threading

import pytest
from django.db import connection, connections, transaction

from atlas import figures
from atlas.models import Project

from .factories import make_project, partner

FIGURES_PAGES = ["/atlas/monde/", "/atlas/monde/afrique/", "/atlas/pays/senegal/", "/atlas/regions/hauts-de-france/",
                 "/atlas/departements/59-nord/", "/atlas/collectivites/lille/", "/atlas/statistiques/", "/"]


def project_figure(html):
    """The first « <strong>N</strong> projet… » figure of a page."""
    return int(re.search(r"<strong>(\d+)</strong>\s*projet", html).group(1))


def pages(client):
    return {url: project_figure(client.get(url).content.decode()) for url in FIGURES_PAGES}


def test_a_new_fiche_shows_at_once_on_every_figures_page(client, atlas):
    before = pages(client)
    assert before == pages(client)  # second round served from the cache: same figures
    make_project([atlas["lille"]], [partner("Dakar", "SN")], themes=["culture"], title="Culture à Dakar")
    after = pages(client)
    assert {url: after[url] - before[url] for url in FIGURES_PAGES} == {url: 1 for url in FIGURES_PAGES}


def test_publishing_by_queryset_update_or_raw_sql_changes_the_version(client, atlas):
    """No write path can forget the version: it is kept by the database, not by the code that writes."""
    seen = project_figure(client.get("/atlas/statistiques/").content.decode())
    version = figures.versions(figures.ATLAS)
    Project.objects.filter(pk=atlas["draft"].pk).update(is_published=True)  # e.g. an admin bulk action
    assert figures.versions(figures.ATLAS) != version
    assert project_figure(client.get("/atlas/statistiques/").content.decode()) == seen + 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE atlas_project SET is_published = false WHERE id = %s", [atlas["water"].pk])
    assert project_figure(client.get("/atlas/statistiques/").content.decode()) == seen


def test_a_rolled_back_write_never_lends_its_version_to_later_data(atlas):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_project([atlas["lille"]], [atlas["saint_louis"]], title="Abandonné")
        inside = figures.versions(figures.ATLAS)
        raise RuntimeError
    make_project([atlas["nancy"]], [atlas["saint_louis"]], title="Gardé")
    assert figures.versions(figures.ATLAS) != inside


def test_second_request_reads_the_figures_from_the_cache(client, atlas, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as first:
        client.get("/atlas/statistiques/")
    # The data version and the statistics fragment's cache read (DatabaseCache: one query), plus 1 for
    # the site-wide demo notice's cache read (cuf_portal.demo_content); no figure is computed again.
    with django_assert_max_num_queries(2 + 1):
        client.get("/atlas/statistiques/")
    assert len(first.captured_queries) > 2


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_process_shows_at_once(client, reference):
    """Another worker (here another connection, committing) publishes a fiche: this worker, whose
    cache holds the figures of the previous version, shows the new ones on its next request."""
    from atlas.models import Country, Department
    from tests.factories import CollectivityFactory

    lille = CollectivityFactory(name="Lille", country=Country.objects.get(iso2="FR"),
                                department=Department.objects.get(code="59"), latitude=50.63, longitude=3.06)
    make_project([lille], [partner("Saint-Louis", "SN")], title="Eau à Saint-Louis")
    before = pages(client)

    def other_worker():
        try:
            with transaction.atomic():
                make_project([lille], [partner("Thiès", "SN")], title="Santé à Thiès")
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    thread.join()
    after = pages(client)
    assert {url: after[url] - before[url] for url in FIGURES_PAGES} == {url: 1 for url in FIGURES_PAGES}


def test_cached_fragments_follow_the_language_and_the_release(client, atlas, monkeypatch):
    assert 'href="/atlas/monde/afrique/"' in client.get("/atlas/monde/").content.decode()
    # The French fragment is cached; the English page has its own, with its own links.
    english = client.get("/en/atlas/monde/").content.decode()
    assert 'href="/en/atlas/monde/afrique/"' in english and 'href="/atlas/monde/afrique/"' not in english
    # A new deployment (other templates or static files) never reads the fragments of the previous one.
    version = figures.versions(figures.ATLAS)
    before = figures.fragment_key(version, "fr")
    monkeypatch.setattr(figures, "release", lambda: "next-release")
    assert figures.fragment_key(version, "fr") != before
    assert figures.fragment_key(None, "fr") is None
