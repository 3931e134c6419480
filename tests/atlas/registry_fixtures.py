"""The official registry (36,000 collectivities) loaded once per test module, and removed after.

Loading takes a few seconds (COPY into a staging table, one INSERT): once per module rather than
once per test. Tests run in transactions on top of it, so they cannot change it for each other.
The first module of a worker runs load_registry(); the rows it wrote are kept (binary COPY) and the
next modules get them back by COPY, when they start from the same empty table.
"""

import time

import pytest

_REGISTRY = {}  # "counts": what the first load_registry() returned, "dump": its rows


def _load_registry():
    from django.db import connection, transaction

    from atlas.models import Collectivity
    from atlas.registry import load_registry
    from tests.conftest import _copy_back, _dump, _renumber_data_versions

    table = Collectivity._meta.db_table
    if _REGISTRY and not Collectivity.objects.exists():
        with transaction.atomic(), connection.cursor() as cursor:
            _copy_back(connection, cursor, _REGISTRY["dump"])
            _renumber_data_versions(cursor)
            cursor.execute(f"ANALYZE {table}")
        return dict(_REGISTRY["counts"])
    empty = not Collectivity.objects.exists()
    counts = load_registry()
    if empty:
        with connection.cursor() as cursor:
            _REGISTRY.update(counts=dict(counts), dump=_dump(cursor, [table]))
    return counts


@pytest.fixture(scope="module")
def registry_module(django_db_setup, django_db_blocker):
    from atlas.models import Collectivity, Continent, Country, Department, Region, SustainableDevelopmentGoal, Theme
    from atlas.reference import load_reference
    with django_db_blocker.unblock():
        fresh = not Country.objects.exists()  # tests/conftest.py loads the reference data once per database
        load_reference()
        started = time.perf_counter()
        counts = _load_registry()
        counts["seconds"] = time.perf_counter() - started
    yield counts
    with django_db_blocker.unblock():
        from django.db import connection, transaction

        from tests.conftest import _renumber_data_versions, _without_triggers

        # 36,000 rows: one statement, not the ORM's cascade collector, and without a foreign-key check
        # per row (the tests' own rows were rolled back or flushed: nothing points to these any more).
        with transaction.atomic(), connection.cursor() as cursor, _without_triggers(cursor):
            cursor.execute(f"DELETE FROM {Collectivity._meta.db_table} WHERE is_registry")
            _renumber_data_versions(cursor)
        if fresh:
            for model in (Department, Region, Country, Continent, Theme, SustainableDevelopmentGoal):
                model.objects.all().delete()


@pytest.fixture
def registry_db(registry_module, django_db_blocker):
    """The module's registry, put back (a copy) when the flush that ends a transactional test of the
    module (a browser test) emptied it."""
    from atlas.models import Collectivity

    with django_db_blocker.unblock():
        if not Collectivity.objects.filter(is_registry=True).exists():
            _load_registry()
    return registry_module
