"""The demo content comes from the seeds, and loading it twice changes nothing."""

import io

import pytest

from groupes_pays import demo
from groupes_pays.models import Group, GroupMembership, Meeting, NewsItem, Partner


@pytest.mark.django_db
def test_demo_loads_seed_content_idempotently(reference, client):
    demo.load(io.StringIO())
    counts = (Group.objects.count(), Meeting.objects.count(), NewsItem.objects.count(), Partner.objects.count(),
              GroupMembership.objects.count())
    demo.load(io.StringIO())
    assert counts == (Group.objects.count(), Meeting.objects.count(), NewsItem.objects.count(),
                      Partner.objects.count(), GroupMembership.objects.count())

    crises = Group.objects.get(slug="crises-et-rehabilitation")
    assert crises.created_year == 2012 and crises.president_name == "Clare Hart"
    assert crises.president_collectivity.name == "Montpellier Méditerranée Métropole"
    assert crises.referent_name == "Simone Giovetti"
    assert crises.timeline.count() == 8
    assert Group.objects.get(slug="japon").president_name == "Karima Zerkani-Raynal"
    assert Group.objects.get(slug="israel").country.iso2 == "IL"
    assert set(Partner.objects.filter(kind="institutionnel").values_list("acronym", flat=True)) >= {
        "MEAE / DCTCIV", "CNCD", "AFD", "CGLU"}
    assert Partner.objects.filter(kind="rrma").count() == 12
    chroniques = Meeting.objects.filter(title__startswith="CUF : Chroniques géopolitiques")
    assert chroniques.count() == 4 and set(chroniques.values_list("visibility", flat=True)) == {"adherents"}

    page = client.get(crises.get_absolute_url()).content.decode()
    assert "Vice-présidente déléguée au Rayonnement international et Coopération européenne" in page
    assert "Chroniques géopolitiques : Saison 4" not in client.get("/groupes/actualites/rss/").content.decode()


@pytest.mark.django_db
def test_demo_has_the_droits_des_femmes_group_with_only_what_seed_002_says(reference, client):
    demo.load(io.StringIO())
    group = Group.objects.get(slug="droits-des-femmes")
    assert group.kind == Group.Kind.THEMATIC and group.is_active
    assert group.president_name == "" and group.president_collectivity is None  # the seeds name no president
    assert group.referent_name.startswith("Constance Koukouni")
    meeting = group.meetings.get()
    assert meeting.starts_at.isoformat() == "2023-09-19T09:30:00+00:00"  # 11h30 in Paris
    assert meeting.ends_at.isoformat() == "2023-09-19T11:00:00+00:00"
    assert "Élise Pereira-Nunes" in meeting.minutes and "municipalisme féministe" in meeting.minutes
    page = client.get(group.get_absolute_url()).content.decode()
    assert "mardi 19 septembre 2023, 11h30–13h00" in page
    assert "Droits des femmes" in client.get("/groupes/?kind=thematique").content.decode()
