"""The home page's panels (Atlas figures, agenda and news, funds, next Rencontres) are rendered once and
cached (cuf_portal.panels): every change shows at once, members-only items never reach a visitor, the
clock still moves them, and a warm home page costs a cache read. The same for a visitor's fiche."""

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from atlas.models import Project
from events.models import Edition
from groupes_pays.models import Meeting, NewsItem
from tests.conftest import queries_outside_cache
from tests.events.factories import EditionFactory
from tests.groupes_pays.factories import MeetingFactory, MembersMeetingFactory, MembersNewsItemFactory, member_user

from ..atlas.factories import make_project, partner


def home(client):
    return client.get("/").content.decode()


def test_a_meeting_news_item_or_edition_written_anyhow_shows_at_once_on_the_cached_home_page(client, reference):
    meeting = MeetingFactory(title="Réunion du groupe Sénégal")
    assert "Réunion du groupe Sénégal" in home(client)
    Meeting.objects.filter(pk=meeting.pk).update(title="Réunion déplacée")  # a bulk update: no save()
    assert "Réunion déplacée" in home(client)
    with connection.cursor() as cursor:  # raw SQL too: the version is kept by the database
        cursor.execute("UPDATE groupes_pays_meeting SET title = 'Réunion renommée' WHERE id = %s", [meeting.pk])
    assert "Réunion renommée" in home(client)
    news = NewsItem.objects.create(title="Nouvelle du jour", slug="nouvelle-du-jour", body="Texte.",
                                   status=NewsItem.Status.PUBLISHED, visibility="public")
    assert "Nouvelle du jour" in home(client)
    news.delete()
    assert "Nouvelle du jour" not in home(client)
    EditionFactory(title="Rencontres de la semaine")
    assert "Rencontres de la semaine" in home(client)
    Edition.objects.update(is_published=False)
    assert "Rencontres de la semaine" not in home(client)


def test_members_only_items_cached_for_a_member_never_reach_a_visitor(client, reference):
    MembersMeetingFactory(title="Chronique secrète")
    MembersNewsItemFactory(title="Note réservée aux adhérents")
    client.force_login(member_user())
    member_page = home(client)
    assert "Chronique secrète" in member_page and "Note réservée aux adhérents" in member_page
    client.logout()
    visitor_page = home(client)
    assert "Chronique secrète" not in visitor_page and "Note réservée aux adhérents" not in visitor_page


def test_a_meeting_leaves_the_cached_home_page_within_a_minute_of_its_end(client, reference):
    now = timezone.now()
    MeetingFactory(title="Réunion de midi", starts_at=now + dt.timedelta(minutes=5),
                   ends_at=now + dt.timedelta(minutes=30))
    assert "Réunion de midi" in home(client)
    later = now + dt.timedelta(minutes=31)
    with mock.patch("django.utils.timezone.now", return_value=later), \
            mock.patch("cuf_portal.panels.time.time", return_value=later.timestamp()):
        assert "Réunion de midi" not in home(client)


def test_a_warm_home_page_reads_its_panels_in_one_cache_read(client, reference):
    MeetingFactory()
    EditionFactory()
    make_project([], [partner("Dakar", "SN")], title="Une fiche")
    home(client)
    with CaptureQueriesContext(connection) as warm:
        home(client)
    # The data versions, nothing else (the panels and the demo notice are cache reads).
    assert [q["sql"] for q in queries_outside_cache(warm.captured_queries)] == [
        "SELECT scope, version FROM atlas_dataversion"]


def test_a_visitor_s_cached_fiche_shows_an_edit_and_an_unpublished_fiche_is_gone_at_once(client, reference):
    fiche = make_project([], [partner("Dakar", "SN")], title="Eau à Dakar")
    url = fiche.get_absolute_url()
    assert "Eau à Dakar" in client.get(url).content.decode()
    Project.objects.filter(pk=fiche.pk).update(title="Eau potable à Dakar")
    assert "Eau potable à Dakar" in client.get(url).content.decode()
    Project.objects.filter(pk=fiche.pk).update(is_published=False)
    assert client.get(url).status_code == 404
