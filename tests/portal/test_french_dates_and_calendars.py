"""« 1er » for the first of the month in French pages and mails; every .ics defines the zone it uses."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from tests.events.factories import EditionFactory, SessionFactory
from tests.factories import FranceFactory

DATES = Template('{{ d|date:"j F Y" }}|{{ d|date:"l j F" }}|{{ d|date }}|{{ d|date:"d/m/Y" }}|{{ e|date:"j F Y" }}')


def test_first_of_the_month_is_written_1er_in_french_only():
    context = Context({"d": dt.date(2026, 3, 1), "e": dt.date(2026, 2, 2)})
    with translation.override("fr"):
        assert DATES.render(context) == "1er mars 2026|dimanche 1er mars|1er mars 2026|01/03/2026|2 février 2026"
    with translation.override("en"):
        assert DATES.render(context).startswith("1 March 2026|Sunday 1 March|")


def test_escaped_characters_of_a_format_are_kept():
    with translation.override("fr"):
        rendered = Template('{{ d|date:"j F Y à H\\hi" }}').render(Context({"d": dt.datetime(2026, 3, 1, 9, 5)}))
    assert rendered == "1er mars 2026 à 09h05"


@pytest.mark.django_db
def test_programme_page_writes_1er(client):
    edition = EditionFactory(starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 2))
    SessionFactory(edition=edition, day=edition.starts_on)
    html = client.get(reverse("events:programme", args=[edition.slug])).content.decode()
    assert "Lundi 1er mars 2027" in html
    assert "1 mars" not in html


def _vtimezone_defines_every_tzid(body):
    calendar = Calendar.from_ical(body)
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    used = set(re.findall(r"TZID=([^:;]+)", body.decode()))
    return used and used <= zones


@pytest.mark.django_db
def test_personal_and_programme_calendars_carry_a_vtimezone(client):
    edition = EditionFactory()
    session = SessionFactory(edition=edition, title="Atelier eau")
    client.post(reverse("events:register", args=[edition.slug]), {
        "civility": "", "first_name": "Léa", "last_name": "Dupont", "email": "lea@exemple.test",
        "organisation": "Ville de Nantes", "function": "Adjointe", "category": "collectivite_fr",
        "country": FranceFactory().pk, "accessibility_needs": "", "consent": "on", "website": ""})
    token = re.search(r"/rencontres/inscription/([^/\s]+)/", mail.outbox[-1].body).group(1)
    client.post(reverse("events:confirm", args=[token]))
    client.post(reverse("events:choose", args=[token]), {"sessions": [session.pk]})
    personal = client.get(reverse("events:agenda", args=[token])).content
    assert b"BEGIN:VEVENT" in personal and b"BEGIN:VTIMEZONE" in personal
    assert _vtimezone_defines_every_tzid(personal)
    programme = client.get(reverse("events:programme_ics", args=[edition.slug])).content
    assert _vtimezone_defines_every_tzid(programme)
