"""The official registry of French collectivities (fixtures/registry/, from @etalab/decoupage-administratif)."""

import json
import time

import pytest
from django.core.management import call_command

from atlas.models import Collectivity, Participation
from atlas.registry import adopt_registry, load_registry, read_fixture
from tests.factories import CollectivityFactory, CollectivityMemberFactory

from .factories import make_project, partner

K = Collectivity.Kind


def test_registry_has_every_french_collectivity_of_the_cog(registry_db):
    french = Collectivity.objects.filter(is_registry=True, is_french=True)
    counts = {kind: french.filter(kind=kind).count() for kind in K.values}
    # 13 metropolitan régions + Guadeloupe, La Réunion; Corse, Martinique, Guyane, Mayotte are
    # collectivités à statut particulier, with the Métropole de Lyon and the six COM.
    assert counts["region"] == 14
    assert counts["collectivite_unique"] == 11
    assert set(french.filter(kind=K.COLLECTIVITE_UNIQUE).values_list("name", flat=True)) >= {
        "Corse", "Martinique", "Guyane", "Mayotte", "Métropole de Lyon", "Polynésie française"}
    assert counts["departement"] == 95
    assert 34_900 < counts["commune"] < 35_100
    assert 1_200 < counts["epci"] < 1_300
    assert counts["ept"] == 11
    print(f"first load of the registry: {registry_db['seconds']:.1f} s")
    assert french.filter(kind=K.COMMUNE).exclude(department__isnull=False).count() < 100  # overseas COM only


def test_argenteuil_is_in_val_d_oise_with_its_siren_population_and_epci(registry_db):
    argenteuil = Collectivity.objects.select_related("department__region", "epci").get(siren="219500188")
    assert argenteuil.name == "Argenteuil"
    assert argenteuil.code == "95018"
    assert argenteuil.kind == K.COMMUNE
    assert argenteuil.department.code == "95" and argenteuil.region.name == "Île-de-France"
    assert argenteuil.population > 100_000
    assert argenteuil.epci.name == "Métropole du Grand Paris"
    assert not argenteuil.position_approximate
    assert argenteuil.latitude == pytest.approx(48.95, abs=0.05)


def test_names_follow_the_registry_spelling_and_every_commune_of_an_epci_points_to_it(registry_db):
    nimes = Collectivity.objects.get(siren="243000643")
    assert nimes.name == "CA de Nîmes Métropole" and nimes.kind == K.EPCI and nimes.department.code == "30"
    assert nimes.communes.filter(name="Nîmes", code="30189").exists()
    assert Collectivity.objects.filter(kind=K.COMMUNE, name="L'Abergement-Clémenciat", code="01001").exists()


def test_reloading_is_idempotent_and_keeps_what_staff_entered(registry_db):
    lille = Collectivity.objects.get(kind=K.COMMUNE, code="59350")
    Collectivity.objects.filter(pk=lille.pk).update(is_cuf_member=True, website="https://www.lille.fr")
    total = Collectivity.objects.count()
    started = time.perf_counter()
    counts = load_registry()
    elapsed = time.perf_counter() - started
    assert counts["created"] == 0
    assert Collectivity.objects.count() == total
    lille.refresh_from_db()
    assert lille.is_cuf_member and lille.website == "https://www.lille.fr" and lille.slug == "lille-59"
    print(f"reload of the registry: {elapsed:.1f} s")


def test_fixture_rows_name_their_source_in_the_readme():
    from atlas.registry import FIXTURE_DIR

    readme = (FIXTURE_DIR / "README.md").read_text(encoding="utf-8")
    assert "@etalab/decoupage-administratif" in readme and "Licence Ouverte" in readme and "CC BY 4.0" in readme
    rows = read_fixture()
    assert len({row.key for row in rows}) == len(rows)  # one key per collectivity


