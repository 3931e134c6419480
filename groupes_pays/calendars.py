"""iCalendar (.ics) exports of the agenda, built with the `icalendar` package."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Event

from cuf_portal.calendars import calendar_bytes, new_calendar

PARIS = settings.TIME_ZONE
DEFAULT_DURATION = timedelta(hours=1)


def _item_event(item, stamp, absolute_uri):
    """A VEVENT for an item another app adds to the agenda (cuf_portal.agenda.AgendaItem)."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("summary", item.title)
    if item.has_time:
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at or item.starts_at + DEFAULT_DURATION)
    else:
        event.add("dtstart", item.starts_at.date())
        event.add("dtend", (item.ends_at or item.starts_at + timedelta(days=1)).date())
    if item.place:
        event.add("location", item.place)
    url = absolute_uri(item.url)
    event.add("url", url)
    event.add("description", "\n\n".join(p for p in (item.summary, url) if p))
    if item.categories:
        event.add("categories", list(item.categories))
    return event


def build_calendar(meetings, name, absolute_uri, items=()):
    """One VCALENDAR with a VEVENT per meeting and per agenda item of other apps; times in Europe/Paris."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(PARIS)
    calendar = new_calendar(name)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"reunion-{meeting.pk}@cites-unies-france.org")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.title)
        start = meeting.starts_at.astimezone(tz)
        if meeting.has_time:
            event.add("dtstart", start)
            event.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_DURATION).astimezone(tz))
        else:  # only the day is known: an all-day event
            event.add("dtstart", start.date())
            end = (meeting.ends_at or meeting.starts_at).astimezone(tz).date()
            event.add("dtend", end + timedelta(days=1))
        location = "Visioconférence" if meeting.is_online and not meeting.place else meeting.place
        if location:
            event.add("location", location)
        url = absolute_uri(meeting.get_absolute_url())
        event.add("url", url)
        description = "\n\n".join(p for p in [meeting.summary, meeting.agenda and f"Ordre du jour :\n{meeting.agenda}",
                                              url] if p)
        event.add("description", description)
        if meeting.group_id:
            event.add("categories", [meeting.group.name])
        calendar.add_component(event)
    for item in items:
        calendar.add_component(_item_event(item, stamp, absolute_uri))
    return calendar_bytes(calendar)
