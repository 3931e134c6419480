"""Seat accounting, waiting lists, overlap refusal, double opt-in, RGPD (events.services)."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import services
from events.models import Registration, SessionRegistration
from events.queries import registration_by_token

from .factories import EditionFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

CONFIRMED = SessionRegistration.State.CONFIRMED
WAITLISTED = SessionRegistration.State.WAITLISTED
CANCELLED = SessionRegistration.State.CANCELLED


def registration_data(email="lea.dupont@exemple.test"):
    return {"first_name": "Léa", "last_name": "Dupont", "email": email, "organisation": "Ville de Nantes",
            "category": Registration.Category.FRENCH_COLLECTIVITY, "function": "Adjointe"}


def token_from(message):
    line = next(line for line in message.body.splitlines() if "/rencontres/inscription/" in line)
    return line.split("/rencontres/inscription/")[1].split("/")[0]


def test_start_registration_creates_a_pending_registration_and_mails_a_link():
    edition = EditionFactory()
    registration, created = services.start_registration(edition, registration_data())
    assert created and registration.status == Registration.Status.PENDING
    assert len(mail.outbox) == 1
    token = token_from(mail.outbox[0])
    assert registration_by_token(token) == registration
    assert registration.token_hash != token  # only a hash is stored


def test_registering_twice_with_the_same_email_resends_a_new_link_and_the_old_one_stops_working():
    edition = EditionFactory()
    first, created = services.start_registration(edition, registration_data("Lea.Dupont@Exemple.test"))
    old_token = token_from(mail.outbox[0])
    second, created_again = services.start_registration(edition, registration_data("lea.dupont@exemple.test"))
    assert not created_again and second.pk == first.pk
    assert Registration.objects.filter(edition=edition).count() == 1
    assert len(mail.outbox) == 2 and "nouveau lien" in mail.outbox[1].subject
    assert registration_by_token(old_token) is None
    assert registration_by_token(token_from(mail.outbox[1])) == first


def test_database_refuses_two_registrations_with_the_same_email_in_one_edition():
    edition = EditionFactory()
    RegistrationFactory(edition=edition, email="a@exemple.test")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(edition=edition, email="A@EXEMPLE.test")


def test_closed_registration_is_refused_with_a_french_message():
    edition = EditionFactory(registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.RegistrationError) as error:
        services.start_registration(edition, registration_data())
    assert "closes depuis le" in str(error.value)
    assert not Registration.objects.exists()


def test_no_seat_is_held_before_the_address_is_confirmed():
    session = SessionFactory(capacity=1)
    registration, _ = services.start_registration(session.edition, registration_data())
    with pytest.raises(services.RegistrationError) as error:
        services.choose_sessions(registration, [session.pk])
    assert error.value.code == "not_confirmed"
    assert not SessionRegistration.objects.exists()
    services.confirm_email(registration)
    seats = services.choose_sessions(registration, [session.pk])
    assert [s.state for s in seats] == [CONFIRMED]


def test_two_overlapping_sessions_are_refused_with_a_clear_message():
    edition = EditionFactory()
    a = SessionFactory(edition=edition, title="Réunion Afrique", start_time=dt.time(14, 30), end_time=dt.time(16))
    b = SessionFactory(edition=edition, title="Groupe-pays Japon", start_time=dt.time(15), end_time=dt.time(17))
    c = SessionFactory(edition=edition, title="Atelier ODD", start_time=dt.time(16), end_time=dt.time(17, 30))
    registration = RegistrationFactory(edition=edition)
    with pytest.raises(services.RegistrationError) as error:
        services.choose_sessions(registration, [a.pk, b.pk])
    assert error.value.message("fr") == ("Les sessions « Réunion Afrique » et « Groupe-pays Japon » ont lieu en même "
                                         "temps : choisissez-en une seule.")
    assert "at the same time" in error.value.message("en")
    assert not SessionRegistration.objects.exists()
    # Back-to-back sessions do not overlap.
    assert len(services.choose_sessions(registration, [a.pk, c.pk])) == 2


def test_a_full_session_puts_participants_on_its_waiting_list_in_order():
    session = SessionFactory(capacity=2)
    regs = [RegistrationFactory(edition=session.edition) for _ in range(5)]
    for reg in regs:
        services.choose_sessions(reg, [session.pk])
    seats = {s.registration_id: s for s in SessionRegistration.objects.filter(session=session)}
    assert [seats[r.pk].state for r in regs] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED, WAITLISTED]
    assert [seats[r.pk].position for r in regs[2:]] == [1, 2, 3]


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_mails_them():
    session = SessionFactory(capacity=1, title="Groupe-pays Palestine")
    first, second, third = (RegistrationFactory(edition=session.edition) for _ in range(3))
    for reg in (first, second, third):
        services.choose_sessions(reg, [session.pk])
    mail.outbox.clear()
    promoted = services.cancel_session(first, session)
    assert [p.registration_id for p in promoted] == [second.pk]
    states = {s.registration_id: (s.state, s.position) for s in SessionRegistration.objects.filter(session=session)}
    assert states == {first.pk: (CANCELLED, None), second.pk: (CONFIRMED, None), third.pk: (WAITLISTED, 1)}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [second.email]
    assert "Groupe-pays Palestine" in mail.outbox[0].subject


def test_the_promotion_mail_carries_a_new_private_link_and_the_old_one_stops_working(client):
    session = SessionFactory(capacity=1)
    first = RegistrationFactory(edition=session.edition)
    second, _ = services.start_registration(session.edition, registration_data("second@exemple.test"), lang="en")
    old_token = token_from(mail.outbox[0])
    services.confirm_email(second)
    services.choose_sessions(first, [session.pk])
    services.choose_sessions(second, [session.pk])
    mail.outbox.clear()
    services.cancel_session(first, session)
    [promotion] = mail.outbox
    assert promotion.to == ["second@exemple.test"]
    new_token = token_from(promotion)
    assert new_token != old_token and "no longer works" in promotion.body
    assert registration_by_token(old_token) is None
    assert registration_by_token(new_token) == second
    page = client.get(f"/rencontres/inscription/{new_token}/")
    assert page.status_code == 200 and session.title in page.content.decode()
    assert client.get(f"/rencontres/inscription/{old_token}/").status_code == 404


def test_one_cancellation_promoting_someone_twice_mails_the_same_working_link():
    edition = EditionFactory()
    a = SessionFactory(edition=edition, capacity=1, start_time=dt.time(9), end_time=dt.time(10))
    b = SessionFactory(edition=edition, capacity=1, start_time=dt.time(11), end_time=dt.time(12))
    leaving, waiting = RegistrationFactory(edition=edition), RegistrationFactory(edition=edition)
    services.choose_sessions(leaving, [a.pk, b.pk])
    services.choose_sessions(waiting, [a.pk, b.pk])
    mail.outbox.clear()
    services.cancel_registration(leaving)
    assert len(mail.outbox) == 2
    tokens = {token_from(message) for message in mail.outbox}
    assert len(tokens) == 1 and registration_by_token(tokens.pop()) == waiting
    assert "nouveau lien privé" in mail.outbox[0].body


def test_leaving_a_waiting_list_closes_the_gap():
    session = SessionFactory(capacity=1)
    regs = [RegistrationFactory(edition=session.edition) for _ in range(4)]
    for reg in regs:
        services.choose_sessions(reg, [session.pk])
    services.cancel_session(regs[2], session)  # was 2nd on the list
    waiting = SessionRegistration.objects.filter(session=session, state=WAITLISTED).order_by("position")
    assert [(s.registration_id, s.position) for s in waiting] == [(regs[1].pk, 1), (regs[3].pk, 2)]


def test_choosing_again_releases_the_sessions_left_out():
    edition = EditionFactory()
    a = SessionFactory(edition=edition, capacity=1, start_time=dt.time(9), end_time=dt.time(10))
    b = SessionFactory(edition=edition, capacity=1, start_time=dt.time(11), end_time=dt.time(12))
    mine, other = RegistrationFactory(edition=edition), RegistrationFactory(edition=edition)
    services.choose_sessions(mine, [a.pk, b.pk])
    services.choose_sessions(other, [a.pk])
    services.choose_sessions(mine, [b.pk])
    assert SessionRegistration.objects.get(registration=other, session=a).state == CONFIRMED


def test_cancel_registration_deletes_the_data_and_promotes_everywhere():
    edition = EditionFactory()
    a = SessionFactory(edition=edition, capacity=1, start_time=dt.time(9), end_time=dt.time(10))
    b = SessionFactory(edition=edition, capacity=1, start_time=dt.time(11), end_time=dt.time(12))
    leaving, waiting_a, waiting_b = (RegistrationFactory(edition=edition) for _ in range(3))
    services.choose_sessions(leaving, [a.pk, b.pk])
    services.choose_sessions(waiting_a, [a.pk])
    services.choose_sessions(waiting_b, [b.pk])
    promoted = services.cancel_registration(leaving)
    assert {p.registration_id for p in promoted} == {waiting_a.pk, waiting_b.pk}
    assert not Registration.objects.filter(pk=leaving.pk).exists()
    assert SessionRegistration.objects.filter(state=CONFIRMED).count() == 2


def test_raising_the_capacity_fills_from_the_waiting_list():
    session = SessionFactory(capacity=1)
    regs = [RegistrationFactory(edition=session.edition) for _ in range(3)]
    for reg in regs:
        services.choose_sessions(reg, [session.pk])
    session.capacity = 3
    session.save()
    with transaction.atomic():
        promoted = services.fill_from_waitlist(session)
    assert len(promoted) == 2
    assert SessionRegistration.objects.filter(session=session, state=CONFIRMED).count() == 3


def test_database_refuses_two_active_seats_in_the_same_session():
    session = SessionFactory()
    reg = RegistrationFactory(edition=session.edition)
    SessionRegistration.objects.create(registration=reg, session=session, state=CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionRegistration.objects.create(registration=reg, session=session, state=WAITLISTED, position=1)


def test_database_refuses_a_negative_capacity_and_a_waitlisted_seat_without_position():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(capacity=-1)
    session = SessionFactory()
    reg = RegistrationFactory(edition=session.edition)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionRegistration.objects.create(registration=reg, session=session, state=WAITLISTED)


def test_check_in_records_the_arrival_once():
    reg = RegistrationFactory()
    assert services.check_in(reg) is True
    assert services.check_in(reg) is False
    reg.refresh_from_db()
    assert reg.checked_in_at is not None


def test_session_message_is_queued_for_every_registrant():
    session = SessionFactory(capacity=1)
    regs = [RegistrationFactory(edition=session.edition) for _ in range(2)]
    for reg in regs:
        services.choose_sessions(reg, [session.pk])
    mail.outbox.clear()
    assert services.send_session_message(session, "Changement de salle", "La session a lieu salle 3.") == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in regs)
    assert "Changement de salle" in mail.outbox[0].subject and "salle 3" in mail.outbox[0].body


def test_anonymise_expired_erases_personal_data_after_the_retention_period():
    old = EditionFactory(starts_on=dt.date(2020, 9, 1), ends_on=dt.date(2020, 9, 2))
    recent = EditionFactory()
    gone = RegistrationFactory(edition=old, email="old@exemple.test", token_hash="x" * 64,
                               accessibility_needs="Fauteuil")
    kept = RegistrationFactory(edition=recent)
    assert services.anonymise_expired(days=365) == 1
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert gone.anonymised_at and gone.email == f"anonyme-{gone.pk}@anonyme.invalid"
    assert gone.last_name == "" and gone.accessibility_needs == "" and gone.token_hash is None
    assert gone.category == Registration.Category.FRENCH_COLLECTIVITY  # statistics kept
    assert kept.anonymised_at is None
    assert services.anonymise_expired(days=365) == 0
