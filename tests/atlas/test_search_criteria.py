"""Atlas search (issue 13): active criteria as removable chips; an empty search says which criterion to drop."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_active_criterion_is_a_chip_whose_link_removes_only_it(client, atlas):
    response = client.get(reverse("atlas:index"), {"q": "eau", "country": "senegal", "sort": "titre"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="chip" href="?country=senegal&amp;sort=titre"' in html  # removes the keywords
    assert 'class="chip" href="?q=eau&amp;sort=titre"' in html  # removes the country
    assert "Mots-clés : eau" in html and "Pays partenaire : Sénégal" in html


def test_empty_search_names_the_criterion_to_drop_with_the_count_it_would_give(client, atlas):
    html = client.get(reverse("atlas:index"), {"q": "eau", "country": "israel"}).content.decode()
    assert "Aucune fiche ne réunit tous ces critères." in html
    # Without the country, the water fiche of Lille–Saint-Louis is found; without "eau", the Nancy fiche.
    assert "Sans le critère <a href=\"?country=israel\">« Mots-clés : eau »</a>, 1 fiche correspond." in html
    assert "Sans le critère <a href=\"?q=eau\">« Pays partenaire : Israël »</a>, 1 fiche correspond." in html


def test_search_without_result_even_without_one_criterion_says_so(client, atlas):
    html = client.get(reverse("atlas:index"), {"q": "introuvablemotcle"}).content.decode()
    assert "0 fiche-projet</h2>" in html  # French: zero is singular
    assert "Sans le critère <a href=\"?\">« Mots-clés : introuvablemotcle »</a>, 2 fiches correspondent." in html
    html = client.get(reverse("atlas:index"), {"q": "introuvablemotcle", "country": "japon"}).content.decode()
    assert "même en retirant un seul critère" in html


def test_advanced_filters_are_folded_unless_one_is_used(client, atlas):
    html = client.get(reverse("atlas:index"), {"q": "eau"}).content.decode()
    assert '<details class="filters-advanced">' in html
    html = client.get(reverse("atlas:index"), {"status": "termine"}).content.decode()
    assert '<details class="filters-advanced" open>' in html and "1 actif" in html
