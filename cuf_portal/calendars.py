"""iCalendar files (.ics) of the portal: one calendar shape and one HTTP answer for every app."""

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar

PRODID = "-//Cités Unies France//Portail de la coopération décentralisée//FR"


def new_calendar(name):
    """An empty VCALENDAR named `name`, in the portal's time zone (Europe/Paris)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def calendar_bytes(calendar):
    """The .ics text of `calendar`, with a VTIMEZONE for every TZID its events use.

    Times are written as local Paris times (TZID=Europe/Paris); without the VTIMEZONE block that
    defines that zone, some calendar clients read them as UTC or floating times and shift them.
    """
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(body, filename, attachment=True, cache_seconds=None):
    """Answer with an .ics body; `attachment` downloads it, otherwise calendars can subscribe."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if cache_seconds:
        response["Cache-Control"] = f"private, max-age={cache_seconds}"
    return response
