"""Simultaneous registrations against the real PostgreSQL never overbook (threads, one connection each)."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import SessionRegistration

from .factories import RegistrationFactory, SessionFactory

CONFIRMED = SessionRegistration.State.CONFIRMED
WAITLISTED = SessionRegistration.State.WAITLISTED


def run_together(func, items):
    barrier = threading.Barrier(len(items))
    errors = []

    def worker(item):
        try:
            barrier.wait()
            func(item)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_choices_fill_exactly_the_capacity_then_queue_in_arrival_order():
    capacity, total = 7, 30
    session = SessionFactory(capacity=capacity)
    registrations = [RegistrationFactory(edition=session.edition) for _ in range(total)]

    run_together(lambda reg: services.choose_sessions(reg, [session.pk]), registrations)

    seats = list(SessionRegistration.objects.filter(session=session).order_by("created_at", "pk"))
    assert len(seats) == total
    assert len({s.registration_id for s in seats}) == total  # no duplicates
    confirmed = [s for s in seats if s.state == CONFIRMED]
    waiting = [s for s in seats if s.state == WAITLISTED]
    assert len(confirmed) == capacity
    assert sorted(s.position for s in waiting) == list(range(1, total - capacity + 1))  # no gaps
    # Arrival order = the order in which the session lock was granted (created_at is taken under it):
    # every confirmed seat was taken before any waiting place, and positions follow arrival.
    assert seats[:capacity] == confirmed
    assert [s.position for s in seats[capacity:]] == list(range(1, total - capacity + 1))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_atomically():
    capacity = 5
    session = SessionFactory(capacity=capacity)
    registrations = [RegistrationFactory(edition=session.edition) for _ in range(12)]
    for reg in registrations:
        services.choose_sessions(reg, [session.pk])
    leaving = registrations[:4]  # four confirmed seats freed at once

    run_together(lambda reg: services.cancel_session(reg, session), leaving)

    active = SessionRegistration.objects.filter(session=session).exclude(state="annulee")
    assert active.filter(state=CONFIRMED).count() == capacity
    promoted = set(active.filter(state=CONFIRMED).values_list("registration_id", flat=True))
    assert promoted == {r.pk for r in registrations[4:9]}  # the first four of the list, in order
    positions = sorted(active.filter(state=WAITLISTED).values_list("position", flat=True))
    assert positions == [1, 2, 3]
    ordered = list(active.filter(state=WAITLISTED).order_by("position").values_list("registration_id", flat=True))
    assert ordered == [r.pk for r in registrations[9:]]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_mixed_choices_and_cancellations_never_overbook():
    capacity = 4
    session = SessionFactory(capacity=capacity)
    early = [RegistrationFactory(edition=session.edition) for _ in range(6)]
    for reg in early:
        services.choose_sessions(reg, [session.pk])
    late = [RegistrationFactory(edition=session.edition) for _ in range(10)]
    actions = [("cancel", r) for r in early[:3]] + [("choose", r) for r in late]

    def act(item):
        kind, reg = item
        if kind == "cancel":
            services.cancel_session(reg, session)
        else:
            services.choose_sessions(reg, [session.pk])

    run_together(act, actions)
    active = SessionRegistration.objects.filter(session=session).exclude(state="annulee")
    assert active.filter(state=CONFIRMED).count() == capacity
    positions = sorted(active.filter(state=WAITLISTED).values_list("position", flat=True))
    assert positions == list(range(1, 6 - 3 + 10 - capacity + 1))


@pytest.mark.django_db(transaction=True)
def test_a_promotion_never_waits_for_the_participant_it_promotes():
    """The promoted participant's row is busy (they are using their link): no wait, no deadlock, their
    link stays as it is and the mail points to it."""
    from django.core import mail
    from django.db import transaction

    from events.models import Registration

    session = SessionFactory(capacity=1)
    leaving, waiting = RegistrationFactory(edition=session.edition), RegistrationFactory(edition=session.edition)
    services.choose_sessions(leaving, [session.pk])
    services.choose_sessions(waiting, [session.pk])
    token_hash = Registration.objects.get(pk=waiting.pk).token_hash
    locked, done = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Registration.objects.select_for_update().get(pk=waiting.pk)
                locked.set()
                done.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(10)
        mail.outbox.clear()
        promoted = services.cancel_session(leaving, session)
    finally:
        done.set()
        holder.join(30)
    assert [p.registration_id for p in promoted] == [waiting.pk]
    assert Registration.objects.get(pk=waiting.pk).token_hash == token_hash
    [promotion] = mail.outbox
    assert "/rencontres/inscription/" not in promotion.body and "dernier reçu" in promotion.body
