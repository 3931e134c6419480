"""The site in English: /en/ URLs, the header's language switch, hreflang, the translated chrome."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_french_urls_stay_unprefixed_and_english_ones_live_under_en():
    assert reverse("events:index") == "/rencontres/"
    with translation.override("en"):
        assert reverse("events:index") == "/en/rencontres/"
        assert reverse("admin:index") == "/admin/"


def test_english_home_has_english_chrome(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    for words in (">Skip to content</a>", "Local authority space", "Solidarity funds", "News and agenda",
                  "Legal notice", "Personal data", "Accessibility: partially compliant", "Quick access"):
        assert words in html
    for french in ("Aller au contenu", "Espace collectivité", "Fonds de solidarité", "Mentions légales",
                   "Accès directs"):
        assert french not in html


def test_language_switch_keeps_the_page_and_hreflang_links_both_versions(client, settings):
    settings.SITE_URL = "https://portail.example"
    html = client.get("/rencontres/editions/").content.decode()
    assert '<a href="/en/rencontres/editions/" hreflang="en" lang="en">English</a>' in html
    assert '<link rel="alternate" hreflang="en" href="https://portail.example/en/rencontres/editions/">' in html
    assert '<link rel="alternate" hreflang="fr" href="https://portail.example/rencontres/editions/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://portail.example/rencontres/editions/">' in html
    english = client.get("/en/rencontres/editions/").content.decode()
    assert '<a href="/rencontres/editions/" hreflang="fr" lang="fr">Français</a>' in english
    assert re.search(r'<span aria-current="true" lang="en">English</span>', english)


def test_language_switch_keeps_the_query_string(client):
    html = client.get("/en/rencontres/editions/?page=2").content.decode()
    assert 'href="/rencontres/editions/?page=2" hreflang="fr"' in html


def test_admin_stays_french_whatever_the_browser_asks(client, staff_user):
    client.force_login(staff_user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Administration CUF" in html and '<html lang="fr"' in html
    assert client.get("/en/admin/").status_code == 404


def test_unprefixed_pages_are_french_even_for_an_english_browser(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").content.decode()
    assert '<html lang="fr">' in html and "Aller au contenu" in html


def test_english_404_is_in_english(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("name, title", [("legal", "Legal notice"), ("privacy", "Personal data"),
                                         ("accessibility", "Accessibility statement")])
def test_legal_pages_in_english_have_english_titles_and_say_the_text_is_french(client, name, title):
    with translation.override("en"):
        url = reverse(name)
    html = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "available in French only" in html and '<div lang="fr">' in html


def test_account_pages_are_in_english(client, user):
    html = client.get("/en/compte/connexion/").content.decode()
    assert "Log in to the local authority space" in html and ">Password</label>" in html
    assert "Mot de passe" not in html
    html = client.get("/en/compte/mot-de-passe/oubli/").content.decode()
    assert "Forgotten password" in html and "Send me the link" in html


def test_a_french_only_page_says_so_in_english_and_marks_its_content_french(client, reference):
    html = client.get("/en/atlas/").content.decode()
    assert "The content of this page is available in French only." in html
    assert '<div lang="fr">' in html
    french = client.get("/atlas/").content.decode()
    assert "available in French only" not in french and '<div lang="fr">' not in french



def test_panels_of_french_only_apps_are_marked_french_on_english_pages(client):
    from cuf_portal import panels
    from tests.events.factories import EditionFactory

    edition = EditionFactory(title="Rencontres 2031", title_en="2031 meetings")
    html = client.get("/en/").content.decode()
    assert "The next Rencontres" in html and "2031 meetings" in html  # the Rencontres' panel speaks English
    panels.register("test_french_only", "events/panels/home.html", lambda request: {"edition": edition})
    panels.register("test_translated", "events/panels/home.html", lambda request: {"edition": edition},
                    translated=True)
    try:
        with translation.override("en"):
            [french_only] = panels.render("test_french_only", None)
            [translated] = panels.render("test_translated", None)
        with translation.override("fr"):
            [on_french_page] = panels.render("test_french_only", None)
    finally:
        panels._registry.pop("test_french_only")
        panels._registry.pop("test_translated")
    assert french_only.startswith('<div lang="fr">') and not translated.startswith("<div")
    assert not on_french_page.startswith("<div")


def test_mail_templates_are_never_html_escaped(tmp_path, settings):
    from cuf_portal.mail import render_text

    (tmp_path / "mail_subject.txt").write_text("{{ title }} & {{ other }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    assert render_text("mail_subject.txt", {"title": "Rencontres de l'action", "other": "<b>"}) == \
        "Rencontres de l'action & <b>"
