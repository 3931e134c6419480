"""Picking a collectivity among the 37,000 of the registry: lookup, plain search, forms, admin, browser."""

import time

import pytest
from django.core.exceptions import ValidationError

from atlas.filters import CollectivityChoiceField, resolve_collectivity
from atlas.models import Collectivity
from atlas.queries import collectivity_lookup
from tests.conftest import assert_accessible

from .factories import make_project, partner


def names(text, **kwargs):
    return [c.name for c in collectivity_lookup(text, **kwargs)]


def test_lookup_finds_by_any_word_prefix_accents_ignored(registry_db):
    assert names("argent")[0] == "Argenteuil"
    assert "Saint-Étienne" in names("saint etienne")
    assert "Saint-Étienne" in names("ST ÉTIENNE")
    assert names("nimes metro") == ["CA de Nîmes Métropole"]
    assert "Val-d'Oise" in names("val d'oise")


def test_lookup_finds_by_cog_code_and_siren(registry_db):
    assert names("95018") == ["Argenteuil"]
    assert names("219500188") == ["Argenteuil"]


def test_lookup_needs_two_letters_and_filters_the_side(registry_db):
    assert names("a") == []
    assert names("argenteuil", french=False) == []


def test_lookup_uses_the_search_name_index_not_pg_trgm(registry_db):
    from django.db import connection

    sql, params = collectivity_lookup("saint j").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the plan the index allows, whatever the table size
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()[0] == 0
    assert "collectivity_search_name" in plan
    timings = []
    for text in ["ar", "saint", "saint j", "le", "la", "mont", "paris", "95", "cc du", "metropole", "sainte m"] * 3:
        started = time.perf_counter()
        list(collectivity_lookup(text))
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(f"collectivity lookup over {Collectivity.objects.count()} rows: p50 {timings[len(timings) // 2] * 1000:.0f} "
          f"ms, p95 {timings[int(len(timings) * 0.95)] * 1000:.0f} ms")


def test_json_endpoint_returns_labels_and_identifiers(client, registry_db):
    data = client.get("/atlas/collectivites/chercher/", {"q": "argenteuil", "cote": "fr", "format": "json"}).json()
    first = data["results"][0]
    assert first["slug"] == "argenteuil-95" and first["url"] == "/atlas/collectivites/argenteuil-95/"
    assert first["label"] == "Argenteuil — Commune, 95 (95018)"


def test_plain_search_page_works_without_javascript(client, registry_db):
    response = client.get("/atlas/collectivites/chercher/", {"q": "saint etienne"})
    text = response.content.decode()
    assert response.status_code == 200
    assert 'href="/atlas/collectivites/saint-etienne-42/"' in text
    assert "Aucune collectivité" in client.get("/atlas/collectivites/chercher/", {"q": "zzzzqx"}).content.decode()


def test_typed_value_resolves_by_identifier_code_siren_or_unique_name(registry_db):
    assert resolve_collectivity("argenteuil-95").siren == "219500188"
    assert resolve_collectivity("219500188").name == "Argenteuil"
    assert resolve_collectivity("95018").name == "Argenteuil"
    assert resolve_collectivity("nimes", french=True).code == "30189"  # accents ignored, one commune of that name


def test_ambiguous_name_lists_the_candidates_with_their_codes(registry_db):
    with pytest.raises(ValidationError) as error:
        resolve_collectivity("Saint-Denis", french=True)
    message = " ".join(error.value.messages)
    assert "Plusieurs collectivités" in message and "(93066)" in message and "(97411)" in message
    with pytest.raises(ValidationError, match="Aucune collectivité"):
        resolve_collectivity("Zzzqx-sur-Mer", french=True)


def test_choice_field_keeps_to_its_side(registry_db):
    field = CollectivityChoiceField(french=False)
    with pytest.raises(ValidationError):
        field.clean("argenteuil-95")
    assert CollectivityChoiceField(french=True).clean("95018").name == "Argenteuil"


def test_atlas_filter_accepts_a_code_or_a_name_without_accents(client, registry_db, reference):
    argenteuil = Collectivity.objects.get(siren="219500188")
    project = make_project([argenteuil], [partner("Saint-Louis", "SN")], title="Jumelage d'Argenteuil")
    for value in ("95018", "argenteuil-95", "ARGENTEUIL"):
        text = client.get("/atlas/", {"collectivity": value}).content.decode()
        assert project.title.replace("'", "&#x27;") in text, value
    response = client.get("/atlas/", {"collectivity": "Saint-Denis"})
    assert response.status_code == 400 and "Plusieurs collectivités" in response.content.decode()


def test_admin_autocomplete_searches_the_registry(client, registry_db, staff_user):
    client.force_login(staff_user)
    response = client.get("/admin/autocomplete/", {"app_label": "atlas", "model_name": "participation",
                                                   "field_name": "collectivity", "term": "argenteu"})
    assert response.status_code == 200
    assert "Argenteuil" in [r["text"] for r in response.json()["results"]]


@pytest.mark.browser
def test_picker_is_an_accessible_combobox_in_the_atlas_search(page, registry_db):
    # Last of the module: the live server's transactional test empties the tables when it ends.
    page.goto("/atlas/")
    page.get_by_text("Filtres avancés").click()
    field = page.get_by_role("combobox", name="Collectivité française")
    field.fill("argente")
    option = page.get_by_role("option", name="Argenteuil — Commune, 95 (95018)")
    option.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert_accessible(page)
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Argenteuil"
    assert page.locator("input[type=hidden][name=collectivity]").input_value() == "argenteuil-95"
    assert not page.js_errors
