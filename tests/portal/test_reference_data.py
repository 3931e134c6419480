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
