"""The 240 open-redirect payloads as `next` on every view that takes one: none leaves the site.

A Location is judged as a browser would follow it: backslashes count as slashes, tabs and
newlines inside the URL are ignored, and it is resolved against the page it came from.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD

SITE = "testserver"
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")


def lands_on(location, base="http://testserver/accounts/login/"):
    """The host a browser would go to for this Location header."""
    cleaned = _IGNORED_BY_BROWSERS.sub("", location).strip(" \x00-\x1f").replace("\\", "/")
    target = urlsplit(urljoin(base, cleaned))
    return target.hostname, target.scheme


def off_site(responses):
    """(payload, Location) for every redirect that leaves the site or uses a scheme other than http(s)."""
    bad = []
    for payload, response in responses:
        if response.status_code not in (301, 302, 303, 307, 308):
            continue
        host, scheme = lands_on(response["Location"])
        if host != SITE or scheme not in ("http", "https"):
            bad.append((payload, response["Location"]))
    return bad


def test_login_never_redirects_off_site(redirect_payloads, resident):
    responses = []
    for payload in redirect_payloads:
        cache.clear()  # the payloads are not an attack on the rate limits
        client = Client()
        response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD, "next": payload})
        assert response.status_code == 302, payload
        responses.append((payload, response))
    assert not off_site(responses)


def test_signed_in_visit_to_login_never_redirects_off_site(redirect_payloads, resident_client):
    responses = [(p, resident_client.get("/accounts/login/", {"next": p})) for p in redirect_payloads]
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_admin_login_never_redirects_off_site(redirect_payloads, client):
    responses = [(p, client.get("/admin/login/", {"next": p})) for p in redirect_payloads]
    assert all(r["Location"].startswith("/accounts/login/?next=") for _, r in responses)
    assert not off_site(responses)


def test_logout_never_redirects_off_site(redirect_payloads, resident):
    responses = []
    client = Client()
    for payload in redirect_payloads:
        client.force_login(resident)
        responses.append((payload, client.post("/accounts/logout/", {"next": payload})))
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_sign_up_never_redirects_off_site(redirect_payloads, tree):
    responses = []
    for i, payload in enumerate(redirect_payloads):
        cache.clear()
        data = {
            "email": f"newcomer{i}@example.org",
            "password1": "a-long-new-password-73",
            "password2": "a-long-new-password-73",
            "display_name": f"Newcomer {i}",
            "next": payload,
        }
        response = Client().post("/accounts/signup/", data)
        assert response.status_code == 302, payload
        responses.append((payload, response))
    assert not off_site(responses)


def crashes_safe_next(payload):
    """Bug in moderation.views.safe_next (comments' code, left to its owner): it accepts a relative
    `next` with no "/" or "." (e.g. "%68%74%74%70%3a%2f%2f..." or "java%0d%0ascript%0d%0a:alert(0)"),
    and django.shortcuts.redirect() then tries to reverse it as a view name: NoReverseMatch, a 500."""
    return "/" not in payload and "." not in payload


@pytest.mark.parametrize("url", ["/follow/", "/unfollow/"])
def test_follow_and_unfollow_never_redirect_off_site(redirect_payloads, resident_client, url):
    payloads = [p for p in redirect_payloads if not crashes_safe_next(p)]
    responses = [(p, resident_client.post(url, {"borough": "hackney", "next": p})) for p in payloads]
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_follow_with_a_next_that_is_not_a_path_redirects_rather_than_failing(redirect_payloads, client, resident):
    client.raise_request_exception = False
    client.force_login(resident)
    crashing = [p for p in redirect_payloads if crashes_safe_next(p)]
    assert crashing
    statuses = {p: client.post("/follow/", {"borough": "hackney", "next": p}).status_code for p in crashing}
    assert set(statuses.values()) == {302}, statuses


def test_the_judge_catches_what_browsers_follow_off_site():
    """The check itself: these all leave the site in a browser."""
    for location in ["//google.com", "/\\google.com", "https://google.com", "\\\\google.com", "/\t/google.com"]:
        assert lands_on(location)[0] == "google.com", location
    assert lands_on("javascript:alert(1)")[1] == "javascript"
    assert lands_on("/stories/")[0] == SITE
