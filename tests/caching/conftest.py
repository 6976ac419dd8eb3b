import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import MemorialPageFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The test settings switch the page cache off for the rest of the suite."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")
