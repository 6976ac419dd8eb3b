import pytest
from django.core.cache import cache

from tests.factories import MemorialPageFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")
