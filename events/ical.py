"""iCalendar (.ics) files of the programme and of a participant's personal agenda."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Event

from cuf_portal.calendars import calendar_bytes, new_calendar

from .models import PARIS


def _event(session, stamp):
    event = Event()
    event.add("uid", f"session-{session.pk}@rencontres.cites-unies-france.org")
    event.add("dtstamp", stamp)
    event.add("summary", session.title)
    if session.starts_at:
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
    else:
        event.add("dtstart", session.day)
        event.add("dtend", session.day + dt.timedelta(days=1))
    location = ", ".join(p for p in (session.room, session.edition.venue, session.edition.address) if p)
    if location:
        event.add("location", location)
    if session.summary:
        event.add("description", session.summary)
    event.add("url", settings.SITE_URL + session.get_absolute_url())
    return event


def programme_ics(edition, sessions):
    cal = new_calendar(f"{edition.title}")
    stamp = dt.datetime.now(tz=PARIS)
    for session in sessions:
        session.edition = edition
        cal.add_component(_event(session, stamp))
    return calendar_bytes(cal)


def agenda_ics(registration, seats):
    cal = new_calendar(f"{registration.edition.title} — {registration.full_name}")
    stamp = dt.datetime.now(tz=PARIS)
    for seat in seats:
        seat.session.edition = registration.edition
        event = _event(seat.session, stamp)
        if seat.state == "attente":
            waiting = _("Liste d'attente, rang %(position)s") % {"position": seat.position}
            event["summary"] = f"[{waiting}] {seat.session.title}"
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    return calendar_bytes(cal)
