"""The Rencontres in English: every page and mail, dates and times, content translations, countries."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html

from events import services
from events.models import Registration
from tests.factories import CountryFactory, FranceFactory

from .factories import EditionFactory, PersonFactory, RegistrationFactory, SessionFactory, SessionRoleFactory

pytestmark = pytest.mark.django_db

# Words of the French interface: none may be left on an English page outside French content.
FRENCH_INTERFACE_WORDS = [
    "Aller au contenu", "Inscription", "Intervenants", "Éditions", "inscrire", "Salle", "Places", "Résumé",
    "Mon inscription", "Mes sessions", "Retour", "Prénom", "Pays", "Fil conducteur", "Lieu", "restante",
    "environ", "Complet", "attente", "Confirmer", "Annuler", "Enregistrer", "Imprimer", "Vérifiez",
    "Choisir", "Mentions", "Données", "Accueil", "Programme au format", "Télécharger", "Voir le",
    "Fonction", "Catégorie", "Civilité", "choisir", "Partenaires", "Présentation", "Horaire", "session en",
]
# Proper names the pages may show in any language.
PROPER_NAMES = ["Cités Unies France", "Français", "Ministère de l'Europe"]


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def fr_url(name, *args):
    # Explicit: after a request to an /en/ page, English stays active in the test's thread.
    with translation.override("fr"):
        return reverse(name, args=args)


def interface_text(page_html):
    """The visible text of a page, without what is marked as French content (lang="fr")."""
    tree = lxml_html.fromstring(page_html)
    # Country names are proper names (English ones may be accented: Côte d'Ivoire, Réunion).
    for node in tree.xpath('//*[@lang="fr"] | //script | //style | //svg | //select[@name="country"]'):
        node.drop_tree()
    text = "".join(tree.xpath("//body//text()"))
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return re.sub(r"\s+", " ", text)


def assert_english(page_html, where):
    assert '<html lang="en">' in page_html, where
    text = interface_text(page_html)
    left = [word for word in FRENCH_INTERFACE_WORDS if word in text]
    assert not left, f"{where}: French interface words {left} in: {text}"
    accented = set(re.findall(r"[àâçéèêëîïôûùœ«»]", text))
    assert not accented, f"{where}: French letters {accented} in: {text}"
    assert not re.search(r"\w \: ", text), f"{where}: a French colon in: {text}"


@pytest.fixture
def edition():
    """An edition whose staff wrote English texts, with a full session and a past edition."""
    FranceFactory()
    edition = EditionFactory(
        title="Rencontres de l'action internationale", title_en="Meetings of international action",
        theme="Quelle contribution ?", theme_en="Which contribution?",
        introduction="Deux jours d'échanges.", introduction_en="Two days of exchanges.",
        practical_info="Métro Porte Maillot", practical_info_en="Underground: Porte Maillot",
        starts_on=dt.date(2031, 12, 16), ends_on=dt.date(2031, 12, 17), expected_participants=1500)
    edition.partners.create(name="AFD", text="La banque publique.", text_en="The public bank.")
    session = SessionFactory(edition=edition, title="Atelier ODD", title_en="SDG workshop", summary="Résumé.",
                             summary_en="Summary.", day=dt.date(2031, 12, 16), start_time=dt.time(10),
                             end_time=dt.time(12), room="Room 1", capacity=2)
    SessionFactory(edition=edition, title="Plénière", title_en="Plenary session", day=dt.date(2031, 12, 16),
                   start_time=dt.time(10), end_time=dt.time(12), capacity=1)
    SessionRoleFactory(session=session, person=PersonFactory(name="Ana Silva"), function="Maire",
                       function_en="Mayor")
    EditionFactory(title="Rencontres 2019", title_en="2019 meetings", starts_on=dt.date(2019, 7, 1),
                   ends_on=dt.date(2019, 7, 2), registration_opens_at=None, registration_closes_at=None)
    return edition


def test_every_english_page_of_the_rencontres_has_an_english_interface(client, edition):
    session = edition.sessions.get(title_fr="Atelier ODD")
    pages = {
        "index": english("events:index"), "edition": english("events:edition", edition.slug),
        "programme": english("events:programme", edition.slug),
        "session": english("events:session", edition.slug, session.number),
        "speakers": english("events:speakers"), "edition speakers": english("events:edition_speakers", edition.slug),
        "past": english("events:past"), "register": english("events:register", edition.slug),
        "register sent": english("events:register_sent", edition.slug),
        "cancelled": english("events:cancelled", edition.slug), "home": english("home"),
        "login": english("login"),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_english(response.content.decode(), where)

    # The private-link pages, from the mail an English registration receives.
    client.post(english("events:register", edition.slug), {
        "first_name": "Ana", "last_name": "Silva", "email": "ana@example.test", "organisation": "City of Praia",
        "function": "Mayor", "category": "collectivite_etr", "country": FranceFactory().pk, "consent": "on"})
    [message] = mail.outbox
    token = re.search(r"/en/rencontres/inscription/([^/]+)/confirmer/", message.body).group(1)
    assert_english(client.get(english("events:confirm", token)).content.decode(), "confirm")
    client.post(english("events:confirm", token))
    client.post(english("events:choose", token), {"sessions": [session.pk]})
    for where, url in {"manage": english("events:manage", token), "badge": english("events:badge", token),
                       "cancel": english("events:cancel_registration", token)}.items():
        page_html = client.get(url).content.decode()
        assert_english(page_html, where)
    badge = client.get(english("events:badge", token)).content.decode()
    assert "SDG workshop" in badge and "Seat confirmed" in badge and "10:00–12:00" in badge


def test_english_dates_times_and_numbers(client, edition):
    html = client.get(english("events:programme", edition.slug)).content.decode()
    assert "Tuesday 16 December 2031" in html and "10:00–12:00" in html and "2 parallel sessions" in html
    html = client.get(english("events:edition", edition.slug)).content.decode()
    assert "16–17 December 2031" in html and "about 1,500" in html
    french = client.get(fr_url("events:programme", edition.slug)).content.decode()
    assert "Mardi 16 décembre 2031" in french and "10h00–12h00" in french


def test_staff_translations_are_shown_and_a_missing_one_shows_the_french_text_marked_french(client, edition):
    html = client.get(english("events:edition", edition.slug)).content.decode()
    assert "Meetings of international action" in html and "Two days of exchanges." in html
    assert "The public bank." in html and "La banque publique." not in html
    edition.introduction_en = ""
    edition.save()
    html = client.get(english("events:edition", edition.slug)).content.decode()
    assert '<div lang="fr"><p>Deux jours d&#x27;échanges.</p></div>' in html
    session = edition.sessions.get(title_fr="Atelier ODD")
    html = client.get(english("events:session", edition.slug, session.number)).content.decode()
    assert "SDG workshop" in html and "Mayor" in html and "Summary." in html
    french = client.get(fr_url("events:session", edition.slug, session.number)).content.decode()
    assert "Atelier ODD" in french and "Maire" in french and 'lang="fr"' not in french.split('id="contenu"')[1]


def test_room_is_named_once(client, edition):
    edition.sessions.update(room="Salle 1")
    session = edition.sessions.get(title_fr="Atelier ODD")
    for url in (fr_url("events:programme", edition.slug), english("events:programme", edition.slug)):
        html = client.get(url).content.decode()
        assert "Salle 1" in html and "Salle Salle" not in html and "Room Salle" not in html
    html = client.get(english("events:session", edition.slug, session.number)).content.decode()
    assert "<dt>Room</dt><dd>Salle 1</dd>" in html


def test_seats_left_are_real_plurals_in_both_languages(client, edition):
    services.choose_sessions(RegistrationFactory(edition=edition), [edition.sessions.get(title_fr="Atelier ODD").pk])
    french = client.get(fr_url("events:programme", edition.slug)).content.decode()
    assert "1 place restante" in french and "(s)" not in french
    english_html = client.get(english("events:programme", edition.slug)).content.decode()
    assert "1 seat left" in english_html and "(s)" not in english_html
    html = client.get(english("events:past")).content.decode()
    assert "0 sessions" in html


@pytest.mark.parametrize("language, subject", [
    ("fr", "Confirmez votre inscription — Rencontres de l'action internationale"),
    ("en", "Confirm your registration — Meetings of international action"),
])
def test_confirmation_subject_shows_the_apostrophe_not_an_entity(client, edition, language, subject):
    if language == "en":
        edition.title_en = "Meetings of international action"
        edition.save()
    url = (english if language == "en" else fr_url)("events:register", edition.slug)
    client.post(url, {"first_name": "Léa", "last_name": "Dupont", "email": "lea@exemple.test",
                      "organisation": "Ville", "function": "Maire", "category": "collectivite_fr",
                      "country": FranceFactory().pk, "consent": "on"})
    [message] = mail.outbox
    assert message.subject == subject and "&#x27;" not in message.subject + message.body


def test_english_link_mail_has_every_paragraph_of_the_french_one(client, edition):
    for language, email in (("fr", "a@exemple.test"), ("en", "b@exemple.test")):
        url = (english if language == "en" else fr_url)("events:register", edition.slug)
        client.post(url, {"first_name": "A", "last_name": "B", "email": email, "organisation": "O",
                          "function": "F", "category": "autre", "country": FranceFactory().pk, "consent": "on"})
    french, english_mail = mail.outbox
    assert len(french.body.split("\n\n")) == len(english_mail.body.split("\n\n"))
    assert "ignore this message" in english_mail.body and "/en/rencontres/" in english_mail.body
    assert Registration.objects.get(email="b@exemple.test").language == "en"


def test_a_promotion_sent_from_a_french_request_is_written_in_the_participants_language(edition):
    session = edition.sessions.get(title_fr="Plénière")
    holder = RegistrationFactory(edition=edition)
    waiting = RegistrationFactory(edition=edition, language="en", email="ana@example.test")
    services.choose_sessions(holder, [session.pk])
    services.choose_sessions(waiting, [session.pk])
    mail.outbox.clear()
    with translation.override("fr"):  # staff in the (French) admin, or the worker
        services.cancel_registration(holder)
    [promotion] = mail.outbox
    assert promotion.to == ["ana@example.test"]
    assert promotion.subject == "A seat is yours: Plenary session"
    assert "16 December 2031, 10:00–12:00" in promotion.body and "/en/rencontres/inscription/" in promotion.body
    services.send_session_message(session, "Change", "Room 3.")
    assert "Message sent to everyone registered" in mail.outbox[-1].body


def test_country_list_follows_the_language_in_names_and_order(client, reference):
    edition = EditionFactory()

    def options(url):
        page_html = client.get(url).content.decode()
        select = re.search(r'<select name="country".*?</select>', page_html, re.S).group(0)
        return [lxml_html.fromstring(o).text_content() for o in re.findall(r"<option.*?</option>", select)][1:]

    french = options(fr_url("events:register", edition.slug))
    assert french.index("Danemark") < french.index("Égypte") < french.index("Espagne")
    assert french.index("Estonie") < french.index("États-Unis") < french.index("Éthiopie")
    assert french.index("Sénégal") < french.index("Serbie") < french.index("Syrie")
    assert "La Réunion" in french and "Île Christmas" in french
    assert "Réunion, Île de la" not in french and "Christmas, Île" not in french
    in_english = options(english("events:register", edition.slug))
    assert in_english.index("Egypt") < in_english.index("Germany") < in_english.index("United States")
    assert "Micronesia" in in_english and "Virgin Islands, U.S." not in in_english
    assert "Égypte" not in in_english


def test_a_country_is_named_in_english_on_the_english_badge(client):
    edition = EditionFactory()
    registration = RegistrationFactory(edition=edition, country=CountryFactory(), language="en")
    token = services.new_token()
    registration.set_token(token)
    registration.save()
    assert "Senegal" in client.get(english("events:badge", token)).content.decode()
    assert "Sénégal" in client.get(fr_url("events:badge", token)).content.decode()


def test_registration_closing_date_reads_in_the_language_of_the_page(client):
    closes = timezone.make_aware(dt.datetime(2026, 11, 3, 18, 0))
    edition = EditionFactory(registration_opens_at=closes - dt.timedelta(days=30), registration_closes_at=closes)
    html = client.get(english("events:register", edition.slug)).content.decode()
    assert "Registration for this edition closed on 3 November 2026 at 18:00." in html
    html = client.get(fr_url("events:register", edition.slug)).content.decode()
    assert "closes depuis le 3 novembre 2026 à 18h00." in html


def test_staff_edit_french_and_english_side_by_side_in_the_french_admin(client, staff_user):
    edition = EditionFactory(title="Rencontres 2031")
    session = SessionFactory(edition=edition)
    client.force_login(staff_user)
    html = client.get(f"/admin/events/edition/{edition.pk}/change/").content.decode()
    assert '<html lang="fr"' in html
    for field in ("title_fr", "title_en", "theme_en", "introduction_en", "practical_info_en",
                  "partners-__prefix__-text_en"):
        assert f'id="id_{field}"' in html, field
    html = client.get(f"/admin/events/session/{session.pk}/change/").content.decode()
    assert 'id="id_title_en"' in html and 'id="id_summary_en"' in html and "roles-__prefix__-function_en" in html


def test_a_sessions_group_is_named_in_english_when_staff_gave_it_an_english_name(client, edition):
    from tests.groupes_pays.factories import GroupFactory

    session = edition.sessions.get(title_fr="Atelier ODD")
    session.group = GroupFactory(name="Groupe-pays Sénégal", name_en="Senegal country group")
    session.save()
    html = client.get(english("events:programme", edition.slug)).content.decode()
    assert "Senegal country group" in html and "Groupe-pays Sénégal" not in html
    html = client.get(fr_url("events:session", edition.slug, session.number)).content.decode()
    assert "Groupe-pays Sénégal" in html and "Senegal country group" not in html
    session.group.name_en = ""
    session.group.save()
    html = client.get(english("events:session", edition.slug, session.number)).content.decode()
    assert 'lang="fr">Groupe-pays Sénégal</a>' in html


def test_staff_name_funds_in_french_and_english_side_by_side(client, staff_user):
    from tests.fonds.factories import FundFactory

    fund = FundFactory(name="Fonds Ukraine")
    client.force_login(staff_user)
    html = client.get(f"/admin/fonds/fund/{fund.pk}/change/").content.decode()
    assert 'id="id_name_fr"' in html and 'id="id_name_en"' in html
    fund.name_en = "Ukraine fund"
    fund.save()
    with translation.override("en"):
        fund.refresh_from_db()
        assert fund.name == "Ukraine fund"
    fund.refresh_from_db()
    assert fund.name == "Fonds Ukraine"
