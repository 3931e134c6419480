import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache(outside_test_transaction):
    """Cached pages and lists: every test starts with a clean slate (rate limits count in PostgreSQL rows).

    The cache is the test database's own cache table: it is cleared outside the test's transaction,
    whatever database fixtures the test uses (or none)."""
    outside_test_transaction(cache.clear)
    yield
    outside_test_transaction(cache.clear)
