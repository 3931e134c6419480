"""A visitor opens the groups, a group page, its next meeting, and adds it to a calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from groupes_pays.models import GroupMembership, TimelineEntry
from tests.conftest import assert_accessible
from tests.factories import CollectivityFactory

from .factories import GroupFactory, MeetingFactory, MembersMeetingFactory, NewsItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_groups_list_group_page_next_meeting_and_add_to_calendar(page):
    group = GroupFactory(name="Groupe-pays Sénégal", slug="senegal", summary="Les coopérations avec le Sénégal.",
                         president_name="Présidence du groupe", creation_text="Le groupe a été créé pour…")
    TimelineEntry.objects.create(group=group, date_label="4 avril 2024", text="Réunion du groupe-pays")
    GroupMembership.objects.create(group=group, collectivity=CollectivityFactory(name="Nîmes Métropole"))
    MeetingFactory(group=group, title="Réunion du groupe-pays Sénégal", starts_at=timezone.now() + timedelta(days=3))
    MembersMeetingFactory(group=group, title="Séance réservée")
    NewsItemFactory(title="Actualité du groupe").groups.add(group)

    page.goto("/groupes/")
    assert_accessible(page)
    page.get_by_role("link", name="Groupe-pays Sénégal").click()
    page.wait_for_url("**/groupes/senegal/")
    assert page.get_by_role("heading", level=1).inner_text() == "Groupe-pays Sénégal"
    assert page.get_by_role("complementary").get_by_role("link", name="Nîmes Métropole").is_visible()
    assert "Séance réservée" not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Réunion du groupe-pays Sénégal").click()
    page.wait_for_url("**/groupes/agenda/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Réunion du groupe-pays Sénégal"
    assert_accessible(page)

    link = page.get_by_role("link", name="Ajouter à mon agenda")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Réunion du groupe-pays Sénégal"]
    assert page.js_errors == []


def test_agenda_news_and_partners_pages_are_accessible(page):
    MeetingFactory(title="Réunion du groupe-pays Liban")
    NewsItemFactory(title="Communiqué")
    for url in ["/groupes/agenda/", "/groupes/actualites/", "/groupes/partenaires/"]:
        page.goto(url)
        assert_accessible(page)
