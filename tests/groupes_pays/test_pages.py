"""Groups list and search, group page, partners directory, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from groupes_pays.models import GroupMembership, Partner, TimelineEntry
from tests.atlas.factories import make_project
from tests.factories import CollectivityFactory, CountryFactory

from .factories import DocumentFactory, GroupFactory, MeetingFactory, NewsItemFactory, ThematicGroupFactory

pytestmark = pytest.mark.django_db


def test_groups_list_is_sorted_by_kind_and_search_ignores_accents_and_case(client):
    GroupFactory(name="Groupe-pays Sénégal", slug="senegal-t")
    ThematicGroupFactory(name="Crises et réhabilitation", slug="crises-t")
    page = client.get(reverse("groupes_pays:index")).content.decode()
    assert page.index("Groupes-pays") < page.index("Groupes thématiques")
    for q in ["senegal", "SÉNÉGAL", "Sene"]:
        found = client.get(reverse("groupes_pays:index"), {"q": q}).content.decode()
        assert "Groupe-pays Sénégal" in found and "Crises et réhabilitation" not in found
    found = client.get(reverse("groupes_pays:index"), {"q": "rehabilitation"}).content.decode()
    assert "Crises et réhabilitation" in found
    assert "Aucun groupe" in client.get(reverse("groupes_pays:index"), {"q": "zzz"}).content.decode()


def test_archived_groups_are_left_out_unless_asked_for(client):
    GroupFactory(name="Groupe-pays archivé", is_active=False)
    assert "Groupe-pays archivé" not in client.get(reverse("groupes_pays:index")).content.decode()
    assert "Groupe-pays archivé" in client.get(reverse("groupes_pays:index"), {"archived": "on"}).content.decode()


def test_group_page_shows_sections_president_referent_timeline_members_and_atlas_links(client):
    montpellier = CollectivityFactory(name="Montpellier Méditerranée Métropole")
    group = ThematicGroupFactory(
        name="Crises et réhabilitation", slug="crises-t", created_year=2012, creation_text="Texte de création.",
        missions_text="Les rôles et missions.", perspectives_text="Les perspectives.", president_name="Clare Hart",
        president_title="Présidente de la dynamique thématique", president_collectivity=montpellier,
        referent_name="Simone Giovetti")
    TimelineEntry.objects.create(group=group, date_label="26 janvier 2011",
                                 text="Conférence « La ville face aux crises »")
    GroupMembership.objects.create(group=group, collectivity=montpellier)
    GroupMembership.objects.create(group=group, collectivity=CollectivityFactory(name="Ancienne membre"),
                                   joined_on=timezone.localdate() - timedelta(days=30), left_on=timezone.localdate())
    page = client.get(group.get_absolute_url()).content.decode()
    for text in ["Création", "(2012)", "Rôles et missions", "Perspectives", "Clare Hart", "Simone Giovetti",
                 "26 janvier 2011", "Présidente de la dynamique thématique"]:
        assert text in page
    assert montpellier.get_absolute_url() in page
    assert "Ancienne membre" not in page


def test_country_group_shows_french_collectivities_and_partners_with_a_geojson_map(client):
    senegal = CountryFactory()
    group = GroupFactory(country=senegal, slug="senegal-t")
    lille = CollectivityFactory(name="Lille", latitude=50.63, longitude=3.06)
    saint_louis = CollectivityFactory(name="Saint-Louis", country=senegal, kind="municipalite",
                                      latitude=16.02, longitude=-16.49)
    make_project([lille], [saint_louis], title="Lille et Saint-Louis")
    make_project([CollectivityFactory(name="Brouillon-sur-Mer")], [saint_louis], title="Fiche non publiée",
                 is_published=False)
    GroupMembership.objects.create(group=group, collectivity=CollectivityFactory(name="Membre sans projet"))
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Lille" in page and "Saint-Louis" in page
    assert "Brouillon-sur-Mer" not in page  # only published Atlas fiches count
    assert reverse("groupes_pays:group_geojson", args=["senegal-t"]) in page
    data = client.get(reverse("groupes_pays:group_geojson", args=["senegal-t"])).json()
    kinds = {f["properties"]["name"]: f["properties"]["kind"] for f in data["features"]}
    assert kinds == {"Lille": "fr", "Saint-Louis": "partner"}


def test_unknown_group_is_a_404(client):
    assert client.get(reverse("groupes_pays:group", args=["inconnu"])).status_code == 404


def test_partners_directory_filters_by_kind(client):
    Partner.objects.create(kind="institutionnel", name="Agence française de développement", acronym="AFD",
                           slug="afd", website="https://www.afd.fr", text="L’AFD contribue…")
    Partner.objects.create(kind="rrma", name="Résacoop", slug="resacoop", region_label="Rhône-Alpes",
                           website="https://www.resacoop.org")
    page = client.get(reverse("groupes_pays:partners")).content.decode()
    assert "Agence française de développement" in page and "Résacoop" in page
    filtered = client.get(reverse("groupes_pays:partners"), {"kind": "rrma"}).content.decode()
    assert "Résacoop" in filtered and "https://www.afd.fr" not in filtered
    # An unknown kind is a 400 that says which criterion to correct, never the whole directory.
    unknown = client.get(reverse("groupes_pays:partners"), {"kind": "bidon"})
    html = unknown.content.decode()
    assert unknown.status_code == 400
    assert "Recherche à corriger" in html and "Type de partenaire ou de réseau : Sélectionnez un choix valide" in html
    assert "https://www.afd.fr" not in html and "Résacoop" not in html


@pytest.mark.parametrize(("name", "params"), [
    ("groupes_pays:index", {"kind": "bidon"}),
    ("groupes_pays:index", {"kind": "pays", "q": "x" * 101}),
    ("groupes_pays:partners", {"kind": "bidon"}),
    ("groupes_pays:agenda", {"group": "groupe-inconnu"}),
    ("groupes_pays:news", {"group": "groupe-inconnu"}),
])
def test_invalid_filter_value_on_a_group_list_is_a_400_with_a_french_message(client, name, params):
    """Rule (as the Atlas search): a value the list does not offer is refused, not ignored."""
    group = GroupFactory(name="Groupe-pays Sénégal", slug="senegal-t")
    MeetingFactory(group=group, title="Réunion du groupe Sénégal", starts_at=timezone.now() + timedelta(days=5))
    NewsItemFactory(title="Nouvelles du Sénégal").groups.add(group)
    response = client.get(reverse(name), params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Recherche à corriger" in html and "un critère n'est pas valide" in html
    assert "Réunion du groupe Sénégal" not in html and "Nouvelles du Sénégal" not in html
    assert ">Groupe-pays Sénégal</h3>" not in html


@pytest.mark.parametrize("name", ["groupes_pays:index", "groupes_pays:partners", "groupes_pays:agenda",
                                  "groupes_pays:news"])
def test_group_lists_without_filters_or_with_a_page_only_answer_200(client, name):
    assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse(name), {"page": "2"}).status_code == 200


def _fill(group, n):
    for i in range(n):
        MeetingFactory(group=group)
        MeetingFactory(group=group, starts_at=timezone.now() - timedelta(days=i + 1))
        NewsItemFactory().groups.add(group)
        DocumentFactory(group=group)
        GroupMembership.objects.create(group=group, collectivity=CollectivityFactory())
        TimelineEntry.objects.create(group=group, text=f"Évènement {i}")


@pytest.mark.parametrize("n", [1, 8])
def test_query_counts_do_not_grow_with_rows(client, django_assert_max_num_queries, n):
    group = GroupFactory(slug="g")
    other = ThematicGroupFactory()
    _fill(group, n)
    _fill(other, n)
    # The site-wide demo notice reads a database-cache entry on every page: 1 query once warm, 7 on the
    # request that fills it (read, probe, count for culling, savepoint, select, insert, release). Warm it
    # first, so that the pins below count the page's own queries plus that 1 read, whatever ran before.
    # The home page also warms the Atlas's key figures, cached under the data version (atlas/figures.py).
    client.get(reverse("home"))
    with django_assert_max_num_queries(16):  # 14 of the group page + 1 demo-notice cache read
        assert client.get(group.get_absolute_url()).status_code == 200
    for url in [reverse("groupes_pays:index"), reverse("groupes_pays:agenda"), reverse("groupes_pays:news"),
                reverse("groupes_pays:news_rss"), reverse("groupes_pays:agenda_ics")]:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    # Home: 6 of its panels, 1 demo-notice cache read, and the key figures now cost 2 (the data version and
    # the cache read) instead of their 1 query: the former pin of 8 raised by those 2 constant queries.
    with django_assert_max_num_queries(10):
        assert client.get(reverse("home")).status_code == 200


def test_country_group_offers_the_repertoire_des_partenariats_exported_from_the_atlas(client):
    country = CountryFactory()
    group = GroupFactory(country=country, slug="pays-t")
    make_project([CollectivityFactory(name="Lille")], [CollectivityFactory(name="Partenaire", country=country)],
                 title="Lille et son partenaire")
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Répertoire des partenariats de coopération décentralisée" in page
    assert "— 1 fiche</span>" in page  # each French collectivity with its number of fiches in the country
    url = f"{reverse('atlas:index')}?country={country.slug}&format=csv"
    assert url.replace("&", "&amp;") in page
    export = client.get(url)
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    assert "Lille et son partenaire" in b"".join(export.streaming_content).decode("utf-8-sig")
    empty = GroupFactory(country=CountryFactory(iso2="JP", iso3="JPN", numeric="392", name="Japon", slug="japon"),
                         slug="pays-sans-fiche")  # nothing in the Atlas: no répertoire
    page = client.get(empty.get_absolute_url()).content.decode()
    assert "Répertoire des partenariats" not in page and "Aucun document public pour ce groupe." in page
