"""Real-browser fixtures: Playwright's Python package driving Debian's Chromium against a live server.

Browser downloads do not work on our machines, so we never run `playwright install`:
Playwright launches the system Chromium (`apt-get install chromium`). axe-core comes
from the npm registry (`npm ci` at the repository root) and is injected into each page.

When Chromium, Playwright or axe-core is missing, the tests that need it are skipped
with a message saying what to install. CI sets `BROWSER_TESTS_REQUIRED=1`, which turns
those skips into failures, so the browser tests cannot silently stop running there.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.db import connections

from home.site_tree import build_site_tree

from .helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, missing, sign_in


@pytest.fixture(scope="module")
def chromium(django_db_setup):
    """One Chromium per test module; each test gets fresh, isolated contexts.

    Module scope, not session: the loop and the environment variable below must not outlive
    the browser tests (a later test's subprocess, such as `check --deploy`, would inherit the
    variable), and other folders' conftests that import this fixture get their own copy,
    which must not run while this one does.

    Playwright's sync API keeps an asyncio loop running in this thread while it is open.
    Django reacts to that in two ways, both handled here for exactly that time:
    it refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and it hands out new
    database connections (its connection storage is per-context in a thread with a loop),
    which lack the copy of the migrations' rows taken when the test database was created.
    So the test database is created first, that copy is handed to the new connections,
    and they are closed before the database is destroyed.
    """
    if not CHROMIUM.exists():
        missing(f"Chromium at {CHROMIUM}", "run `apt-get install -y chromium` (or set CHROMIUM_PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package", "run `make install-dev` (never `playwright install`)")
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def site(live_server):
    """The forum's page tree, served by the live server. `site.url(path)` is an absolute URL."""
    home, stories, boroughs = build_site_tree()
    return SimpleNamespace(
        home=home,
        stories=stories,
        boroughs=boroughs,
        base=live_server.url,
        url=lambda path="/": live_server.url + path,
    )


@pytest.fixture
def new_page(chromium, site):
    """Open pages in fresh browser contexts that may talk to the live server only.

    `new_page(user=None, width=1280, height=900, scale=1)`. Every request is watched;
    a request to any other host is blocked, and fails the test when it ends.
    """
    contexts, foreign = [], []
    local = urlsplit(site.base).netloc

    def watch(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != local:
            foreign.append(f"{request.method} {request.url} (from {request.frame.url})")

    def keep_local(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def make(user=None, width=DESKTOP, height=900, scale=1):
        context = chromium.new_context(
            base_url=site.base,
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            # Once the site sends a strict Content-Security-Policy, the injected axe needs this.
            bypass_csp=True,
            reduced_motion="reduce",
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            sign_in(context, user, site.base)
        context.on("request", watch)
        context.route("**/*", keep_local)
        return context.new_page()

    make.foreign_requests = foreign
    yield make
    for context in contexts:
        context.close()
    assert not foreign, "A page asked another host for something:\n  " + "\n  ".join(foreign)


@pytest.fixture
def page(new_page):
    """A desktop-sized page for a visitor who is not signed in."""
    return new_page()


@pytest.fixture(autouse=True)
def _fresh_limits():
    """allauth's e-mail cooldowns and our posting limits are counted in the cache: each journey starts
    with none used (two journeys sign up the same address; the second would get no e-mail)."""
    from django.core.cache import cache

    cache.clear()
    yield
