"""The refusals of events/services.py that no other test reached: each fails when its check is removed."""

import datetime as dt

import pytest
from django.utils import timezone

from events import services
from events.models import Registration, SessionRegistration

from .factories import EditionFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

DATA = {"first_name": "Léa", "last_name": "Martin", "email": "lea@exemple.test"}


def test_registering_before_the_opening_is_refused_with_the_opening_date():
    opens = timezone.make_aware(dt.datetime(2027, 3, 1, 9, 0))  # Paris time
    edition = EditionFactory(registration_opens_at=opens, registration_closes_at=opens + dt.timedelta(days=30))
    with pytest.raises(services.RegistrationError) as refused:
        services.start_registration(edition, DATA, now=opens - dt.timedelta(minutes=1))
    assert refused.value.code == "not_yet"
    assert refused.value.message("fr") == "Les inscriptions à cette édition ouvriront le 1er mars 2027 à 09h00."
    assert not Registration.objects.exists()


def test_an_edition_without_online_registration_refuses_it():
    edition = EditionFactory(registration_opens_at=None, registration_closes_at=None)
    with pytest.raises(services.RegistrationError) as refused:
        services.start_registration(edition, DATA)
    assert refused.value.code == "no_registration"
    assert refused.value.message("fr") == "Cette édition n'a pas d'inscription en ligne."
    assert not Registration.objects.exists()


def test_sessions_cannot_be_chosen_once_registration_is_closed():
    session = SessionFactory()
    registration = RegistrationFactory(edition=session.edition)
    with pytest.raises(services.RegistrationError) as refused:
        services.choose_sessions(registration, [session.pk], now=session.edition.registration_closes_at)
    assert refused.value.code == "choice_closed"
    assert not SessionRegistration.objects.exists()


@pytest.mark.parametrize("which", ["other_edition", "no_capacity", "unknown"])
def test_a_session_that_is_not_open_to_this_registration_is_refused(which):
    session = SessionFactory()
    registration = RegistrationFactory(edition=session.edition)
    pk = {"other_edition": lambda: SessionFactory().pk, "no_capacity": lambda: SessionFactory(
        edition=session.edition, capacity=0, start_time=dt.time(9), end_time=dt.time(10)).pk,
          "unknown": lambda: 10 ** 9}[which]()
    with pytest.raises(services.RegistrationError) as refused:
        services.choose_sessions(registration, [session.pk, pk])
    assert refused.value.code == "invalid_session"
    assert not SessionRegistration.objects.exists()  # nothing half-written: the valid one is not taken either
