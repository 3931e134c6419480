"""The reference data is loaded once per test database and survives the flush of transactional tests."""

import csv

import pytest
from django.conf import settings
from django.core.management import call_command

from atlas.models import Continent, Country, Department, Region, SustainableDevelopmentGoal


def _csv_codes(name):
    with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle)}


def _assert_reference_complete():
    assert set(Department.objects.values_list("code", flat=True)) == _csv_codes("departements.csv")
    assert set(Region.objects.values_list("code", flat=True)) == _csv_codes("regions.csv")
    assert Department.objects.get(code="59").name == "Nord"
    assert Country.objects.get(iso2="SN").continent.code == "AF"
    assert Country.objects.count() >= 249  # every ISO 3166-1 country
    assert Continent.objects.count() == 7
    assert SustainableDevelopmentGoal.objects.count() == 17


def test_reference_data_is_in_the_test_database(reference):
    _assert_reference_complete()


@pytest.mark.django_db(transaction=True)
def test_reference_data_is_back_after_the_flush_that_ends_a_transactional_test():
    from fonds.models import DacSector, EligibleCountry

    eligible = EligibleCountry.objects.count()
    sectors = DacSector.objects.count()
    assert eligible and sectors
    # What TransactionTestCase does after each test (then the next test must find the same rows).
    call_command("flush", verbosity=0, interactive=False)
    _assert_reference_complete()
    assert EligibleCountry.objects.count() == eligible and DacSector.objects.count() == sectors
    # Sequences were moved past the restored keys: new rows do not collide with them.
    Continent.objects.create(code="ZZ", name="Test", slug="test")


@pytest.mark.django_db(transaction=True)
def test_reference_rows_a_test_changed_or_added_are_put_back_by_the_flush():
    senegal = Country.objects.get(iso2="SN")
    Country.objects.filter(pk=senegal.pk).update(name="Renommé par un test")
    Department.objects.filter(code="59").delete()
    added = Continent.objects.create(code="ZY", name="Ajouté par un test", slug="ajoute")
    call_command("flush", verbosity=0, interactive=False)
    assert Country.objects.get(pk=senegal.pk).name == senegal.name
    assert not Continent.objects.filter(pk=added.pk).exists()
    _assert_reference_complete()


@pytest.mark.django_db(transaction=True)
def test_rows_added_to_reference_tables_are_deleted_and_the_rest_kept():
    before = Continent.objects.count()
    added = Continent.objects.create(code="ZX", name="Ajouté", slug="ajoute-2")
    call_command("flush", verbosity=0, interactive=False)
    assert Continent.objects.count() == before and not Continent.objects.filter(code="ZX").exists()
    assert Continent.objects.create(code="ZX", name="Encore", slug="encore").pk > added.pk


def _table_counts():
    from django.apps import apps

    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if model._meta.label not in {"atlas.DataVersion", "cuf_portal.CacheEntry"}}


@pytest.mark.xdist_group("demo")  # on the demo tests' worker, where the first load is already done
@pytest.mark.django_db(transaction=True)
def test_the_demo_fixture_gives_back_every_row_of_every_table_as_load_demo_wrote_it(django_db_blocker):
    """The `demo` fixture runs load_demo once per worker, from the reference data alone (as after a flush),
    and copies its rows back afterwards. Right after that real load every table was fingerprinted (count
    and md5 of its rows, in key order): the copy must give each table back row for row, the registry's
    changes and the tables the dump might have missed included."""
    from django.db import connection

    from tests import conftest

    assert conftest._FINGERPRINTS, "the reference fingerprints of this worker are in tests.conftest"
    conftest.load_demo_content()  # the worker's first load (then dumped), or already a copy
    assert conftest._DEMO_DUMP and conftest.DEMO_AS_LOADED, "the first load was dumped for the next ones"
    assert conftest.DEMO_AS_LOADED["atlas_project"][0] > 0 and conftest.DEMO_AS_LOADED["events_edition"][0] > 0
    call_command("flush", verbosity=0, interactive=False)
    assert conftest.load_demo_content(), "a copy, from the reference data alone"
    copied = conftest.table_fingerprints(connection)
    assert {table for table in copied if copied[table] != conftest.DEMO_AS_LOADED[table]} == set()
    call_command("flush", verbosity=0, interactive=False)
    _assert_reference_complete()


