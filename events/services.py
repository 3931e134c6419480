"""State changes of the Rencontres: registration, e-mail confirmation, seats, check-in, RGPD.

Every function runs in one transaction. Whatever counts seats locks the session row first
(SELECT … FOR UPDATE), so two participants never take the last seat together and a waiting
list is promoted by exactly one transaction. Locks are always taken in the same order — the
registration, then its sessions by primary key — so that concurrent calls cannot deadlock.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat, Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cuf_portal.mail import send_templated_mail
from cuf_portal.templatetags import french_dates

from .models import Edition, Registration, Session, SessionRegistration, hash_token

ACTIVE = (SessionRegistration.State.CONFIRMED, SessionRegistration.State.WAITLISTED)

# The refusals a participant reads, in the language of the page (or of the registration).
ERRORS = {
    "closed": _("Les inscriptions à cette édition sont closes depuis le %(date)s."),
    "not_yet": _("Les inscriptions à cette édition ouvriront le %(date)s."),
    "no_registration": _("Cette édition n'a pas d'inscription en ligne."),
    "overlap": _("Les sessions « %(a)s » et « %(b)s » ont lieu en même temps : choisissez-en une seule."),
    "invalid_session": _("Une des sessions choisies n'existe pas ou n'est pas ouverte à l'inscription."),
    "not_confirmed": _("Confirmez d'abord votre adresse e-mail."),
    "choice_closed": _("Les inscriptions sont closes : vos sessions ne peuvent plus être modifiées."),
}
# A moment in a sentence: « le 22 décembre 2026 à 10h00 », "on 22 December 2026 at 10:00".
MOMENT_FORMAT = pgettext_lazy("date and time in a sentence", "j F Y à H\\hi")


class RegistrationError(Exception):
    """A refusal the participant must read; `message()` says it in the active language (or `lang`)."""

    def __init__(self, code, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("fr"))

    def message(self, lang=None):
        with translation.override(lang or translation.get_language()):
            params = {k: v() if callable(v) else v for k, v in self.params.items()}
            return str(ERRORS[self.code]) % params


def moment(value):
    """A datetime as the active language writes it in a sentence (« le 1er mars » in French)."""
    return french_dates.date(timezone.localtime(value), str(MOMENT_FORMAT))


def retention_days():
    return settings.EVENTS_RETENTION_DAYS


def new_token():
    return secrets.token_urlsafe(32)


def check_registration_open(edition, now=None):
    state = edition.registration_state(now)
    # The date is written when the message is, in the language it is read in.
    if state == "closed":
        raise RegistrationError("closed", date=lambda: moment(edition.registration_closes_at))
    if state == "not_yet":
        raise RegistrationError("not_yet", date=lambda: moment(edition.registration_opens_at))
    if state == "none":
        raise RegistrationError("no_registration")


def _mail_to(registration, template, context):
    """Queue a mail to a participant, written in their language (dates included)."""
    with translation.override(registration.language):
        send_templated_mail(registration.email, template, {
            "registration": registration, "lang": registration.language, **context})


def _mail_link(registration, token, resent):
    _mail_to(registration, "events/mail/registration_link", {
        "edition": registration.edition, "token": token, "resent": resent})


def start_registration(edition, data, *, lang="fr", now=None):
    """Create the registration (pending until the address is confirmed) and mail its private link.

    Registering again with the same address for the same edition creates nothing: a new link is
    mailed and the previous one stops working. Returns (registration, created).

    A new address is the common case: it is inserted straight away and the unique constraint on
    (lower(email), edition) decides, so two requests with the same address never both create a
    registration and no read comes before the insert.
    """
    check_registration_open(edition, now)
    token = new_token()
    email = data["email"].strip()
    registration = Registration(edition=edition, language=lang, consent_at=timezone.now(), **{
        **{k: v for k, v in data.items() if k != "email"}, "email": email,
    })
    registration.set_token(token)
    try:
        with transaction.atomic():
            registration.save(force_insert=True)
            _mail_link(registration, token, resent=False)
        return registration, True
    except IntegrityError as error:
        conflict = error
    with transaction.atomic():
        # lower(email) = … uses the index of the unique constraint (iexact would not).
        existing = (Registration.objects.alias(email_lower=Lower("email"))
                    .filter(edition=edition, email_lower=email.lower()).select_for_update().first())
        if existing is None:
            raise conflict  # another constraint, or the other registration was cancelled meanwhile
        existing.set_token(token)
        existing.save(update_fields=["token_hash"])
        _mail_link(existing, token, resent=True)
        return existing, False


def confirm_email(registration):
    """Double opt-in: the participant clicked the link of the e-mail; seats can now be chosen.

    One conditional UPDATE: atomic without a prior read, and confirming twice changes nothing.
    """
    now = timezone.now()
    updated = (Registration.objects.filter(pk=registration.pk).exclude(status=Registration.Status.CONFIRMED)
               .update(status=Registration.Status.CONFIRMED, confirmed_at=now))
    if updated:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
    return registration


def _lock_sessions(ids):
    return {s.pk: s for s in Session.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _take_seat(registration, session):
    """Confirm a seat when one is free, else queue at the end of the waiting list (session locked).

    One statement reads the capacity, counts the confirmed seats, finds the last waiting place and
    inserts the seat, so the session row stays locked for as short a time as possible. It runs
    after the lock was taken (a statement of its own), so it sees every seat committed before.
    """
    table, sessions = SessionRegistration._meta.db_table, Session._meta.db_table
    now = timezone.now()
    confirmed, waitlisted = SessionRegistration.State.CONFIRMED, SessionRegistration.State.WAITLISTED
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (registration_id, session_id, state, position, created_at, updated_at) "
            "SELECT %(registration)s, s.id, "
            "CASE WHEN c.taken < s.capacity THEN %(confirmed)s ELSE %(waitlisted)s END, "
            "CASE WHEN c.taken < s.capacity THEN NULL ELSE c.last + 1 END, %(now)s, %(now)s "
            f"FROM {sessions} AS s, (SELECT count(*) FILTER (WHERE state = %(confirmed)s) AS taken, "
            f"coalesce(max(position) FILTER (WHERE state = %(waitlisted)s), 0) AS last FROM {table} "
            "WHERE session_id = %(session)s) AS c WHERE s.id = %(session)s RETURNING id, state, position",
            {"registration": registration.pk, "session": session.pk, "confirmed": confirmed,
             "waitlisted": waitlisted, "now": now})
        pk, state, position = cursor.fetchone()
    return SessionRegistration(pk=pk, registration=registration, session=session, state=state, position=position,
                               created_at=now, updated_at=now)


def _close_gap(session, position):
    SessionRegistration.objects.filter(
        session=session, state=SessionRegistration.State.WAITLISTED, position__gt=position,
    ).update(position=F("position") - 1)


def _fresh_link(registration, links):
    """A new private link for a participant just promoted, or None when their row is busy.

    Only the hash of a token is stored, so the promotion mail can carry a link only by issuing a
    new token (the previous link stops working, as when the participant registers again). The
    session rows are locked here: waiting for the participant's row could deadlock with their own
    request (which locks the registration first, then sessions), so SKIP LOCKED: when the row is
    busy — the participant is using their link at this very moment — the token is left as it is
    and the mail points to the link they already have. One statement; one token per transaction
    and participant (`links`), so that two promotions in one transaction mail the same link.
    """
    if registration.pk in links:
        return links[registration.pk]
    token = new_token()
    free = (Registration.objects.filter(pk=registration.pk, anonymised_at__isnull=True)
            .select_for_update(skip_locked=True).order_by().values("pk"))
    if Registration.objects.filter(pk__in=free).update(token_hash=hash_token(token)):
        registration.token_hash = hash_token(token)
    else:
        token = None
    links[registration.pk] = token
    return token


def fill_from_waitlist(session, links=None):
    """Promote the first of the waiting list while seats are free (the caller holds the session's lock).

    Each promoted participant is told by e-mail, through the queue, in the same transaction; the
    mail carries a new private link (see _fresh_link). `links` ({registration pk: token}) is shared
    by the promotions of one transaction.
    """
    links = {} if links is None else links
    promoted = []
    confirmed = SessionRegistration.objects.filter(session=session, state=SessionRegistration.State.CONFIRMED).count()
    while confirmed < session.capacity:
        # No lock of its own: seats change only under their session's lock, which every caller holds
        # (the session-lock tests in tests/events/test_locks.py fail without it).
        first = (SessionRegistration.objects.select_related("registration__edition")
                 .filter(session=session, state=SessionRegistration.State.WAITLISTED)
                 .order_by("position").first())
        if first is None:
            break
        position = first.position
        first.state = SessionRegistration.State.CONFIRMED
        first.position = None
        first.save(update_fields=["state", "position", "updated_at"])
        _close_gap(session, position)
        confirmed += 1
        promoted.append(first)
        _mail_to(first.registration, "events/mail/promoted", {
            "session": session, "token": _fresh_link(first.registration, links)})
    return promoted


def _release_seat(seat, session, links=None):
    """Cancel one active seat; a freed confirmed seat goes to the first on the waiting list."""
    was = seat.state
    position = seat.position
    seat.state = SessionRegistration.State.CANCELLED
    seat.position = None
    seat.save(update_fields=["state", "position", "updated_at"])
    if was == SessionRegistration.State.WAITLISTED:
        _close_gap(session, position)
        return []
    return fill_from_waitlist(session, links)


def _active_seats(registration):
    """A plain read: seat rows are changed only under their session's lock, so callers lock the
    sessions next and refresh the seats they change (locking seats first could deadlock with a
    promotion running under the session lock)."""
    return {s.session_id: s
            for s in SessionRegistration.objects.filter(registration=registration, state__in=ACTIVE).order_by()}


def choose_sessions(registration, session_ids, *, now=None):
    """Make the participant's active seats exactly `session_ids`.

    Refuses two sessions that overlap in time. A new session with a free seat is confirmed,
    a full one queues the participant at the end of its waiting list; a session left out is
    released (and its waiting list promoted). Returns the participant's active seats.
    """
    session_ids = {int(pk) for pk in session_ids}
    with transaction.atomic():
        # Only what the checks read: the participant's row is locked, the edition's is not.
        registration = (Registration.objects.select_for_update(of=("self",)).select_related("edition")
                        .only("status", "edition__registration_opens_at", "edition__registration_closes_at")
                        .get(pk=registration.pk))
        if registration.status != Registration.Status.CONFIRMED:
            raise RegistrationError("not_confirmed")
        if registration.edition.registration_state(now) != "open":
            raise RegistrationError("choice_closed")
        wanted = list(Session.objects.filter(edition_id=registration.edition_id, pk__in=session_ids, capacity__gt=0)
                      .order_by("day", "start_time", "number"))
        if len(wanted) != len(session_ids):
            raise RegistrationError("invalid_session")
        for i, a in enumerate(wanted):
            for b in wanted[i + 1:]:
                if a.overlaps(b):
                    raise RegistrationError("overlap", a=a.title, b=b.title)
        current = _active_seats(registration)
        to_add = session_ids - current.keys()
        to_remove = current.keys() - session_ids
        if to_remove:
            locked = _lock_sessions(to_add | to_remove)
        else:
            # Adding only (the usual case): lock the rows without loading them again; _take_seat
            # reads the capacity from the locked row itself.
            list(Session.objects.select_for_update().filter(pk__in=to_add).order_by("pk").values_list("pk", flat=True))
            locked = {session.pk: session for session in wanted}
        links = {}
        for pk in sorted(to_remove):
            seat = current[pk]
            seat.refresh_from_db()
            _release_seat(seat, locked[pk], links)
        kept = [seat for pk, seat in current.items() if pk not in to_remove]
        return kept + [_take_seat(registration, locked[pk]) for pk in sorted(to_add)]


def cancel_session(registration, session):
    """The participant leaves one session; the first waiting participant takes the seat."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        seat = _active_seats(registration).get(session.pk)
        if seat is None:
            return []
        locked = _lock_sessions([session.pk])
        seat.refresh_from_db()
        return _release_seat(seat, locked[session.pk])


def cancel_registration(registration):
    """The participant cancels: every seat is released (waiting lists promoted) and the data deleted."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        seats = _active_seats(registration)
        locked = _lock_sessions(seats.keys())
        promoted, links = [], {}
        for pk in sorted(seats):
            seat = seats[pk]
            seat.refresh_from_db()
            promoted += _release_seat(seat, locked[pk], links)
        registration.delete()
        return promoted


@transaction.atomic
def check_in(registration):
    """Record the participant's arrival on the day; True when it was not recorded yet."""
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now())
    return bool(updated)


