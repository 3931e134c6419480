"""Members-only content never leaks: lists, search, detail, feeds, calendars, files."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .factories import (
    DocumentFactory,
    GroupFactory,
    MeetingFactory,
    MembersMeetingFactory,
    MembersNewsItemFactory,
    NewsItemFactory,
    member_user,
    non_member_user,
)

pytestmark = pytest.mark.django_db

SECRETS = ["Chroniques secrètes", "ORDRE-DU-JOUR-CONFIDENTIEL", "salle-secrete", "Note réservée", "TEXTE-CONFIDENTIEL",
           "Compte rendu réservé"]


@pytest.fixture
def content():
    group = GroupFactory(slug="senegal-test", name="Groupe-pays Sénégal")
    public_meeting = MeetingFactory(group=group, title="Réunion ouverte du groupe")
    secret_meeting = MembersMeetingFactory(group=group)
    public_news = NewsItemFactory(title="Actualité ouverte")
    public_news.groups.add(group)
    secret_news = MembersNewsItemFactory()
    secret_news.groups.add(group)
    public_doc = DocumentFactory(group=group, title="Document ouvert")
    secret_doc = DocumentFactory(group=group, title="Compte rendu réservé", visibility="adherents")
    return {"group": group, "public_meeting": public_meeting, "secret_meeting": secret_meeting,
            "public_news": public_news, "secret_news": secret_news, "public_doc": public_doc, "secret_doc": secret_doc}


def list_urls(content):
    group = content["group"]
    return [
        reverse("home"),
        reverse("groupes_pays:index"),
        reverse("groupes_pays:group", args=[group.slug]),
        reverse("groupes_pays:agenda"),
        reverse("groupes_pays:agenda") + "?q=chroniques",
        reverse("groupes_pays:agenda") + f"?group={group.slug}",
        reverse("groupes_pays:news"),
        reverse("groupes_pays:news") + "?q=note",
        reverse("groupes_pays:news_rss"),
        reverse("groupes_pays:news_atom"),
        reverse("groupes_pays:agenda_ics"),
        reverse("groupes_pays:group_ics", args=[group.slug]),
    ]


def _assert_no_secret(response):
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text, f"« {secret} » visible sur {response.request['PATH_INFO']}"


@pytest.mark.parametrize("who", ["anonymous", "non_member", "logged_in_without_collectivity"])
def test_members_only_items_never_appear_in_lists_search_feeds_or_calendars_for_non_members(client, content, who):
    if who == "non_member":
        client.force_login(non_member_user())
    elif who == "logged_in_without_collectivity":
        client.force_login(UserFactory())  # logged in, no collectivity
    for url in list_urls(content):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_secret(response)
    # the public items are there
    assert "Réunion ouverte du groupe" in client.get(reverse("groupes_pays:agenda")).content.decode()
    assert "Actualité ouverte" in client.get(reverse("groupes_pays:news_rss")).content.decode()


def test_group_page_tells_non_members_that_reserved_content_exists_and_how_to_get_access(client, content):
    page = client.get(reverse("groupes_pays:group", args=[content["group"].slug])).content.decode()
    assert "réservé aux collectivités adhérentes" in page
    assert "Connectez-vous" in page


def test_members_only_detail_pages_show_a_notice_not_the_content(client, content):
    client.force_login(non_member_user())
    for url in [content["secret_meeting"].get_absolute_url(), content["secret_news"].get_absolute_url(),
                reverse("groupes_pays:meeting_ics", args=[content["secret_meeting"].pk])]:
        response = client.get(url)
        assert response.status_code == 403
        text = response.content.decode()
        assert "Réservé aux collectivités adhérentes" in text
        assert "ORDRE-DU-JOUR-CONFIDENTIEL" not in text and "TEXTE-CONFIDENTIEL" not in text
        assert "salle-secrete" not in text
        assert response["Content-Type"].startswith("text/html")


def test_members_only_document_is_not_downloadable_by_url_for_non_members(client, content):
    url = content["secret_doc"].get_absolute_url()
    response = client.get(url)
    assert response.status_code == 403
    assert not hasattr(response, "streaming_content")
    client.force_login(non_member_user())
    assert client.get(url).status_code == 403
    public = client.get(content["public_doc"].get_absolute_url())
    assert public.status_code == 200
    assert b"".join(public.streaming_content).startswith(b"%PDF")


def test_documents_have_no_public_media_url(content):
    assert content["secret_doc"].file.url is None


def test_members_see_everything(client, content):
    client.force_login(member_user())
    agenda = client.get(reverse("groupes_pays:agenda")).content.decode()
    assert content["secret_meeting"].title in agenda
    detail = client.get(content["secret_meeting"].get_absolute_url())
    assert detail.status_code == 200 and "ORDRE-DU-JOUR-CONFIDENTIEL" in detail.content.decode()
    assert "salle-secrete" in detail.content.decode()
    assert "TEXTE-CONFIDENTIEL" in client.get(content["secret_news"].get_absolute_url()).content.decode()
    assert "Note réservée" in client.get(reverse("groupes_pays:news_rss")).content.decode()
    assert content["secret_meeting"].title in client.get(reverse("groupes_pays:agenda_ics")).content.decode()
    response = client.get(content["secret_doc"].get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_drafts_are_hidden_from_everyone_but_staff_who_get_a_preview(client, staff_user):
    draft = NewsItemFactory(title="Brouillon en cours", status="brouillon")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member_user())
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Brouillon en cours" not in client.get(reverse("groupes_pays:news")).content.decode()
    assert "Brouillon en cours" not in client.get(reverse("groupes_pays:news_atom")).content.decode()
    client.force_login(staff_user)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Aperçu d'un brouillon" in preview.content.decode()
    assert "Brouillon en cours" not in client.get(reverse("groupes_pays:news")).content.decode()


def test_home_panel_shows_public_items_to_anonymous_and_reserved_ones_to_members(client, content):
    home = client.get(reverse("home")).content.decode()
    assert "Réunion ouverte du groupe" in home and "Actualité ouverte" in home
    assert content["secret_meeting"].title not in home
    client.force_login(member_user())
    assert content["secret_meeting"].title in client.get(reverse("home")).content.decode()
