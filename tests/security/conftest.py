import pytest
from django.core.cache import cache

from . import corpora


@pytest.fixture(scope="session")
def xss_payloads():
    return corpora.xss_payloads()


@pytest.fixture(scope="session")
def redirect_payloads():
    return corpora.redirect_payloads()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
