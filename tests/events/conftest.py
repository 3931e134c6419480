import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached pages and lists: every test starts with a clean slate (rate limits count in PostgreSQL rows)."""
    cache.clear()
    yield
    cache.clear()
