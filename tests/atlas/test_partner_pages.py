"""Country and collectivity pages at scale (issue #12): their partner lists are paginated, a cached page
runs a bounded number of queries whatever the number of partners, and every write shows at once."""

import re

import pytest

from atlas.models import Collectivity, Participation
from atlas.views import PARTNERS_PAGE_SIZE

from .factories import make_project, partner, search_documents_once

MANY = PARTNERS_PAGE_SIZE + 7


@pytest.fixture
def many_partners(atlas):
    """Lille with MANY Senegalese partners (one fiche each), on top of the small Atlas."""
    partners = [partner(f"Partenaire {index:03d}", "SN") for index in range(MANY)]
    with search_documents_once():
        for index, collectivity in enumerate(partners):
            make_project([atlas["lille"]], [collectivity], title=f"Coopération numéro {index:03d}")
    return partners


def partner_names(html):
    return re.findall(r">(Partenaire \d{3})</a>", html)


def partners_section(html):
    return html.split('id="partners-title"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("url", ["/atlas/pays/senegal/", "/atlas/collectivites/lille/"])
def test_partner_list_is_paginated_without_js(client, many_partners, url):
    first = partners_section(client.get(url).content.decode())
    assert len(partner_names(first)) == PARTNERS_PAGE_SIZE
    assert 'aria-label="Pages des collectivités partenaires"' in first
    assert "?partenaires=2" in first
    second = partners_section(client.get(f"{url}?partenaires=2").content.decode())
    # Saint-Louis (the small Atlas's partner) sorts after "Partenaire …": the rest of the list.
    assert len(partner_names(second)) == MANY - PARTNERS_PAGE_SIZE
    assert not set(partner_names(first)) & set(partner_names(second))
    assert "Saint-Louis" in second


def test_figures_count_every_partner_not_only_the_page(client, many_partners):
    html = client.get("/atlas/collectivites/lille/").content.decode()
    assert re.search(rf"<strong>{MANY + 1}</strong>\s*collectivités partenaires", html)


def test_pages_of_fiches_and_of_partners_are_cached_apart(client, many_partners):
    """Both page numbers key the cached lists: ?page=2 never serves the partners of ?partenaires=1 as
    those of another page, and the reverse."""
    url = "/atlas/collectivites/lille/"
    assert client.get(f"{url}?page=2&partenaires=2").status_code == 200
    html = client.get(f"{url}?page=1&partenaires=2").content.decode()
    assert len(partner_names(partners_section(html))) == MANY - PARTNERS_PAGE_SIZE
    assert 'start="1"' in html
    html = client.get(f"{url}?page=2&partenaires=1").content.decode()
    assert len(partner_names(partners_section(html))) == PARTNERS_PAGE_SIZE
    assert 'start="21"' in html


@pytest.mark.parametrize("url", ["/atlas/pays/senegal/", "/atlas/collectivites/lille/",
                                 "/atlas/collectivites/partenaire-000/"])
def test_a_cached_page_runs_few_queries_whatever_the_partners(client, many_partners, url,
                                                              django_assert_max_num_queries):
    client.get(url)
    # The place, the data versions (read once for the page and its APD panel), ONE cache read for the
    # figures and lists (DatabaseCache: one query), the APD panel's cache read and the demo notice's.
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_a_new_partner_shows_at_once_on_the_cached_pages(client, many_partners, atlas):
    country_url, lille_url = "/atlas/pays/senegal/", "/atlas/collectivites/lille/"
    last = f"{country_url}?partenaires=2", f"{lille_url}?partenaires=2"
    before = {url: partner_names(partners_section(client.get(url).content.decode())) for url in last}
    make_project([atlas["lille"]], [partner("Partenaire 999", "SN")], title="Coopération nouvelle")
    after = {url: partner_names(partners_section(client.get(url).content.decode())) for url in last}
    assert {url: len(after[url]) - len(before[url]) for url in last} == {url: 1 for url in last}
    assert all("Partenaire 999" in names for names in after.values())
    # Unpublishing the fiche removes it at once as well.
    Participation.objects.filter(collectivity__name="Partenaire 999").delete()
    assert all("Partenaire 999" not in partner_names(partners_section(client.get(url).content.decode()))
               for url in last)


def test_the_no_fiche_notice_follows_the_data(client, atlas):
    lonely = Collectivity.objects.get(pk=atlas["nancy"].pk)
    url = lonely.get_absolute_url()
    assert "Aucune action recensée" not in client.get(url).content.decode()
    Participation.objects.filter(collectivity=lonely).delete()
    assert "Aucune action recensée" in client.get(url).content.decode()
