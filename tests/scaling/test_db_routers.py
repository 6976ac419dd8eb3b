"""Which database each read goes to (forum_site/db_routers.py), without a replica: decisions only.

`replica_configured` is made true and the router's answers recorded; the queries themselves still
run on `default`, so these tests need no second server (tests/scaling/test_replica_e2e.py has one).
"""

import pytest
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test import Client

from forum_site import db_routers
from forum_site.db_routers import REPLICA, STICKY_COOKIE, ReplicaRouter, may_read_replica
from tests.factories import UserFactory

router = ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    """A replica 'configured'; every read decision recorded, then run on default all the same."""
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    decisions = []
    decide = ReplicaRouter.db_for_read

    def recording(self, model, **hints):
        decisions.append(decide(self, model, **hints))
        return DEFAULT_DB_ALIAS

    monkeypatch.setattr(ReplicaRouter, "db_for_read", recording)
    return decisions


@pytest.mark.parametrize(
    "path", ["/", "/search/", "/stories/", "/boroughs/", "/boroughs/hackney/", "/stories/feed/", "/sitemap.xml"]
)
def test_listings_and_search_may_read_the_replica(monkeypatch, path):
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    assert may_read_replica("GET", path, {})
    assert may_read_replica("HEAD", path, {})


@pytest.mark.parametrize(
    "path",
    [
        "/stories/a-memorial/",  # a story: a member's own response and every decision show at once
        "/boroughs/hackney/a-discussion/",
        "/admin/",
        "/admin/inbox/",
        "/comments/post/",
        "/me/stories/",
        "/accounts/login/",
        "/report/comment/1/",
    ],
)
def test_stories_threads_admin_moderation_and_own_pages_read_the_primary(monkeypatch, path):
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    assert not may_read_replica("GET", path, {})


def test_a_write_method_or_a_recent_write_reads_the_primary(monkeypatch):
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    assert not may_read_replica("POST", "/search/", {})
    assert not may_read_replica("GET", "/search/", {STICKY_COOKIE: "1"})


def test_without_a_replica_nothing_may_read_one():
    assert not db_routers.replica_configured()
    assert not may_read_replica("GET", "/", {})


def test_router_sends_reads_to_the_replica_until_the_request_writes():
    token = db_routers._current.set(db_routers._Request(replica=True))
    try:
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) == DEFAULT_DB_ALIAS
        assert router.db_for_read(None) == DEFAULT_DB_ALIAS  # after a write: read what was written
    finally:
        db_routers._current.reset(token)


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_on_the_primary_stay_there():
    token = db_routers._current.set(db_routers._Request(replica=True))
    try:
        with transaction.atomic():
            assert router.db_for_read(None) == DEFAULT_DB_ALIAS
        assert router.db_for_read(None) == REPLICA
    finally:
        db_routers._current.reset(token)


def test_outside_a_request_and_for_primary_requests_everything_is_default():
    assert router.db_for_read(None) == DEFAULT_DB_ALIAS  # task workers, management commands
    token = db_routers._current.set(db_routers._Request(replica=False))
    try:
        assert router.db_for_read(None) == DEFAULT_DB_ALIAS
    finally:
        db_routers._current.reset(token)


def test_writes_and_migrations_only_on_default():
    assert router.db_for_write(None) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "comments")
    assert not router.allow_migrate(REPLICA, "comments")


@pytest.mark.django_db
def test_a_listing_reads_the_replica_and_a_members_own_page_the_primary(tree, resident_client, with_replica):
    assert resident_client.get("/boroughs/").status_code == 200
    assert with_replica and set(with_replica) == {REPLICA}
    with_replica.clear()
    assert resident_client.get("/me/stories/").status_code == 200
    assert with_replica and set(with_replica) == {DEFAULT_DB_ALIAS}


@pytest.mark.django_db
def test_after_a_post_this_browser_reads_the_primary_on_any_server(tree, with_replica, settings):
    settings.REPLICA_STICKY_SECONDS = 7
    member = UserFactory()
    client = Client()
    client.force_login(member)
    response = client.post("/follow/", {})
    cookie = response.cookies[STICKY_COOKIE]
    assert cookie["max-age"] == 7 and cookie["httponly"]
    with_replica.clear()
    assert client.get("/boroughs/").status_code == 200  # the client sends the cookie back
    assert with_replica and set(with_replica) == {DEFAULT_DB_ALIAS}
    # Another server, the same browser: the cookie alone decides; without it, the replica again.
    client.cookies.pop(STICKY_COOKIE)
    with_replica.clear()
    client.get("/boroughs/")
    assert REPLICA in with_replica


@pytest.mark.django_db
def test_a_get_that_writes_sends_its_later_reads_to_the_primary_and_marks_the_browser(tree, with_replica):
    from django.http import HttpResponse

    from forum_site.db_routers import ReadRoutingMiddleware

    def view(request):
        from django.contrib.auth.models import Group

        list(Group.objects.all())
        Group.objects.create(name="written in a GET")
        list(Group.objects.all())
        return HttpResponse("ok")

    request = type("R", (), {"method": "GET", "path_info": "/boroughs/", "COOKIES": {}})()
    response = ReadRoutingMiddleware(view)(request)
    assert with_replica == [REPLICA, DEFAULT_DB_ALIAS]
    assert STICKY_COOKIE in response.cookies


@pytest.mark.django_db
def test_without_a_replica_no_cookie_is_set(tree, resident_client):
    response = resident_client.post("/follow/", {})
    assert STICKY_COOKIE not in response.cookies
