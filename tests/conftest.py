"""Shared fixtures: the real page tree, one member per role, and a client signed in as each."""

import pytest
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from home.site_tree import build_site_tree

from .factories import FamilyFactory, ModeratorFactory, UserFactory


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test, put back what the migrations made (the page tree's root, the
    boroughs, content types, groups): Django ends such a test by emptying every table.

    Serially, pytest-django runs transactional tests after the others, as Django does; on
    several workers (CI's PostgreSQL pass) a worker can be given a file of ordinary tests after
    one. No restore is needed before another transactional test (it sets up its own data) or
    after the last test (the test database is gone by then: xdist's workers also hold one test
    back, so `nextitem` is None only for the last).
    """
    yield
    if not _is_transactional(item) or nextitem is None or _is_transactional(nextitem):
        return
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(autouse=True)
def _forget_what_workers_remember():
    """A test's rolled-back rows must not live on in the cache Wagtail keeps the sites' root paths in:
    a test that changed a Site rolls the row back but not that copy, and the page tree outlives
    each test (`django_db_setup`)."""
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _no_limits_used():
    """Every test starts with no rate limit used (core/ratelimit.py: ours and allauth's are counted
    in the default cache, and in memory while Redis is away), whatever ran before it."""
    from django.core.cache import cache

    from core import ratelimit

    cache.clear()
    ratelimit.forget()
    yield
    cache.clear()
    ratelimit.forget()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a throwaway folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _test_wrapper_depth(connection):
    """How many of the open atomic blocks are the test's own (pytest-django wraps each db test in them)."""
    return sum(1 for block in connection.atomic_blocks if block._from_testcase)


@pytest.fixture(autouse=True)
def _commit_hooks_run_as_on_a_real_commit(monkeypatch):
    """`transaction.on_commit` callbacks run when the code's own outermost atomic block ends.

    A test wrapped in a transaction never commits, so Django would never run them (and mail sent
    "after commit" would never be seen). Here they run at the moment the code under test would
    have committed, and not at all when its block rolls back: as in production. Transactional
    tests (no wrapper) are left to Django.
    """
    original_exit = transaction.Atomic.__exit__
    original_on_commit = BaseDatabaseWrapper.on_commit

    def exit_then_run_hooks(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        depth = _test_wrapper_depth(connection)
        if (
            exc_type is None
            and not self._from_testcase
            and depth
            and len(connection.atomic_blocks) == depth
            and not connection.needs_rollback
            and connection.run_on_commit
        ):
            hooks, connection.run_on_commit = connection.run_on_commit, []
            for _sids, func, robust in hooks:
                original_on_commit(_AutocommitView(connection), func, robust=robust)
        return result

    def on_commit(self, func, robust=False):
        depth = _test_wrapper_depth(self)
        if depth and len(self.atomic_blocks) == depth:
            # Outside any block of the code's own: in production this is autocommit, so it runs now.
            return original_on_commit(_AutocommitView(self), func, robust=robust)
        return original_on_commit(self, func, robust=robust)

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_then_run_hooks)
    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)


class _AutocommitView:
    """The connection as Django's on_commit sees it outside a transaction: run the callback now."""

    in_atomic_block = False

    def __init__(self, connection):
        self._connection = connection

    def get_autocommit(self):
        return True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database gets the page tree once (home, stories, the 33 borough pages), not once per test.

    Building it takes seconds; every test's transaction then rolls back to it. The copy that
    transactional tests are restored from (and the browser tests' live server connections are
    given) is taken again afterwards, so it holds the tree too.
    """
    with django_db_blocker.unblock():
        build_site_tree()
        for connection in connections.all():
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield


@pytest.fixture
def tree(db):
    """The forum's page tree (home, stories, 33 boroughs, plain pages), as `setup_site` builds it.

    Built once per test database (`django_db_setup` above); this finds it (and would mend it).
    """
    home, stories, boroughs = build_site_tree()
    return type("Tree", (), {"home": home, "stories": stories, "boroughs": boroughs})


@pytest.fixture
def resident(tree):
    return UserFactory(profile_and_email__display_name="Resident Rita")


@pytest.fixture
def other_resident(tree):
    return UserFactory(profile_and_email__display_name="Resident Ravi")


@pytest.fixture
def family(tree):
    return FamilyFactory(profile_and_email__display_name="Family Fola")


@pytest.fixture
def other_family(tree):
    return FamilyFactory(profile_and_email__display_name="Family Frank")


@pytest.fixture
def moderator(tree):
    return ModeratorFactory(profile_and_email__display_name="Moderator Mo")


def signed_in_client(user):
    """A client of its own per person, so two people in one test never share a session."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def family_client(family):
    return signed_in_client(family)


@pytest.fixture
def resident_client(resident):
    return signed_in_client(resident)


@pytest.fixture
def moderator_client(moderator):
    return signed_in_client(moderator)
