import pytest

from . import corpora


@pytest.fixture(scope="session")
def xss_payloads():
    return corpora.xss_payloads()


@pytest.fixture(scope="session")
def redirect_payloads():
    return corpora.redirect_payloads()