def _end_of_transactional_test():
    """The flush TransactionTestCase runs after each test (no sequence reset)."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False,
                 inhibit_post_migrate=False)


@pytest.mark.django_db(transaction=True)
def test_a_kept_demo_left_as_it_was_survives_the_flush_and_what_the_test_added_is_gone(demo):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from tests import conftest

    assert conftest._DEMO_KEPT, "the demo is committed once and kept for the next tests that ask for it"
    counts = _table_counts()
    Session.objects.create(session_key="cle-de-test", session_data="", expire_date=timezone.now())
    _end_of_transactional_test()
    assert conftest._DEMO_KEPT and _table_counts() == counts
    _assert_reference_complete()


@pytest.mark.django_db(transaction=True)
def test_a_kept_demo_that_a_test_changed_is_flushed_and_the_next_test_gets_a_fresh_copy(demo):
    from atlas.models import Project
    from tests import conftest

    fiche = Project.objects.filter(is_published=True).order_by("pk").first()
    counts = _table_counts()
    Project.objects.filter(pk=fiche.pk).update(title="Changé par un test")
    _end_of_transactional_test()
    assert not conftest._DEMO_KEPT and not Project.objects.exists()
    conftest._commit_demo()  # what the `demo` fixture of the next test does
    assert Project.objects.get(pk=fiche.pk).title == fiche.title and _table_counts() == counts
    assert conftest._DEMO_KEPT


@pytest.mark.django_db(transaction=True)
def test_before_a_test_that_does_not_ask_for_the_demo_a_kept_demo_is_deleted(demo, request):
    from types import SimpleNamespace

    from atlas.models import Project
    from events.models import Edition
    from tests import conftest

    assert conftest._DEMO_KEPT and Project.objects.exists()
    conftest.pytest_runtest_setup(SimpleNamespace(fixturenames=["db"], config=request.config))
    assert not conftest._DEMO_KEPT and not Project.objects.exists() and not Edition.objects.exists()
    _assert_reference_complete()


def test_reloading_the_reference_repairs_what_differs_and_writes_nothing_when_unchanged(reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from atlas.reference import load_reference

    nord = Department.objects.get(code="59")
    Department.objects.filter(pk=nord.pk).update(name="Renommé", region=Region.objects.get(code="11"))
    Country.objects.filter(iso2="SN").update(continent=Continent.objects.get(code="EU"), latitude=None)
    SustainableDevelopmentGoal.objects.filter(number=6).delete()
    assert load_reference() >= 249
    nord.refresh_from_db()
    assert (nord.name, nord.region.code) == ("Nord", "32")
    senegal = Country.objects.get(iso2="SN")
    assert senegal.continent.code == "AF" and 12 < senegal.latitude < 17
    assert SustainableDevelopmentGoal.objects.get(number=6).title == "Eau propre et assainissement"
    with CaptureQueriesContext(connection) as reload:
        load_reference()
    writes = [q["sql"][:60] for q in reload.captured_queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
              and "cuf_cache" not in q["sql"]]
    assert writes == [] and len(reload.captured_queries) < 20  # a reload of unchanged data only reads
    _assert_reference_complete()


def test_the_migrated_template_kept_between_runs_is_renamed_by_any_change_to_what_shaped_it(tmp_path, settings):
    """Test databases are copied from a template of an earlier run (tests/conftest.py) only while its name,
    a digest of the migration files, the reference data's loaders and files and the installed packages,
    is unchanged: an edited migration or reference file must call for another template."""
    from tests.conftest import TEMPLATE_PREFIX, _template_name

    inputs = ["atlas/migrations/0001_initial.py", "events/migrations/0001_initial.py", "fixtures/regions.csv",
              "fixtures/fonds/" + sorted(p.name for p in (settings.BASE_DIR / "fixtures" / "fonds").iterdir())[0],
              "atlas/reference.py", "fonds/reference.py"]
    for relative in [*inputs, "README.md", "atlas/views.py"]:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes((settings.BASE_DIR / relative).read_bytes())
    settings.BASE_DIR = tmp_path
    names = [_template_name()]
    assert names[0].startswith(TEMPLATE_PREFIX) and len(names[0]) < 64  # PostgreSQL's limit for a name
    for relative in ("README.md", "atlas/views.py"):  # not an input: same template
        (tmp_path / relative).write_text("autre contenu")
        assert _template_name() == names[0]
    for relative in inputs:
        with open(tmp_path / relative, "a", encoding="utf-8") as handle:
            handle.write("\n")
        names.append(_template_name())
    (tmp_path / "atlas/migrations/0099_new.py").write_text("# a migration added\n")
    names.append(_template_name())
    assert len(set(names)) == len(names), names
