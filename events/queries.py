"""Reads shared by the Rencontres pages: each returns everything a page shows in a fixed number of queries."""

from collections import OrderedDict
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .badges import registration_pk_from_badge
from .models import Edition, Partner, Person, Registration, Session, SessionRegistration, SessionRole, hash_token

CONFIRMED = SessionRegistration.State.CONFIRMED
WAITLISTED = SessionRegistration.State.WAITLISTED


def published_editions():
    return Edition.objects.filter(is_published=True)


def next_edition():
    """The next (or current) edition, the one newcomers register to."""
    return published_editions().filter(ends_on__gte=timezone.localdate()).order_by("starts_on").first()


def past_editions():
    return (published_editions().filter(ends_on__lt=timezone.localdate()).order_by("-starts_on")
            .annotate(session_count=Count("sessions", distinct=True),
                      report_count=Count("sessions", filter=Q(sessions__report_published=True), distinct=True)))


def edition_detail(slug):
    return (published_editions()
            .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("order", "name")))
            .annotate(session_count=Count("sessions")).filter(slug=slug).first())


def _roles_prefetch():
    return Prefetch("roles", queryset=SessionRole.objects.select_related("person").order_by("order"))


def sessions_with_seats(edition):
    return (Session.objects.filter(edition=edition)
            .annotate(confirmed_count=Count("seats", filter=Q(seats__state=CONFIRMED)),
                      waitlist_count=Count("seats", filter=Q(seats__state=WAITLISTED)))
            .order_by("day", "start_time", "number"))


def seats_left(session):
    return max(session.capacity - session.confirmed_count, 0)


def programme(edition):
    """[(day, [(start, end, [sessions side by side]), …]), …] with speakers and seat counts loaded."""
    sessions = list(sessions_with_seats(edition).select_related("group").prefetch_related(_roles_prefetch()))
    for session in sessions:
        session.edition = edition  # the links need its slug: no query per session
        session.seats_left = seats_left(session)
    days = []
    for day, day_sessions in groupby(sessions, key=lambda s: s.day):
        slots = OrderedDict()
        for session in day_sessions:
            slots.setdefault((session.start_time, session.end_time), []).append(session)
        days.append((day, [(start, end, items) for (start, end), items in slots.items()]))
    return days


def session_detail(edition_slug, number):
    session = (Session.objects.filter(edition__slug=edition_slug, edition__is_published=True, number=number)
               .annotate(confirmed_count=Count("seats", filter=Q(seats__state=CONFIRMED)),
                         waitlist_count=Count("seats", filter=Q(seats__state=WAITLISTED)))
               .select_related("edition", "group").prefetch_related(_roles_prefetch()).first())
    if session:
        session.seats_left = seats_left(session)
    return session


def speakers(edition=None):
    """Speakers with their roles (and sessions), optionally limited to one edition."""
    roles = SessionRole.objects.select_related("session__edition").order_by("-session__day", "session__number")
    people = Person.objects.all()
    if edition is not None:
        roles = roles.filter(session__edition=edition)
        people = people.filter(roles__session__edition=edition).distinct()
    return people.select_related("country").prefetch_related(Prefetch("roles", queryset=roles)).order_by("name")


def registration_by_token(token):
    """The registration a private link opens, or None (wrong, replaced or anonymised link)."""
    if not token or len(token) > 100:
        return None
    return (Registration.objects.select_related("edition", "country")
            .filter(token_hash=hash_token(token), anonymised_at__isnull=True).first())


def registration_by_badge(code):
    """The registration a badge's QR code names (staff check-in), or None."""
    pk = registration_pk_from_badge(code)
    if pk is None:
        return None
    return (Registration.objects.select_related("edition", "country")
            .filter(pk=pk, anonymised_at__isnull=True).first())


def registration_key_by_token(token):
    """Like registration_by_token, with only what the form posts of the private link need."""
    if not token or len(token) > 100:
        return None
    return (Registration.objects.filter(token_hash=hash_token(token), anonymised_at__isnull=True)
            .only("language", "status", "edition_id").order_by().first())


def active_seats(registration):
    return list(SessionRegistration.objects.filter(registration=registration, state__in=(CONFIRMED, WAITLISTED))
                .select_related("session").order_by("session__day", "session__start_time", "session__number"))


def attendance(session):
    """The confirmed participants and the waiting list of a session, for the staff."""
    seats = (SessionRegistration.objects.filter(session=session, state__in=(CONFIRMED, WAITLISTED))
             .select_related("registration__country").order_by("state", "position", "registration__last_name"))
    confirmed = [s for s in seats if s.state == CONFIRMED]
    waitlist = [s for s in seats if s.state == WAITLISTED]
    return confirmed, waitlist


def checkin_figures(edition):
    """Counts for the reception desk: present vs confirmed, by category and by country."""
    regs = Registration.objects.filter(edition=edition, status=Registration.Status.CONFIRMED)
    totals = regs.aggregate(total=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False)))
    categories = dict(Registration.Category.choices)
    by_category = [
        (categories.get(row["category"], row["category"]), row["total"], row["present"])
        for row in regs.values("category").annotate(
            total=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))).order_by("-total")
    ]
    by_country = [
        (row["country__name"] or "Non renseigné", row["total"], row["present"])
        for row in regs.values("country__name").annotate(
            total=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))).order_by("-total")
    ]
    return {**totals, "by_category": by_category, "by_country": by_country}


def search_registrations(edition, q):
    regs = Registration.objects.filter(edition=edition, anonymised_at__isnull=True).select_related("country")
    for word in q.split()[:4]:
        regs = regs.filter(Q(last_name__icontains=word) | Q(first_name__icontains=word)
                           | Q(organisation__icontains=word) | Q(email__icontains=word))
    return regs.order_by("last_name", "first_name")[:50]


def registrations_for_email(email):
    """The user's registrations to upcoming editions (account panel)."""
    return list(Registration.objects.filter(email__iexact=email, edition__ends_on__gte=timezone.localdate())
                .select_related("edition")
                .annotate(session_count=Count("seats", filter=Q(seats__state__in=(CONFIRMED, WAITLISTED)))))
