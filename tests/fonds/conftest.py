import pytest


@pytest.fixture
def eapd_reference(reference):
    """Real geography plus the DAC list of ODA recipients, DAC sectors and published figures.

    Loaded once per test database with the geography (tests/conftest.py, django_db_setup)."""
