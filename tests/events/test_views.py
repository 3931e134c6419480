"""Public pages, registration flow through HTTP, private links, .ics, badge, staff desk."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar

from events import services
from events.models import Registration, SessionRegistration
from tests.factories import FranceFactory

from .factories import EditionFactory, RegistrationFactory, SessionFactory, SessionRoleFactory

pytestmark = pytest.mark.django_db


def form_data(edition, **extra):
    france = FranceFactory()
    data = {"civility": "mme", "first_name": "Léa", "last_name": "Dupont", "email": "lea@exemple.test",
            "organisation": "Ville de Nantes", "function": "Adjointe au maire", "category": "collectivite_fr",
            "country": france.pk, "accessibility_needs": "", "consent": "on", "website": ""}
    data.update(extra)
    return data


def link_from(message):
    line = next(line for line in message.body.splitlines() if "/rencontres/inscription/" in line)
    return line[line.index("/rencontres/"):]


def token_of(message):
    return link_from(message).split("/")[3]


def test_edition_page_shows_theme_partners_and_registration(client):
    edition = EditionFactory(practical_info="Métro Porte Maillot")
    edition.partners.create(name="Agence Française de Développement", acronym="AFD", text="La banque publique.")
    response = client.get(reverse("events:edition", args=[edition.slug]))
    content = response.content.decode()
    assert edition.theme in content and "AFD" in content and "Métro Porte Maillot" in content
    assert reverse("events:register", args=[edition.slug]) in content


def test_index_replaces_the_temporary_section_page(client):
    edition = EditionFactory()
    response = client.get(reverse("events:index"))
    assert response.status_code == 200 and edition.title in response.content.decode()


def test_home_panel_announces_the_next_edition(client):
    edition = EditionFactory()
    content = client.get("/").content.decode()
    assert "Les prochaines Rencontres" in content and edition.title in content


def test_programme_puts_parallel_sessions_side_by_side_with_a_fixed_number_of_queries(
        client, django_assert_max_num_queries):
    edition = EditionFactory()
    for i in range(3):
        SessionRoleFactory(session=SessionFactory(edition=edition, title=f"Parallèle {i}"))
    url = reverse("events:programme", args=[edition.slug])
    # The site-wide demo notice reads a database-cache entry on every page: 1 query once warm, 7 on the
    # request that fills it (read, probe, count for culling, savepoint, select, insert, release). Warm it
    # first, so that the pins below count the page's own queries plus that 1 read, whatever ran before.
    client.get(url)
    with django_assert_max_num_queries(8):  # 4 of the programme + 1 demo-notice cache read
        response = client.get(url)
    assert "3 sessions en parallèle" in response.content.decode()
    for _ in range(10):
        SessionRoleFactory(session=SessionFactory(edition=edition, start_time=dt.time(9), end_time=dt.time(10)))
    with django_assert_max_num_queries(8):
        client.get(url)


def test_session_page_shows_speakers_seats_and_published_report(client):
    session = SessionFactory(capacity=5, report="Compte rendu détaillé", report_published=True)
    SessionRoleFactory(session=session, function="Maire de Dijon")
    content = client.get(session.get_absolute_url()).content.decode()
    assert "Maire de Dijon" in content and "5 places restantes" in content and "Compte rendu détaillé" in content


def test_programme_ics_parses_back(client):
    session = SessionFactory(title="Atelier ODD", room="Salle 2")
    response = client.get(reverse("events:programme_ics", args=[session.edition.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1 and str(events[0]["summary"]) == "Atelier ODD"
    start = events[0].decoded("dtstart")
    assert start.hour == 14 and start.minute == 30 and str(start.tzinfo) == "Europe/Paris"


def test_full_registration_flow_over_http(client):
    edition = EditionFactory()
    session = SessionFactory(edition=edition, capacity=1)
    response = client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    confirm_url = link_from(mail.outbox[0])
    assert "confirmer" in confirm_url
    assert not SessionRegistration.objects.exists()
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    token = token_of(mail.outbox[0])
    manage_url = reverse("events:manage", args=[token])
    assert response.status_code == 302 and response["Location"].startswith(manage_url)
    response = client.post(reverse("events:choose", args=[token]), {"sessions": [session.pk]})
    assert response.status_code == 302
    assert SessionRegistration.objects.get().state == SessionRegistration.State.CONFIRMED
    content = client.get(manage_url).content.decode()
    assert "Place confirmée" in content
    agenda = Calendar.from_ical(client.get(reverse("events:agenda", args=[token])).content)
    assert [str(e["summary"]) for e in agenda.walk("VEVENT")] == [session.title]
    badge = client.get(reverse("events:badge", args=[token])).content.decode()
    assert "Léa Dupont" in badge and "Ville de Nantes" in badge and "<svg" in badge


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_english_form_is_in_english(client):
    edition = EditionFactory()
    url, french = english("events:register", edition.slug), reverse("events:register", args=[edition.slug])
    content = client.get(url).content.decode()
    assert 'lang="en"' in content and "First name" in content and "Register" in content
    assert "Prénom" not in content
    # Links mailed before the /en/ URLs carried ?lang=en: they lead to the English page.
    legacy = client.get(french + "?lang=en")
    assert legacy.status_code == 302 and legacy["Location"] == url
    response = client.post(url, {"email": "wrong"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in content and "Enter a valid email address." in content


def test_an_english_registration_stays_in_english_pages_mails_and_agenda(client):
    edition = EditionFactory(starts_on=dt.date(2031, 12, 15), ends_on=dt.date(2031, 12, 16),
                             registration_closes_at=timezone.now() + dt.timedelta(days=20))
    session = SessionFactory(edition=edition, capacity=1, day=dt.date(2031, 12, 15), title="Session A")
    other = RegistrationFactory(edition=edition)
    services.choose_sessions(other, [session.pk])
    url = english("events:register", edition.slug)
    assert client.post(url, form_data(edition)).status_code == 302
    assert "/en/rencontres/inscription/" in mail.outbox[0].body
    client.post("/en" + link_from(mail.outbox[0]))
    token = token_of(mail.outbox[0])
    client.post(english("events:choose", token), {"sessions": [session.pk]})
    content = client.get(english("events:manage", token)).content.decode()
    assert "15–16 December 2031" in content and "Monday 15 December" in content
    assert "décembre" not in content and "Lundi" not in content
    badge = client.get(english("events:badge", token)).content.decode()
    assert "15 December" in badge and "décembre" not in badge
    agenda = Calendar.from_ical(client.get(english("events:agenda", token)).content)
    assert [str(e["summary"]) for e in agenda.walk("VEVENT")] == ["[Waiting list, position 1] Session A"]
    services.send_session_message(session, "Salle", "Room 3.")
    [message] = [m for m in mail.outbox if m.to == ["lea@exemple.test"] and "Room 3." in m.body]
    assert "position 1" in message.body and "Message sent to everyone" in message.body
    services.cancel_session(other, session)  # promoted: told in English, dates included
    promotion = mail.outbox[-1]
    assert promotion.subject.startswith("A seat is yours") and "15 December 2031" in promotion.body


def test_bad_input_gets_french_messages_and_a_400(client):
    edition = EditionFactory()
    response = client.post(reverse("events:register", args=[edition.slug]),
                           form_data(edition, email="pas-une-adresse", first_name="", consent=""))
    content = response.content.decode()
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in content and "Saisissez une adresse de courriel valide." in content
    assert "Vous devez accepter le traitement de vos données" in content
    assert not Registration.objects.exists() and not mail.outbox


def test_closed_registration_shows_a_clear_message(client):
    edition = EditionFactory(registration_closes_at=timezone.now() - dt.timedelta(minutes=5))
    url = reverse("events:register", args=[edition.slug])
    assert "Les inscriptions à cette édition sont closes depuis le" in client.get(url).content.decode()
    response = client.post(url, form_data(edition))
    assert response.status_code == 403 and "closes" in response.content.decode()
    assert not Registration.objects.exists()


def test_honeypot_creates_nothing(client):
    edition = EditionFactory()
    response = client.post(reverse("events:register", args=[edition.slug]),
                           form_data(edition, website="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists() and not mail.outbox


@override_settings(EVENTS_REGISTRATION_RATE_LIMIT=2)
def test_registration_submits_are_rate_limited_per_address(client):
    edition = EditionFactory()
    url = reverse("events:register", args=[edition.slug])
    for i in range(2):
        assert client.post(url, form_data(edition, email=f"p{i}@exemple.test")).status_code == 302
    response = client.post(url, form_data(edition, email="p9@exemple.test"))
    assert response.status_code == 429 and "Trop de demandes" in response.content.decode()
    assert Registration.objects.count() == 2


def test_registration_requires_csrf():
    from django.test import Client

    edition = EditionFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    assert response.status_code == 403 and not Registration.objects.exists()


def test_wrong_or_replaced_token_shows_nothing(client):
    edition = EditionFactory()
    client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    old = token_of(mail.outbox[0])
    client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    new = token_of(mail.outbox[1])
    for token in (old, "x" * 43, "nimportequoi"):
        for name in ("manage", "confirm", "badge", "agenda", "cancel_registration"):
            assert client.get(reverse(f"events:{name}", args=[token])).status_code == 404
    assert client.get(reverse("events:manage", args=[new])).status_code == 200


def test_overlap_is_refused_on_the_page_with_a_message(client):
    """Post/redirect/get: the refusal is shown on "Mon inscription", whose address can be reopened."""
    edition = EditionFactory()
    a = SessionFactory(edition=edition, title="Réunion Afrique")
    b = SessionFactory(edition=edition, title="Groupe-pays Japon")
    client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    token = token_of(mail.outbox[0])
    client.post(reverse("events:confirm", args=[token]))
    response = client.post(reverse("events:choose", args=[token]), {"sessions": [a.pk, b.pk]})
    assert response.status_code == 303
    assert response["Location"].startswith(reverse("events:manage", args=[token]))
    page = client.get(response["Location"]).content.decode()
    assert 'id="choix-refuse"' in page and "ont lieu en même temps" in page
    assert f'value="{a.pk}" id="session-{a.pk}" checked' in page  # the boxes as they were ticked
    assert not SessionRegistration.objects.exists()
    assert 'id="choix-refuse"' in page
    again = client.get(response["Location"]).content.decode()  # the message is shown once
    assert 'id="choix-refuse"' not in again
    reopened = client.get(reverse("events:choose", args=[token]))  # the address of the form's target
    assert reopened.status_code == 302 and reopened["Location"].startswith(reverse("events:manage", args=[token]))
    response = client.post(reverse("events:choose", args=[token]), {"sessions": ["abc"]})  # forged: bad input
    assert response.status_code == 400 and 'id="choix-refuse"' in response.content.decode()


def test_participant_deletes_their_registration_through_the_link(client):
    edition = EditionFactory()
    client.post(reverse("events:register", args=[edition.slug]), form_data(edition))
    token = token_of(mail.outbox[0])
    response = client.post(reverse("events:cancel_registration", args=[token]))
    assert response.status_code == 302 and not Registration.objects.exists()
    assert client.get(reverse("events:manage", args=[token])).status_code == 404


def test_staff_desk_checks_in_by_search_and_by_badge_url(client, staff_user):
    reg = RegistrationFactory(last_name="Rebsamen", country=FranceFactory())
    url = reverse("events:checkin", args=[reg.edition.slug])
    assert client.get(url).status_code == 302  # staff only
    client.force_login(staff_user)
    content = client.get(url, {"q": "rebsam"}).content.decode()
    assert "Rebsamen" in content and "Marquer présent" in content
    client.post(reverse("events:checkin_mark", args=[reg.edition.slug, reg.pk]))
    reg.refresh_from_db()
    assert reg.checked_in_at
    content = client.get(url).content.decode()
    assert "<strong>1</strong> présent" in content and "France" in content

    other = RegistrationFactory(edition=reg.edition)
    token = services.new_token()
    other.set_token(token)
    other.save()
    client.logout()
    badge_page = client.get(reverse("events:badge", args=[token]))
    badge_url = badge_page.context["checkin_url"].removeprefix(settings.SITE_URL)
    client.force_login(staff_user)
    assert client.get(badge_url).status_code == 200
    client.post(badge_url)
    other.refresh_from_db()
    assert other.checked_in_at
    assert client.get(reverse("events:checkin_badge", args=["faux"])).status_code == 404
    assert client.get(reverse("events:checkin_badge", args=[token])).status_code == 404


def test_the_badge_qr_code_never_carries_the_private_link_and_survives_a_new_link(client, staff_user):
    """A badge is worn in public: its QR code must not open the participant's private link."""
    registration = RegistrationFactory(status=Registration.Status.CONFIRMED)
    token = services.new_token()
    registration.set_token(token)
    registration.save()
    checkin_url = client.get(reverse("events:badge", args=[token])).context["checkin_url"]
    assert token not in checkin_url
    services.start_registration(registration.edition, {  # registering again: a new private link
        "first_name": registration.first_name, "last_name": registration.last_name, "email": registration.email,
        "category": registration.category})
    assert client.get(reverse("events:manage", args=[token])).status_code == 404
    badge_url = checkin_url.removeprefix(settings.SITE_URL)
    assert client.get(badge_url).status_code == 302  # staff only (login page)
    client.force_login(staff_user)
    assert registration.full_name in client.get(badge_url).content.decode()
    forged = signing.dumps(registration.pk)  # signed, but not as a badge
    assert client.get(reverse("events:checkin_badge", args=[forged])).status_code == 404


