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
    # Seed 001, « Évènements marquants depuis la création » : eight items, in this order, from the
    # conference « La ville face aux crises » (26 January 2011) to the Conférence nationale Humanitaire 2014.
    timeline = list(crises.timeline.values_list("text", flat=True))
    assert len(timeline) == 8
    assert "« La ville face aux crises »" in timeline[0] and "3ème session de la plateforme mondiale" in timeline[1]
    assert "Abidjan" in timeline[3] and "Rabat" in timeline[6]
    assert "Conférence nationale Humanitaire 2014" in timeline[7]
    assert Group.objects.get(slug="japon").president_name == "Karima Zerkani-Raynal"
    assert Group.objects.get(slug="israel").country.iso2 == "IL"
    assert set(Partner.objects.filter(kind="institutionnel").values_list("acronym", flat=True)) >= {
        "MEAE / DCTCIV", "CNCD", "AFD", "CGLU"}
    # Seed 003, « Structures régionales d'appui à la coopération décentralisée » : twelve networks, as listed.
    assert sorted(Partner.objects.filter(kind="rrma").values_list("name", "region_label")) == sorted([
        ("Ircod", "Alsace"), ("Cap Coopération", "Aquitaine"), ("Ceracoop", "Auvergne"),
        ("Horizons Solidaires", "Basse Normandie"), ("ABCIS", "Bretagne"), ("Centraider", "Centre"),
        ("Reciproco", "Champagne-Ardenne"), ("Cercoop", "Franche-Comté"), ("Lianes Coopération", "Nord-Pas-de-Calais"),
        ("CASI-PC", "Poitou-Charentes"), ("Resacts", "Provence-Alpes-Côte d'Azur"), ("Résacoop", "Rhône-Alpes")])
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
