"""The official registry (36,000 collectivities) loaded once per test module, and removed after.

Loading takes a few seconds (COPY into a staging table, one INSERT): once per module rather than
once per test. Tests run in transactions on top of it, so they cannot change it for each other.
"""

import time

import pytest


@pytest.fixture(scope="module")
def registry_db(django_db_setup, django_db_blocker):
    from atlas.models import Collectivity, Continent, Country, Department, Region, SustainableDevelopmentGoal, Theme
    from atlas.reference import load_reference
    from atlas.registry import load_registry

    with django_db_blocker.unblock():
        fresh = not Country.objects.exists()  # tests/conftest.py loads the reference data once per database
        load_reference()
        started = time.perf_counter()
        counts = load_registry()
        counts["seconds"] = time.perf_counter() - started
    yield counts
    with django_db_blocker.unblock():
        from django.db import connection

        with connection.cursor() as cursor:  # 36,000 rows: one statement, not the ORM's cascade collector
            cursor.execute(f"DELETE FROM {Collectivity._meta.db_table} WHERE is_registry")
        if fresh:
            for model in (Department, Region, Country, Continent, Theme, SustainableDevelopmentGoal):
                model.objects.all().delete()