def _package(tmp_path):
    """A miniature package with the real layout of @etalab/decoupage-administratif."""
    data = tmp_path / "package" / "data"
    data.mkdir(parents=True)
    (tmp_path / "package" / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    files = {
        "regions": [{"code": "11", "nom": "Île-de-France", "chefLieu": "75056"}],
        "departements": [{"code": "95", "region": "11", "chefLieu": "95500", "nom": "Val-d'Oise"},
                         {"code": "75", "region": "11", "chefLieu": "75056", "nom": "Paris"}],
        "communes": [
            {"code": "95018", "nom": "Argenteuil", "departement": "95", "region": "11", "type": "commune-actuelle",
             "siren": "219500188", "population": 106130},
            {"code": "95500", "nom": "Pontoise", "departement": "95", "region": "11", "type": "commune-actuelle",
             "siren": "219505005", "population": 32000},
            {"code": "95999", "nom": "Village-Sans-Lieu", "departement": "95", "region": "11",
             "type": "commune-actuelle", "siren": "219599990", "population": 12},
            {"code": "95001", "nom": "Ancienne", "departement": "95", "region": "11", "type": "commune-deleguee"},
            {"code": "75056", "nom": "Paris", "departement": "75", "region": "11", "type": "commune-actuelle",
             "siren": "217500016", "population": 2100000}],
        "epci": [{"code": "200054781", "nom": "Métropole du Grand Paris", "type": "METRO",
                  "populationMunicipale": 7000000,
                  "membres": [{"code": "75056"}, {"code": "95018"}]},
                 {"code": "200035970", "nom": "CA de Cergy-Pontoise", "type": "CA", "populationMunicipale": 32012,
                  "membres": [{"code": "95500"}, {"code": "95999"}]}],
        "ept": [],
        "arrondissements": [],
    }
    for name, rows in files.items():
        (data / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return tmp_path / "package"


def test_build_registry_rebuilds_the_fixture_from_a_package(tmp_path):
    out = tmp_path / "out"
    call_command("build_registry", package=str(_package(tmp_path)), output=str(out))
    rows = {row.key: row for row in read_fixture(out / "collectivites-francaises.csv.gz")}
    assert "9.9.9" in (out / "README.md").read_text(encoding="utf-8")
    # Communes déléguées are not collectivities; Paris has no separate département.
    assert "departement:75" not in rows and not any(r.name == "Ancienne" for r in rows.values())
    argenteuil = rows["219500188"]
    assert (argenteuil.department, argenteuil.region, argenteuil.epci) == ("95", "11", "200054781")
    assert not argenteuil.approximate
    # A village the gazetteer does not know sits at its EPCI's seat, flagged approximate.
    village, cergy = rows["219599990"], rows["200035970"]
    assert cergy.seat == "95500" and not cergy.approximate
    assert village.approximate and (village.latitude, village.longitude) == (cergy.latitude, cergy.longitude)
    assert rows["departement:95"].seat == "95500"


# ---- Pages -------------------------------------------------------------------------------------

def test_siren_link_redirects_to_the_collectivity_page(client, registry_db):
    response = client.get("/atlas/collectivites/siren/219500188/")
    assert response.status_code == 301
    assert response["Location"] == "/atlas/collectivites/argenteuil-95/"
    page = client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert "Argenteuil" in text and "Val-d&#x27;Oise" in text and "219500188" in text
    assert "Aucune action recensée" in text


def test_unknown_siren_is_a_404(client, registry_db):
    assert client.get("/atlas/collectivites/siren/999999999/").status_code == 404
    assert client.get("/atlas/collectivites/siren/abc/").status_code == 404


def test_approximate_position_is_said_on_the_page(client, registry_db):
    village = Collectivity.objects.filter(kind=K.COMMUNE, position_approximate=True).first()
    text = client.get(village.get_absolute_url()).content.decode()
    assert "Position approximative" in text


# ---- Existing records onto the registry ----------------------------------------------------------

def test_adopt_registry_moves_fiches_accounts_and_links_without_loss(registry_db, reference):
    from atlas.models import Country, Department

    france = Country.objects.get(iso2="FR")
    old_lille = CollectivityFactory(name="Lille", slug="lille", country=france,
                                    department=Department.objects.get(code="59"), is_cuf_member=True)
    old_nimes = CollectivityFactory(name="Nîmes Métropole", slug="nimes-metropole", kind=K.EPCI, country=france,
                                    department=Department.objects.get(code="30"), latitude=43.8367,
                                    longitude=4.3601)
    by_siren = CollectivityFactory(name="Lyon", slug="lyon", code="216901231", country=france)
    generated = CollectivityFactory(name="Argenteuil", slug="argenteuil", country=france, is_generated=True,
                                    department=Department.objects.get(code="92"))
    abroad = partner("Saint-Louis", "SN")
    project = make_project([old_lille, old_nimes, generated], [abroad], title="Eau à Saint-Louis")
    member = CollectivityMemberFactory(collectivity=old_nimes)

    result = adopt_registry()

    assert result["merged"] == 4 and not result["conflicts"], result
    lille = Collectivity.objects.get(kind=K.COMMUNE, code="59350")
    nimes = Collectivity.objects.get(siren="243000643")
    assert lille.slug == "lille" and lille.is_cuf_member and len(lille.siren) == 9
    assert nimes.slug == "nimes-metropole" and nimes.name == "CA de Nîmes Métropole"
    assert Collectivity.objects.get(slug="lyon").siren == "216901231"
    argenteuil = Collectivity.objects.get(siren="219500188")
    assert argenteuil.department.code == "95" and not argenteuil.is_generated
    assert set(Participation.objects.filter(project=project).values_list("collectivity_id", flat=True)) == {
        lille.pk, nimes.pk, argenteuil.pk, abroad.pk}
    assert Participation.objects.get(project=project, is_lead=True).collectivity == lille
    member.refresh_from_db()
    assert member.collectivity == nimes
    assert not Collectivity.objects.filter(pk__in=[old_lille.pk, old_nimes.pk, by_siren.pk, generated.pk]).exists()
    assert adopt_registry()["merged"] == 0  # idempotent


def test_adopt_registry_leaves_unmatched_records_alone(registry_db, reference):
    from atlas.models import Country

    sde = CollectivityFactory(name="Syndicat départemental d'énergie des Côtes-d'Armor", kind=K.SYNDICAT,
                              country=Country.objects.get(iso2="FR"))
    result = adopt_registry()
    assert str(sde) in result["unmatched"]
    assert Collectivity.objects.filter(pk=sde.pk).exists()
