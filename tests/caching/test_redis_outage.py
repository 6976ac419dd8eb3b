"""With Redis gone (nothing listens on its port), the site degrades instead of failing: pages render
from the database, members stay signed in through PostgreSQL, and responses can still be posted."""

import importlib
import socket

import pytest
from django.test import Client

import forum_site.settings.services as services
from tests.conftest import signed_in_client
from tests.moderation.helpers import post


def dead_port():
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The production cache settings, built from REDIS_URL as at start-up, pointing at a dead port."""
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{dead_port()}/7")
    caches = importlib.reload(services).CACHES
    monkeypatch.delenv("REDIS_URL")
    importlib.reload(services)
    assert caches["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    settings.CACHES = caches
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 300
    return caches


def test_the_cache_settings_ignore_and_log_redis_errors(redis_down):
    options = redis_down["default"]["OPTIONS"]
    assert options["IGNORE_EXCEPTIONS"] is True
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 1
    assert options["SOCKET_TIMEOUT"] <= 1


def test_pages_render_for_visitors_and_members_and_comments_post(redis_down, story, resident):
    visitor = Client()
    for url in ("/", "/stories/", story.url, "/boroughs/lambeth/", "/search/?q=jordan"):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert response.get("X-Page-Cache") != "hit", url
    member = signed_in_client(resident)  # the session is written to PostgreSQL
    page = member.get(story.url)
    assert page.status_code == 200
    assert page.context["request"].user == resident
    response = post(member, story, "Thinking of you all.", next=story.url)
    assert response.status_code == 302
    assert "Thinking of you all." in member.get(response["Location"]).content.decode()