def test_staff_attendance_list_and_message_to_a_session(client, staff_user):
    session = SessionFactory(capacity=1)
    regs = [RegistrationFactory(edition=session.edition) for _ in range(2)]
    for reg in regs:
        services.choose_sessions(reg, [session.pk])
    client.force_login(staff_user)
    content = client.get(reverse("events:attendance", args=[session.edition.slug, session.number])).content.decode()
    assert regs[0].last_name in content and "Liste d'attente" in content and regs[1].last_name in content
    url = reverse("events:session_message", args=[session.edition.slug, session.number])
    assert client.post(url, {"subject": "", "body": ""}).status_code == 400
    mail.outbox.clear()
    response = client.post(url, {"subject": "Salle changée", "body": "Rendez-vous salle 4."})
    assert response.status_code == 302 and len(mail.outbox) == 2
    services.check_in(regs[0])
    content = client.get(reverse("events:attendance", args=[session.edition.slug, session.number])).content.decode()
    arrival = formats.date_format(timezone.localtime(regs[0].__class__.objects.get(pk=regs[0].pk).checked_in_at),
                                  "j F, H\\hi")
    assert "1 arrivé à l'accueil" in content and arrival in content and "(e)" not in content


def test_staff_deleting_a_registration_in_the_admin_promotes_the_waiting_list(client, staff_user):
    session = SessionFactory(capacity=1)
    holder, waiting = (RegistrationFactory(edition=session.edition) for _ in range(2))
    for reg in (holder, waiting):
        services.choose_sessions(reg, [session.pk])
    client.force_login(staff_user)
    mail.outbox.clear()
    response = client.post(reverse("admin:events_registration_delete", args=[holder.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Registration.objects.filter(pk=holder.pk).exists()
    assert SessionRegistration.objects.get(registration=waiting).state == SessionRegistration.State.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    other = RegistrationFactory(edition=session.edition)
    services.choose_sessions(other, [session.pk])  # waiting list again, then bulk deletion
    client.post(reverse("admin:events_registration_changelist"),
                {"action": "delete_selected", "_selected_action": [waiting.pk], "post": "yes"})
    assert SessionRegistration.objects.get(registration=other).state == SessionRegistration.State.CONFIRMED


def test_private_link_says_why_sessions_cannot_be_changed_after_closing(client):
    edition = EditionFactory()
    registration = RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    token = services.new_token()
    registration.set_token(token)
    registration.save()
    type(edition).objects.filter(pk=edition.pk).update(registration_closes_at=timezone.now())
    content = client.get(reverse("events:manage", args=[token])).content.decode()
    assert "Les inscriptions sont closes : vos sessions ne peuvent plus être modifiées." in content
    assert "Enregistrer mon choix" not in content


def test_admin_export_and_changelists(client, staff_user):
    session = SessionFactory(capacity=1)
    reg = RegistrationFactory(edition=session.edition)
    services.choose_sessions(reg, [session.pk])
    speaker = SessionRoleFactory(session=session).person
    client.force_login(staff_user)
    # Each changelist lists the object just created (a page that renders empty would fail).
    for name, shown in (("registration", reg.last_name), ("session", session.title),
                        ("sessionregistration", reg.last_name), ("edition", session.edition.title),
                        ("person", speaker.name)):
        response = client.get(reverse(f"admin:events_{name}_changelist"))
        assert response.status_code == 200 and shown in response.content.decode(), name
        assert response.context["cl"].result_count == 1, name
    change = client.get(reverse("admin:events_registration_change", args=[reg.pk]))
    assert change.status_code == 200 and f'value="{reg.email}"' in change.content.decode()
    from events.resources import RegistrationResource

    dataset = RegistrationResource().export(Registration.objects.all())
    assert dataset.dict[0]["Nom"] == reg.last_name and "confirmée" in dataset.dict[0]["Sessions"]
    assert dataset.dict[0]["Édition"] == session.edition.title
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(dataset.export("xlsx"))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == dataset.headers and len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Nom"] == reg.last_name and record["Édition"] == session.edition.title
    assert "confirmée" in record["Sessions"]


def test_speakers_and_past_editions_pages(client):
    past = EditionFactory(starts_on=dt.date(2023, 9, 18), ends_on=dt.date(2023, 9, 19))
    role = SessionRoleFactory(session=SessionFactory(edition=past, report="Texte", report_published=True))
    assert role.person.name in client.get(reverse("events:speakers")).content.decode()
    content = client.get(reverse("events:past")).content.decode()
    assert past.title in content and "1 compte rendu" in content


def test_registration_steps_run_in_a_pinned_number_of_queries(client, django_assert_max_num_queries):
    """The three posts of the flow stay lean: the benchmark's throughput depends on it."""
    edition = EditionFactory()
    session = SessionFactory(edition=edition, capacity=1)
    data = form_data(edition)
    first = RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    services.choose_sessions(first, [session.pk])  # the only seat is taken
    mail.outbox.clear()
    with django_assert_max_num_queries(7):  # the rate-limit counter is one PostgreSQL upsert
        response = client.post(reverse("events:register", args=[edition.slug]), data)
    assert response.status_code == 302
    confirm_url = link_from(mail.outbox[0])
    token = token_of(mail.outbox[0])
    with django_assert_max_num_queries(2):
        assert client.post(confirm_url).status_code == 302
    registration = Registration.objects.get(email="lea@exemple.test")
    assert registration.status == Registration.Status.CONFIRMED and registration.confirmed_at
    confirmed_at = registration.confirmed_at
    assert client.post(confirm_url).status_code == 302  # confirming again changes nothing
    registration.refresh_from_db()
    assert registration.confirmed_at == confirmed_at
    with django_assert_max_num_queries(8):
        response = client.post(reverse("events:choose", args=[token]), {"sessions": [session.pk]})
    assert response.status_code == 302
    seat = SessionRegistration.objects.get(registration=registration)
    assert (seat.state, seat.position) == (SessionRegistration.State.WAITLISTED, 1)


def test_a_raised_capacity_confirms_the_next_participant():
    edition = EditionFactory()
    session = SessionFactory(edition=edition, capacity=1)
    first = RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    second = RegistrationFactory(edition=edition, status=Registration.Status.CONFIRMED)
    services.choose_sessions(first, [session.pk])
    type(session).objects.filter(pk=session.pk).update(capacity=2)  # raised by the staff meanwhile
    [seat] = services.choose_sessions(second, [session.pk])
    assert (seat.state, seat.position) == (SessionRegistration.State.CONFIRMED, None)
    assert SessionRegistration.objects.filter(session=session, state="confirmee").count() == 2


def test_registering_again_with_the_same_address_replaces_the_link_through_the_form(client):
    edition = EditionFactory()
    data = form_data(edition)
    assert client.post(reverse("events:register", args=[edition.slug]), data).status_code == 302
    data["email"] = "LEA@exemple.test"
    assert client.post(reverse("events:register", args=[edition.slug]), data).status_code == 302
    assert Registration.objects.filter(edition=edition).count() == 1
    old, new = token_of(mail.outbox[0]), token_of(mail.outbox[1])
    assert old != new
    assert client.get(reverse("events:confirm", args=[old])).status_code == 404
    assert client.get(reverse("events:confirm", args=[new])).status_code == 200


def test_the_next_rencontres_show_on_the_site_wide_agenda_only(client):
    from tests.groupes_pays.factories import GroupFactory, MeetingFactory

    edition = EditionFactory()
    html = client.get("/groupes/agenda/").content.decode()
    assert "Les prochaines Rencontres" in html and edition.title in html
    # Not on the agenda filtered to one group, which shows that group's meetings only.
    japon = GroupFactory(slug="japon-test", name="Groupe-pays Japon")
    MeetingFactory(group=japon, title="Comité de pilotage franco-japonais")
    filtered = client.get("/groupes/agenda/", {"group": "japon-test"}).content.decode()
    assert "Comité de pilotage franco-japonais" in filtered
    assert "Les prochaines Rencontres" not in filtered and edition.title not in filtered


def test_english_registration_pages_skip_link_is_in_english(client):
    edition = EditionFactory()
    html = client.get(english("events:register", edition.slug)).content.decode()
    assert '<html lang="en">' in html and ">Skip to content</a>" in html
