"""Mes recherches: save the current Atlas search under a name, reopen it, delete it; mine only."""

import pytest
from django.urls import reverse

from atlas.models import SavedSearch
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_search_page_offers_to_save_the_current_search(client, user, reference):
    content = client.get(reverse("atlas:index"), {"country": "senegal"}).content.decode()
    assert "Connectez-vous" in content and "pour enregistrer cette recherche" in content
    client.force_login(user)
    content = client.get(reverse("atlas:index"), {"country": "senegal", "page": "2"}).content.decode()
    assert 'name="query" value="country=senegal"' in content


def test_save_reopen_and_delete(client, user, reference):
    client.force_login(user)
    response = client.post(reverse("atlas:saved_searches"), {
        "name": "Eau au Sénégal", "query": "q=eau&country=senegal&page=3&format=csv&kind="})
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=user)
    assert saved.query == "q=eau&country=senegal"  # page, export format and empty fields dropped
    listing = client.get(reverse("atlas:saved_searches")).content.decode()
    assert "Eau au Sénégal" in listing
    reopen = client.get(reverse("atlas:saved_search", args=[saved.pk]))
    assert reopen.status_code == 302 and reopen["Location"] == "/atlas/?q=eau&country=senegal"
    # Same name again replaces the query instead of failing on the unique constraint.
    client.post(reverse("atlas:saved_searches"), {"name": "Eau au Sénégal", "query": "q=assainissement"})
    assert list(SavedSearch.objects.filter(user=user).values_list("query", flat=True)) == ["q=assainissement"]
    assert client.get(reverse("atlas:delete_saved_search", args=[saved.pk])).status_code == 405
    assert client.post(reverse("atlas:delete_saved_search", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_search_needs_a_name(client, user):
    client.force_login(user)
    response = client.post(reverse("atlas:saved_searches"), {"name": " ", "query": "q=eau"})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()


def test_each_user_sees_only_their_own_searches(client, user):
    other = SavedSearch.objects.create(user=UserFactory(), name="Recherche d'un autre", query="q=culture")
    client.force_login(user)
    assert "Recherche d'un autre" not in client.get(reverse("atlas:saved_searches")).content.decode()
    assert client.get(reverse("atlas:saved_search", args=[other.pk])).status_code == 404
    assert client.post(reverse("atlas:delete_saved_search", args=[other.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("atlas:saved_searches"))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
