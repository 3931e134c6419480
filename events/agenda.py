"""What the Rencontres add to the portal's agenda (cuf_portal.agenda).

Site-wide: the coming edition itself (all days). For a group: the sessions of coming editions that are
that group's meeting (Session.group), so that the group's page and calendar show them.
"""

import datetime as dt

from django.utils import timezone

from cuf_portal.agenda import AgendaItem, paris_midnight

from . import queries
from .models import Session


def _edition_item(edition):
    return AgendaItem(
        uid=f"edition-{edition.pk}@rencontres.cites-unies-france.org", title=edition.title,
        url=edition.get_absolute_url(), starts_at=paris_midnight(edition.starts_on),
        ends_at=paris_midnight(edition.ends_on + dt.timedelta(days=1)), has_time=False, place=edition.venue,
        summary=edition.theme, source_label="Rencontres")


def _session_item(session):
    edition = session.edition
    place = ", ".join(p for p in (session.room, edition.venue) if p)
    starts = session.starts_at or paris_midnight(session.day)
    ends = session.ends_at if session.starts_at else paris_midnight(session.day + dt.timedelta(days=1))
    return AgendaItem(
        uid=f"session-{session.pk}@rencontres.cites-unies-france.org", title=session.title,
        url=session.get_absolute_url(), starts_at=starts, ends_at=ends, has_time=session.starts_at is not None,
        place=place, summary=session.summary, source_label=edition.title, categories=(edition.title,))


def agenda_source(group=None, since=None):
    today = timezone.localdate(since) if since else timezone.localdate()
    if group is None:
        edition = queries.next_edition()
        return [_edition_item(edition)] if edition is not None and edition.ends_on >= today else []
    sessions = (Session.objects.filter(group=group, day__gte=today, edition__is_published=True)
                .select_related("edition").order_by("day", "start_time", "number"))
    return [_session_item(session) for session in sessions]
