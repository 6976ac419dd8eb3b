"""The one rate limiter (core/ratelimit.py): a sliding window, and limits that hold while Redis is away.

The clock is `core.ratelimit.clock`, moved by the tests. "Redis is away" is the production cache
settings, built from REDIS_URL as at start-up, pointing at a port nobody listens on (as in
tests/caching/test_redis_outage.py).
"""

import importlib
import logging
import random
import re
import socket
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django_comments_xtd.models import XtdComment

import forum_site.settings.services as services
from core import ratelimit
from core.ratelimit import Limit, Rate
from moderation.models import CommentFlagReport
from stories.models import Candle
from tests.conftest import signed_in_client
from tests.factories import PASSWORD, MemorialPageFactory, UserFactory
from tests.moderation.helpers import make_comment, post, trust

LOGIN = "/accounts/login/"
TOO_MANY_SIGN_INS = "Too many failed login attempts. Try again later."
# A whole minute, as 1_800_000_000 is: the turn of a fixed one-minute window.
MINUTE_TURNS = 1_800_000_000.0


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    ratelimit.forget()
    yield
    cache.clear()
    ratelimit.forget()


@pytest.fixture
def now(monkeypatch):
    """The limiter's clock: `now[0]` is the time it reads."""
    moment = [MINUTE_TURNS]
    monkeypatch.setattr("core.ratelimit.clock", lambda: moment[0])
    return moment


