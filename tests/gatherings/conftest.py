import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_rate_limits_carried_over():
    """Proposals are rate-limited in the cache, by member: a member of an earlier test (whose id a
    later one may be given again) must not use up this test's allowance."""
    cache.clear()
    yield
    cache.clear()
