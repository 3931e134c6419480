"""One agenda, every channel (issue 13): the Rencontres on the home agenda; a group's meeting held at the
Rencontres on the group's page and in its .ics."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.events.factories import EditionFactory, SessionFactory
from tests.groupes_pays.factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rencontres():
    group = GroupFactory(name="Groupe-pays Japon", slug="japon")
    edition = EditionFactory(title="Rencontres 2026", starts_on=timezone.localdate() + dt.timedelta(days=21))
    meeting = SessionFactory(edition=edition, title="Réunion du groupe-pays Japon", group=group, room="Salle 2",
                             day=edition.starts_on)
    SessionFactory(edition=edition, title="Atelier sans groupe", day=edition.starts_on)
    return {"group": group, "edition": edition, "meeting": meeting}


def test_home_agenda_shows_the_coming_rencontres(client, rencontres):
    html = client.get("/").content.decode()
    agenda = html[html.index('id="home-agenda"'):html.index('id="home-news"')]
    assert "Aucun rendez-vous à venir" not in agenda
    assert rencontres["edition"].get_absolute_url() in agenda


def test_group_page_lists_its_meeting_held_at_the_rencontres(client, rencontres):
    html = client.get(reverse("groupes_pays:group", args=["japon"])).content.decode()
    upcoming = html[html.index('id="prochaines"'):]
    assert "Aucune réunion programmée" not in upcoming[:2000]
    assert rencontres["meeting"].get_absolute_url() in upcoming[:2000]
    assert "Atelier sans groupe" not in html


def test_group_calendar_carries_its_rencontres_meeting_at_paris_time(client, rencontres):
    body = client.get(reverse("groupes_pays:group_ics", args=["japon"])).content
    events = Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Réunion du groupe-pays Japon"]
    start = events[0].decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 30, "Europe/Paris")
    assert b"BEGIN:VTIMEZONE" in body


def test_unpublished_editions_stay_off_every_channel(client, rencontres):
    rencontres["edition"].is_published = False
    rencontres["edition"].save()
    page = client.get(reverse("groupes_pays:group", args=["japon"])).content.decode()
    assert "Réunion du groupe-pays Japon" not in page
    assert b"BEGIN:VEVENT" not in client.get(reverse("groupes_pays:group_ics", args=["japon"])).content
    assert rencontres["edition"].get_absolute_url() not in client.get("/").content.decode()