def dead_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_caches(monkeypatch, redis_url):
    monkeypatch.setenv("REDIS_URL", redis_url)
    caches_setting = importlib.reload(services).CACHES
    monkeypatch.delenv("REDIS_URL")
    importlib.reload(services)
    assert caches_setting["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert caches_setting["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    return caches_setting


@pytest.fixture
def redis_down(settings, monkeypatch):
    """Production's cache and sessions, with Redis unreachable."""
    settings.CACHES = production_caches(monkeypatch, f"redis://127.0.0.1:{dead_port()}/7")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return settings.CACHES


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")


FIVE_A_MINUTE = Limit("test", lambda: [Rate(5, 60, "minute")])


# --- A sliding window ------------------------------------------------------------------------


def test_a_burst_across_the_turn_of_a_minute_is_refused(now, db):
    now[0] = MINUTE_TURNS - 1  # the last second of a fixed minute
    for _ in range(5):
        assert FIVE_A_MINUTE.exceeded("member") is None
        FIVE_A_MINUTE.record("member")
    assert FIVE_A_MINUTE.exceeded("member") == Rate(5, 60, "minute")
    now[0] = MINUTE_TURNS + 1  # a new fixed minute: a fixed window would take five more here
    assert FIVE_A_MINUTE.exceeded("member") is not None
    now[0] = MINUTE_TURNS + 58.9
    assert FIVE_A_MINUTE.exceeded("member") is not None
    now[0] = MINUTE_TURNS + 59  # a minute after the five: they no longer count
    assert FIVE_A_MINUTE.exceeded("member") is None
    assert FIVE_A_MINUTE.exceeded("someone-else") is None


def test_no_window_length_of_time_ever_holds_more_than_the_limit(now, db):
    limit = Limit("test", lambda: [Rate(3, 10), Rate(5, 60)])
    accepted = []
    moments = random.Random(15)
    now[0] = 1_000_000.0
    for _ in range(400):
        now[0] += moments.choice([0, 0.5, 1, 2, 3, 7, 11])
        if limit.exceeded("member") is None:
            limit.record("member")
            accepted.append(now[0])
    assert len(accepted) > 40  # the limit lets people through, too
    for start in accepted:
        assert sum(1 for t in accepted if start <= t < start + 10) <= 3
        assert sum(1 for t in accepted if start <= t < start + 60) <= 5


def test_comments_posted_across_the_turn_of_a_minute_are_refused_with_the_text_kept(
    now, settings, story, resident, resident_client
):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = 2
    trust(resident, story)
    now[0] = MINUTE_TURNS - 2
    assert post(resident_client, story, "one").status_code == 302
    assert post(resident_client, story, "two").status_code == 302
    now[0] = MINUTE_TURNS + 1  # a new fixed minute, but only three seconds later
    response = post(resident_client, story, "three, kept")
    assert response.status_code == 429
    assert "wait a minute" in response.content.decode()
    assert "three, kept</textarea>" in response.content.decode()
    now[0] = MINUTE_TURNS + 58
    assert post(resident_client, story, "three, later").status_code == 302
    assert list(XtdComment.objects.filter(user=resident).values_list("comment", flat=True))[-3:] == [
        "one",
        "two",
        "three, later",
    ]


# --- Reports (a limit of their own) ----------------------------------------------------------


def report(client, comment, detail="It is unkind."):
    return client.post(f"/comments/{comment.pk}/report/", {"reason": "other", "detail": detail})


def test_reports_are_limited_kindly_and_keep_what_was_written(now, settings, story, resident, other_resident):
    settings.REPORT_RATE_LIMIT = 2
    settings.REPORT_RATE_LIMIT_WINDOW_SECONDS = 3600
    comments = [make_comment(story, resident, f"Comment {i}") for i in range(3)]
    client = signed_in_client(other_resident)
    assert report(client, comments[0]).status_code == 302
    assert report(client, comments[0]).status_code == 302  # already reported: not counted again
    assert report(client, comments[1]).status_code == 302
    response = report(client, comments[2], detail="Words I took care over")
    assert response.status_code == 429
    html = response.content.decode()
    assert "a lot of reports in a short while" in html
    assert "Words I took care over</textarea>" in html
    assert re.search(r'value="other"[^>]* checked>', html)  # the reason chosen, still chosen
    assert CommentFlagReport.objects.filter(user=other_resident).count() == 2
    assert report(signed_in_client(UserFactory()), comments[2]).status_code == 302  # others are not affected
    now[0] += 3600
    assert report(client, comments[2]).status_code == 302
    assert CommentFlagReport.objects.filter(user=other_resident).count() == 3


# --- Redis cannot be reached -----------------------------------------------------------------


def test_comments_are_still_limited_while_redis_is_away(redis_down, settings, now, story, resident):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = 2
    trust(resident, story)
    client = signed_in_client(resident)
    assert post(client, story, "one").status_code == 302
    assert post(client, story, "two").status_code == 302
    response = post(client, story, "three, kept")
    assert response.status_code == 429
    assert "three, kept</textarea>" in response.content.decode()
    assert not XtdComment.objects.filter(comment="three, kept").exists()


def test_new_discussions_are_still_limited_while_redis_is_away(redis_down, settings, now, resident):
    settings.COMMENT_RATE_LIMIT_PER_DAY = 1
    client = signed_in_client(resident)
    data = {"title": "Coping at Christmas", "body": "How do you all manage the day?"}
    assert client.post("/boroughs/lambeth/start-a-discussion/", data).status_code == 302
    response = client.post("/boroughs/lambeth/start-a-discussion/", {**data, "title": "A second one"})
    assert response.status_code == 429
    assert "reached today" in response.content.decode()
    assert 'value="A second one"' in response.content.decode()


def test_candles_are_still_limited_while_redis_is_away(redis_down, settings, now, resident, tree):
    settings.CANDLE_RATE_LIMIT = 1
    memorial = MemorialPageFactory(title="Jo Example")
    client = signed_in_client(resident)
    client.post(f"/memorials/{memorial.pk}/candle/light/")
    response = client.post(f"/memorials/{memorial.pk}/candle/put-out/", follow=True)
    assert response.status_code == 200
    assert "many times in a short while" in response.content.decode()
    assert Candle.objects.filter(user=resident).exists()


def test_password_guessing_is_still_refused_while_redis_is_away(redis_down, resident, other_resident):
    """allauth's limits are kept in the cache too: they must neither fail open nor lock everyone out."""
    assert Client().post(LOGIN, {"login": other_resident.email, "password": PASSWORD}).status_code == 302
    guesser = Client()
    for _ in range(5):
        response = guesser.post(LOGIN, {"login": resident.email, "password": "wrong-password"})
        assert response.status_code == 200 and TOO_MANY_SIGN_INS not in response.content.decode()
    response = guesser.post(LOGIN, {"login": resident.email, "password": PASSWORD})
    assert TOO_MANY_SIGN_INS in response.content.decode()
    assert "_auth_user_id" not in guesser.session
    # Someone else still signs in.
    assert Client().post(LOGIN, {"login": other_resident.email, "password": PASSWORD}).status_code == 302


def test_the_change_to_memory_is_logged_once_and_is_no_error(redis_down, caplog, now, db):
    caplog.set_level(logging.WARNING, logger="core.ratelimit")
    for _ in range(5):
        FIVE_A_MINUTE.record("member")
    assert FIVE_A_MINUTE.exceeded("member") is not None
    messages = [r.getMessage() for r in caplog.records if r.name == "core.ratelimit"]
    assert messages == ["Redis cannot be reached: rate limits are counted in this process's memory until it is back."]


def test_other_keys_still_fail_as_before_while_redis_is_away(redis_down, db):
    cache.set("page:something", "a copy", 60)
    assert cache.get("page:something") is None  # a miss, not a copy kept in memory
    cache.set("ratelimit:test:member", [1.0], 60)
    assert cache.get("ratelimit:test:member") == [1.0]


def test_redis_is_asked_again_after_a_while_and_the_return_is_logged(monkeypatch, caplog):
    from django_redis.exceptions import ConnectionInterrupted

    caplog.set_level(logging.WARNING, logger="core.ratelimit")
    memory = ratelimit._Memory()
    calls = []

    def away():
        calls.append("redis")
        raise ConnectionInterrupted(connection=None)

    assert memory.run(away, lambda store: "memory") == "memory"
    assert memory.run(away, lambda store: "memory") == "memory"
    assert calls == ["redis"]  # not asked again at once: no half-second wait on every request
    monkeypatch.setattr(ratelimit, "RETRY_SECONDS", 0)
    memory.retry_at = 0
    assert memory.run(away, lambda store: "memory") == "memory"
    assert memory.run(lambda: "redis", lambda store: "memory") == "redis"
    assert [r.getMessage() for r in caplog.records] == [
        "Redis cannot be reached: rate limits are counted in this process's memory until it is back.",
        "Redis is back: rate limits are counted there again.",
    ]


# --- With Redis there (a real one, when this machine has it) ----------------------------------


def redis_is_listening():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.2):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_listening(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_the_counts_are_shared_and_nothing_is_kept_in_memory(settings, monkeypatch, now, db):
    caches_setting = production_caches(monkeypatch, "redis://127.0.0.1:6379/7")
    caches_setting["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"  # nobody else's keys
    settings.CACHES = caches_setting
    try:
        for _ in range(5):
            FIVE_A_MINUTE.record("member")
        # Another process (another connection) sees the same five.
        other = type(caches["default"])(caches_setting["default"]["LOCATION"], caches_setting["default"])
        assert len(other.get(FIVE_A_MINUTE.key("member"))) == 5
        assert FIVE_A_MINUTE.exceeded("member") is not None
        assert ratelimit.memory.store.get(FIVE_A_MINUTE.key("member")) is None
        assert ratelimit.memory.down is False
    finally:
        FIVE_A_MINUTE.clear("member")


def test_reports_are_still_limited_while_redis_is_away(redis_down, settings, now, story, resident, other_resident):
    settings.REPORT_RATE_LIMIT = 1
    settings.REPORT_RATE_LIMIT_WINDOW_SECONDS = 3600
    comments = [make_comment(story, resident, f"Comment {i}") for i in range(2)]
    client = signed_in_client(other_resident)
    assert report(client, comments[0]).status_code == 302
    response = report(client, comments[1], detail="Still kept")
    assert response.status_code == 429 and "Still kept</textarea>" in response.content.decode()
    assert CommentFlagReport.objects.filter(user=other_resident).count() == 1


def test_signed_out_reports_are_still_limited_while_redis_is_away(redis_down, settings, now, story):
    settings.REPORT_RATE_LIMIT = settings.SAFETY_NETWORK_RATE_LIMIT = 1
    from safety.models import Report

    url = f"/report/stories.memorialpage/{story.pk}/"
    assert Client().post(url, {"category": "other", "detail": "One.", "email": ""}).status_code == 302
    response = Client().post(url, {"category": "other", "detail": "Two, kept.", "email": ""})
    assert response.status_code == 429 and "Two, kept." in response.content.decode()
    assert Report.objects.count() == 1
