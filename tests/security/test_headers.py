"""Security headers on public pages, the admin's own policy, and production's `check --deploy`."""

import os
import subprocess
import sys

import pytest

from tests.factories import MemorialPageFactory

from .corpora import REPO_ROOT
from .markup import elements

PUBLIC_PAGES = ["/", "/stories/", "/boroughs/", "/search/?q=knife", "/accounts/login/", "/accounts/signup/", "/nope/"]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def story(tree):
    return MemorialPageFactory(title="Sam Example", content_note="describes a knife attack")


@pytest.mark.parametrize("role", ["visitor", "resident", "moderator"])
def test_public_pages_send_a_strict_content_security_policy_and_need_nothing_inline(client, role, request, story):
    if role != "visitor":
        client.force_login(request.getfixturevalue(role))
    for url in [*PUBLIC_PAGES, story.url]:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"], f"{url}: scripts from anywhere but our own files"
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        # The policy would block inline code, so the page must not need any.
        page = response.content.decode()
        inline_scripts = [
            s for s in elements(page, "script") if not s.get("src") and s.get("type") != "application/json"
        ]
        assert not inline_scripts, f"{url}: inline <script> would be blocked"
        assert not elements(page, "style"), f"{url}: <style> would be blocked"
        assert ' style="' not in page, f"{url}: style attribute would be blocked"


def test_public_pages_send_the_other_security_headers(client, story):
    for url in [*PUBLIC_PAGES, story.url]:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        permissions = response["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in permissions


def test_hsts_is_sent_over_https_with_production_values(client, settings, tree):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/members/", "/admin/pages/{stories}/"])
def test_the_wagtail_admin_works_under_its_own_policy(moderator_client, tree, url):
    url = url.format(stories=tree.stories.pk)  # page ids differ between databases
    # The page explorer opens a moderator on the one section they may publish in (home/site_tree.py).
    response = moderator_client.get(url, follow=True)
    assert response.status_code == 200, url
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]  # the admin's own inline scripts
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["Permissions-Policy"]


def test_production_settings_pass_check_deploy_with_no_warnings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum_site.settings.production",
        "SECRET_KEY": "ci-only-" + "k3Y!" * 14,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ll_check_deploy",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
