"""Agenda: order, Paris time, filters, and .ics exports parsed back with icalendar."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groupes_pays import queries
from groupes_pays.queries import PUBLIC

from .factories import GroupFactory, MeetingFactory, MembersMeetingFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_upcoming_meetings_are_soonest_first_and_exclude_finished_ones():
    now = timezone.now()
    later = MeetingFactory(title="Dans un mois", starts_at=now + timedelta(days=30))
    sooner = MeetingFactory(title="Demain", starts_at=now + timedelta(days=1))
    ongoing = MeetingFactory(title="En cours", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    MeetingFactory(title="Hier", starts_at=now - timedelta(days=1))
    assert list(queries.upcoming_meetings(PUBLIC)) == [ongoing, sooner, later]
    assert [m.title for m in queries.past_meetings(PUBLIC)] == ["Hier"]


def test_agenda_page_lists_in_order_with_paris_time(client):
    # 4 April 2024 12:00 UTC is 14h00 in Paris (summer time); the page must say 14h00.
    start = datetime(2030, 4, 4, 12, 0, tzinfo=ZoneInfo("UTC"))
    MeetingFactory(title="Réunion du groupe-pays Sénégal", starts_at=start, ends_at=start + timedelta(hours=2))
    MeetingFactory(title="Réunion du groupe-pays Liban", starts_at=start - timedelta(days=1))
    page = client.get(reverse("groupes_pays:agenda")).content.decode()
    assert page.index("Réunion du groupe-pays Liban") < page.index("Réunion du groupe-pays Sénégal")
    assert "jeudi 4 avril 2030, 14h00–16h00" in page


def test_agenda_filters_by_group_and_points_to_the_group_calendar(client):
    japon = GroupFactory(slug="japon-test", name="Groupe-pays Japon")
    MeetingFactory(group=japon, title="Comité de pilotage franco-japonais")
    MeetingFactory(title="Autre réunion")
    response = client.get(reverse("groupes_pays:agenda"), {"group": "japon-test"})
    page = response.content.decode()
    assert "Comité de pilotage franco-japonais" in page and "Autre réunion" not in page
    assert reverse("groupes_pays:group_ics", args=["japon-test"]) in page


def test_unknown_group_filter_is_a_400_form_error_not_a_crash(client):
    response = client.get(reverse("groupes_pays:agenda"), {"group": "n-existe-pas"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [c for c in calendar.walk("VEVENT")]


def test_whole_agenda_ics_parses_back_with_paris_times(client):
    start = datetime(2030, 1, 22, 14, 30, tzinfo=PARIS)
    meeting = MeetingFactory(title="Réunion du groupe-pays Vietnam", starts_at=start,
                             ends_at=start + timedelta(hours=2), place="Paris")
    events = _events(client.get(reverse("groupes_pays:agenda_ics")))
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Réunion du groupe-pays Vietnam"
    dtstart = event.decoded("DTSTART")
    assert dtstart == start and dtstart.utcoffset() == timedelta(hours=1)
    assert str(dtstart.tzinfo) == "Europe/Paris"
    assert event.decoded("DTEND") == start + timedelta(hours=2)
    assert str(event["LOCATION"]) == "Paris"
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    assert str(event["UID"]) == f"reunion-{meeting.pk}@cites-unies-france.org"


def test_group_ics_holds_only_that_groups_meetings_and_all_day_items_are_dates(client):
    group = GroupFactory(slug="liban-test")
    MeetingFactory(group=group, title="Réunion du groupe-pays Liban", starts_at=datetime(2030, 4, 4, tzinfo=PARIS),
                   has_time=False)
    MeetingFactory(title="Réunion d'un autre groupe")
    events = _events(client.get(reverse("groupes_pays:group_ics", args=["liban-test"])))
    assert [str(e["SUMMARY"]) for e in events] == ["Réunion du groupe-pays Liban"]
    assert events[0].decoded("DTSTART") == date(2030, 4, 4)
    assert events[0].decoded("DTEND") == date(2030, 4, 5)


def test_single_meeting_ics_for_add_to_calendar(client):
    meeting = MeetingFactory(title="Réunion à ajouter")
    events = _events(client.get(reverse("groupes_pays:meeting_ics", args=[meeting.pk])))
    assert [str(e["SUMMARY"]) for e in events] == ["Réunion à ajouter"]


def test_members_only_meetings_are_left_out_of_anonymous_calendars(client):
    MembersMeetingFactory(title="Chroniques géopolitiques réservées")
    assert _events(client.get(reverse("groupes_pays:agenda_ics"))) == []


def test_old_meeting_url_with_a_wrong_slug_redirects_to_the_right_one(client):
    meeting = MeetingFactory(title="Réunion du groupe")
    response = client.get(reverse("groupes_pays:meeting", args=[meeting.pk, "ancien-titre"]))
    assert response.status_code == 301 and response["Location"] == meeting.get_absolute_url()
    assert client.get(reverse("groupes_pays:meeting", args=[999999, "x"])).status_code == 404


def test_agenda_lists_past_meetings_latest_first_without_members_only_ones(client):
    now = timezone.now()
    MeetingFactory(title="Réunion d'il y a un an", starts_at=now - timedelta(days=365))
    MeetingFactory(title="Réunion du mois dernier", starts_at=now - timedelta(days=30))
    MembersMeetingFactory(title="Chronique passée", starts_at=now - timedelta(days=10))
    page = client.get(reverse("groupes_pays:agenda")).content.decode()
    assert "Rendez-vous passés" in page
    assert page.index("Réunion du mois dernier") < page.index("Réunion d&#x27;il y a un an")
    assert "Chronique passée" not in page
    page = client.get(reverse("groupes_pays:agenda"), {"q": "mois dernier"}).content.decode()
    assert "Réunion du mois dernier" in page and "il y a un an" not in page


def test_agenda_renders_the_agenda_slot_for_other_apps_events(client, monkeypatch):
    """Other apps (the Rencontres) add their upcoming events through the "agenda" panel slot."""
    from cuf_portal import panels

    seen = []

    def context(request, group=None, **kwargs):
        seen.append(group)
        return {"meeting": MeetingFactory.build(title="Les prochaines Rencontres", pk=999, slug="rencontres")}

    monkeypatch.setitem(panels._registry, "agenda",
                        [panels.Panel("groupes_pays/_meeting_item.html", context)])
    group = GroupFactory()
    assert "Les prochaines Rencontres" in client.get(reverse("groupes_pays:agenda")).content.decode()
    client.get(reverse("groupes_pays:agenda"), {"group": group.slug})
    assert seen == [None, group]