@transaction.atomic
def send_session_message(session, subject, body):
    """Queue one e-mail per participant holding a seat or a waiting-list place in the session."""
    seats = (SessionRegistration.objects.filter(session=session, state__in=ACTIVE)
             .select_related("registration"))
    count = 0
    for seat in seats:
        _mail_to(seat.registration, "events/mail/session_message", {
            "session": session, "subject": subject, "body": body, "seat": seat})
        count += 1
    return count


@transaction.atomic
def anonymise_expired(now=None, days=None):
    """Anonymise the registrations of editions ended more than the retention period ago.

    Category, country and seats stay (they feed the statistics); names, e-mail, organisation,
    function, accessibility needs and the private link are erased. Returns the number anonymised.
    """
    now = now or timezone.now()
    days = retention_days() if days is None else days
    limit = timezone.localdate(now) - dt.timedelta(days=days)
    expired = Edition.objects.filter(ends_on__lt=limit).values("pk")
    return Registration.objects.filter(edition__in=expired, anonymised_at__isnull=True).update(
        first_name="Participant anonymisé", last_name="", civility="",
        email=Concat(Value("anonyme-"), Cast("pk", CharField()), Value("@anonyme.invalid")),
        organisation="", function="", accessibility_needs="", collectivity=None, delegation=None,
        token_hash=None, anonymised_at=now,
    )
