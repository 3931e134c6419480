import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache(outside_test_transaction):
    """The database cache (the figures under their data version, the demo notice's entry) starts empty:
    a row committed by an earlier test or process, fresh or expired, would change the number of
    queries a page makes (an expired row costs a DELETE). Cleared before the test only: at teardown the
    test's transaction may still be open and broken (a test that expects an IntegrityError)."""
    outside_test_transaction(cache.clear)


@pytest.fixture
def eapd_reference(reference):
    """Real geography plus the DAC list of ODA recipients, DAC sectors and published figures.

    Loaded once per test database with the geography (tests/conftest.py, django_db_setup)."""
