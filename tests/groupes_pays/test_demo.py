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
