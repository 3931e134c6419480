"""One agenda, every channel: dated items that one app adds to the agenda another app shows.

The groups' agenda (home page "Agenda" card, a group's "Prochaines réunions", the .ics feeds) is owned
by `groupes_pays`; the Rencontres are owned by `events`, whose programme holds group meetings too.
Like the panels (cuf_portal.panels), an app registers a source in its AppConfig.ready(); the owner of
the agenda merges what the sources give, so the apps still depend only on atlas and cuf_portal.

A source is `source(group=None, since=None) -> iterable of AgendaItem`: with `group`, the items that
belong to that group; without, the items of the site-wide agenda. Only public items: sources never
return anything a visitor may not see.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

_sources: list[Callable] = []
_scopes: set[str] = set()


@dataclass(frozen=True)
class AgendaItem:
    """An agenda entry with the attributes the agenda templates and the .ics writer read."""

    uid: str
    title: str
    url: str
    starts_at: dt.datetime  # aware; for an all-day item, midnight in Paris of its first day
    ends_at: dt.datetime | None = None
    has_time: bool = True
    place: str = ""
    summary: str = ""
    source_label: str = ""  # shown as a tag ("Rencontres 2026")
    categories: tuple = ()
    group = None
    is_online = False
    is_members_only = False
    has_minutes = False
    agenda = ""

    def get_absolute_url(self):
        return self.url


def register(source, scopes=()):
    """Add `source`; `scopes`: the data versions (atlas.figures) of the tables its site-wide items come from,
    so that a page caching the agenda (the home page's card, cuf_portal.panels) knows what it depends on."""
    if source not in _sources:
        _sources.append(source)
    _scopes.update(scopes)


def scopes():
    """The data-version scopes of every source's site-wide items."""
    return tuple(sorted(_scopes))


def items(group=None, since=None):
    """The items every source gives for `group` (or the site-wide agenda) from `since` on, soonest first."""
    since = since or timezone.now()
    found = [item for source in _sources for item in source(group=group, since=since)]
    return sorted(found, key=lambda item: item.starts_at)


def merged(meetings, extra, limit=None):
    """Meetings and agenda items in one list, soonest first."""
    rows = sorted([*meetings, *extra], key=lambda row: row.starts_at)
    return rows[:limit] if limit else rows


def paris_midnight(day):
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))
