import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    """Rate-limit counts live in the cache, keyed by account id: a rolled-back test's ids come back."""
    cache.clear()
    yield
    cache.clear()
