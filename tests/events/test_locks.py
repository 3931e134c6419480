"""Each lock of events/services.py is needed: with it removed, one of these races ends wrong.

Every test pauses a first call inside its transaction (tests/interleave.py) and runs a second
call against the same rows meanwhile, on the real PostgreSQL.
"""

import datetime as dt

import pytest

from events import services
from events.models import SessionRegistration
from tests.interleave import interleave

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

CONFIRMED = SessionRegistration.State.CONFIRMED
WAITLISTED = SessionRegistration.State.WAITLISTED


def active(session):
    return {s.registration_id: (s.state, s.position)
            for s in SessionRegistration.objects.filter(session=session).exclude(state="annulee")}


def test_a_choice_made_while_the_last_seat_is_being_taken_queues_instead_of_overbooking():
    """Defends the session lock of choose_sessions (adding sessions)."""
    session = SessionFactory(capacity=1)
    first, second = (RegistrationFactory(edition=session.edition) for _ in range(2))

    one, [two] = interleave(lambda: services.choose_sessions(first, [session.pk]),
                            [lambda: services.choose_sessions(second, [session.pk])],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {first.pk: (CONFIRMED, None), second.pk: (WAITLISTED, 1)}


def test_switching_to_a_session_whose_last_seat_is_being_taken_queues_instead_of_overbooking():
    """Defends the session locks of choose_sessions when a session is left for another."""
    morning = SessionFactory(capacity=5, start_time=dt.time(9, 0), end_time=dt.time(10, 30))
    afternoon = SessionFactory(edition=morning.edition, capacity=1)
    taker, switcher = (RegistrationFactory(edition=morning.edition) for _ in range(2))
    services.choose_sessions(switcher, [morning.pk])

    one, [two] = interleave(lambda: services.choose_sessions(taker, [afternoon.pk]),
                            [lambda: services.choose_sessions(switcher, [afternoon.pk])],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(afternoon) == {taker.pk: (CONFIRMED, None), switcher.pk: (WAITLISTED, 1)}
    assert active(morning) == {}


def test_the_same_choice_sent_twice_at_once_gives_one_seat_and_no_error():
    """Defends the participant's row lock of choose_sessions (a double click, two tabs)."""
    session = SessionFactory(capacity=3)
    registration = RegistrationFactory(edition=session.edition)

    one, [two] = interleave(lambda: services.choose_sessions(registration, [session.pk]),
                            [lambda: services.choose_sessions(registration, [session.pk])],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {registration.pk: (CONFIRMED, None)}
    assert [seat.pk for seat in two.value] == [seat.pk for seat in one.value]


def test_a_cancellation_during_a_new_choice_leaves_no_gap_in_the_waiting_list():
    """Defends the session lock of cancel_session: the promotion sees the place just queued."""
    session = SessionFactory(capacity=1)
    seated, waiting, newcomer = (RegistrationFactory(edition=session.edition) for _ in range(3))
    services.choose_sessions(seated, [session.pk])
    services.choose_sessions(waiting, [session.pk])

    one, [two] = interleave(lambda: services.choose_sessions(newcomer, [session.pk]),
                            [lambda: services.cancel_session(seated, session)],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert [p.registration_id for p in two.value] == [waiting.pk]
    assert active(session) == {waiting.pk: (CONFIRMED, None), newcomer.pk: (WAITLISTED, 1)}


def test_a_new_choice_during_a_promotion_queues_right_behind_the_waiting_list():
    """Defends the session lock of choose_sessions against a promotion under way."""
    session = SessionFactory(capacity=1)
    seated, waiting, newcomer = (RegistrationFactory(edition=session.edition) for _ in range(3))
    services.choose_sessions(seated, [session.pk])
    services.choose_sessions(waiting, [session.pk])

    one, [two] = interleave(lambda: services.cancel_session(seated, session),
                            [lambda: services.choose_sessions(newcomer, [session.pk])],
                            pause_in=(services, "fill_from_waitlist"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {waiting.pk: (CONFIRMED, None), newcomer.pk: (WAITLISTED, 1)}


def test_a_whole_cancellation_during_a_new_choice_leaves_no_gap_in_the_waiting_list():
    """Defends the session locks of cancel_registration."""
    session = SessionFactory(capacity=1)
    seated, waiting, newcomer = (RegistrationFactory(edition=session.edition) for _ in range(3))
    services.choose_sessions(seated, [session.pk])
    services.choose_sessions(waiting, [session.pk])

    one, [two] = interleave(lambda: services.choose_sessions(newcomer, [session.pk]),
                            [lambda: services.cancel_registration(seated)],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {waiting.pk: (CONFIRMED, None), newcomer.pk: (WAITLISTED, 1)}


def test_choosing_again_a_session_being_cancelled_in_another_tab_keeps_the_last_choice():
    """Defends the participant's row lock of cancel_session: the choice made second reads the
    seats once the cancellation is committed, so the session asked for again is taken again."""
    session = SessionFactory(capacity=5)
    other = SessionFactory(edition=session.edition, capacity=5, start_time=dt.time(9, 0), end_time=dt.time(10, 30))
    registration = RegistrationFactory(edition=session.edition)
    services.choose_sessions(registration, [session.pk])

    one, [two] = interleave(lambda: services.cancel_session(registration, session),
                            [lambda: services.choose_sessions(registration, [session.pk, other.pk])],
                            pause_in=(services, "_release_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {registration.pk: (CONFIRMED, None)}
    assert active(other) == {registration.pk: (CONFIRMED, None)}


def test_cancelling_everything_while_a_session_is_being_added_leaves_no_seat_behind():
    """Defends the participant's row lock of cancel_registration: the cancellation waits for the
    choice being saved in another tab, then releases that seat too, instead of reading the seats
    of a moment before and deleting the participant under a seat it never saw."""
    session = SessionFactory(capacity=5)
    registration = RegistrationFactory(edition=session.edition)

    one, [two] = interleave(lambda: services.choose_sessions(registration, [session.pk]),
                            [lambda: services.cancel_registration(registration)],
                            pause_in=(services, "_take_seat"))

    assert one.error is None and two.error is None, (one, two)
    assert active(session) == {}
    assert not type(registration).objects.filter(pk=registration.pk).exists()
