import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """The rate limit counts in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()
