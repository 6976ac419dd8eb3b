import pytest
from django.core.cache import cache


@pytest.fixture
def page_cache_on(settings):
    """The anonymous page cache on, and empty before and after."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
