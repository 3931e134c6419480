"""The shell every page shares: base template, home page, legal pages, errors."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_french_with_landmarks_and_skip_link(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    for landmark in ('role="banner"', "<nav", "<main", 'role="contentinfo"'):
        assert landmark in html
    for entry in ("Atlas", "Rencontres", "Groupes", "Fonds de solidarité", "e-APD", "Actualités et agenda",
                  "Espace collectivité"):
        assert entry in html


def test_no_asset_is_loaded_from_another_site(client):
    html = client.get("/").content.decode()
    # rel="alternate" links name the page's other languages (absolute, as hreflang wants): not assets.
    external = re.findall(r'<(?:script|link(?! rel="alternate")|img)[^>]+(?:src|href)="(?:https?:)?//[^"]+"', html)
    assert external == []


@pytest.mark.parametrize("name", ["legal", "privacy", "accessibility"])
def test_legal_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "Cités Unies France" in response.content.decode()


def test_unknown_page_gives_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_admin_is_branded_and_in_french(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/admin/").content.decode()
    assert "Cités Unies France — administration du portail" in html
    assert "Déconnexion" in html or "Se déconnecter" in html


@pytest.mark.parametrize("url, entry", [
    ("/atlas/", "Atlas"), ("/rencontres/", "Rencontres"), ("/groupes/", "Groupes"),
    ("/groupes/actualites/", "Actualités et agenda"), ("/groupes/agenda/", "Actualités et agenda"),
    ("/fonds/", "Fonds de solidarité"), ("/fonds/e-apd/", "e-APD"), ("/fonds/e-apd/statistiques/", "e-APD"),
])
def test_navigation_marks_the_section_of_the_page(client, url, entry, reference):
    html = client.get(url).content.decode()
    current = re.findall(r'<a href="[^"]+" aria-current="true">([^<]+)</a>', html)
    assert current == [entry]
