"""RSS and Atom feeds of the news, parsed back."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from .factories import GroupFactory, MembersNewsItemFactory, NewsItemFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news():
    group = GroupFactory(name="Crises et réhabilitation", slug="crises-test")
    older = NewsItemFactory(title="Fonds de solidarité pour la Turquie", published_on=date(2024, 2, 21),
                            body="Pour rappel, un violent séisme a frappé le sud-est de la Turquie.")
    newer = NewsItemFactory(title="Réunion du comité des donateurs du Fonds Ukraine", published_on=date(2024, 3, 13))
    newer.groups.add(group)
    NewsItemFactory(title="Brouillon", status="brouillon")
    MembersNewsItemFactory(title="Note réservée")
    return older, newer


def test_rss_feed_lists_published_public_news_newest_first(client, news):
    older, newer = news
    response = client.get(reverse("groupes_pays:news_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [newer.title, older.title]
    assert items[0].findtext("link").endswith(newer.get_absolute_url())
    assert items[0].findtext("category") == "Crises et réhabilitation"
    assert "13 Mar 2024" in items[0].findtext("pubDate")
    assert "séisme" in items[1].findtext("description")


def test_atom_feed_parses_and_matches(client, news):
    older, newer = news
    response = client.get(reverse("groupes_pays:news_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [newer.title, older.title]
    assert entries[0].findtext(f"{ATOM}published").startswith("2024-03-13")
    assert entries[0].find(f"{ATOM}link").get("href").endswith(newer.get_absolute_url())


def test_news_pages_advertise_the_feeds(client, news):
    page = client.get(reverse("groupes_pays:news")).content.decode()
    assert 'type="application/rss+xml"' in page and 'type="application/atom+xml"' in page
