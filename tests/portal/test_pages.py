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


@pytest.mark.parametrize("name, title, facts", [
    # The publisher and its address, the publication director, the host.
    ("legal", "Mentions légales", ["Cités Unies France (CUF), association loi 1901", "9, rue Christiani, 75018 Paris",
                                   "Directeur de la publication", "Hébergement"]),
    # What is processed, how long it is kept, the user's rights, cookies.
    ("privacy", "Données personnelles", ["Durée de conservation", "RGPD", "droit d'accès, de rectification",
                                         "aucun cookie de mesure d'audience"]),
    # RGAA: the conformity status, what is not accessible, the feedback channel, the Défenseur des droits.
    ("accessibility", "Déclaration d'accessibilité", ["RGAA 4.1", "partiellement conforme",
                                                           "Contenus non accessibles", "Défenseur des droits"]),
])
def test_legal_pages_say_what_the_law_requires(client, name, title, facts):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", main) == [title]
    for fact in facts:
        assert fact in main


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
