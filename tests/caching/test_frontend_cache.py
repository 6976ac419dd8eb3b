"""The CDN in front of the site: configured from the environment, purged on publish and on
comment changes. Settings only: the purge backend is replaced by a recorder, no network."""

import os
import subprocess
import sys

import pytest
from wagtail.contrib.frontend_cache.backends import HTTPBackend

from caching.conf import frontend_cache_backends
from moderation import actions
from moderation.models import CommentReview, CommentState
from tests.moderation.helpers import make_comment, post

HTTP_PURGE = {
    "http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://cdn.invalid"}
}


def test_no_cdn_configured_by_default():
    assert frontend_cache_backends({}) == {}


def test_http_purge_backend_from_environment():
    assert frontend_cache_backends({"FRONTEND_CACHE_PURGE_URL": "http://cdn.invalid"}) == HTTP_PURGE


def test_cloudflare_with_a_token_or_a_key():
    token = frontend_cache_backends({"CLOUDFLARE_ZONE_ID": "zone", "CLOUDFLARE_BEARER_TOKEN": "t"})["cloudflare"]
    assert token == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "zone",
        "BEARER_TOKEN": "t",
    }
    key = frontend_cache_backends(
        {"CLOUDFLARE_ZONE_ID": "zone", "CLOUDFLARE_EMAIL": "ops@example.org", "CLOUDFLARE_API_KEY": "k"}
    )["cloudflare"]
    assert key["EMAIL"] == "ops@example.org" and key["API_KEY"] == "k" and "BEARER_TOKEN" not in key


def test_cloudfront_from_environment():
    backends = frontend_cache_backends({"CLOUDFRONT_DISTRIBUTION_ID": "E123"})
    assert backends["cloudfront"]["DISTRIBUTION_ID"] == "E123"


def test_settings_read_the_environment():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "forum_site.settings.test"}
    env["FRONTEND_CACHE_PURGE_URL"] = "http://cdn.invalid"
    env["CDN_CACHE_SECONDS"] = "120"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.WAGTAILFRONTENDCACHE, settings.CDN_CACHE_SECONDS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "HTTPBackend" in out and "http://cdn.invalid" in out and out.strip().endswith("120")


@pytest.fixture
def purged(settings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = HTTP_PURGE
    urls = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: urls.append(url))
    return urls


def test_anonymous_pages_tell_the_cdn_it_may_keep_them(settings, story, visitor, resident_client):
    settings.WAGTAILFRONTENDCACHE = HTTP_PURGE
    settings.CDN_CACHE_SECONDS = 120
    for _ in range(2):
        response = visitor.get(story.url)
        assert "s-maxage=120" in response["Cache-Control"] and "public" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]
    signed_in = resident_client.get(story.url)
    assert "private" in signed_in["Cache-Control"] and "s-maxage" not in signed_in["Cache-Control"]


def test_approving_a_comment_purges_the_page_and_the_lists(
    purged, story, resident, moderator, django_capture_on_commit_callbacks
):
    held = make_comment(story, resident, "Held", state=CommentState.HELD)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(CommentReview.objects.get(comment=held), by=moderator)
    root = story.get_site().root_url
    assert story.full_url in purged
    for listing in ("/", "/stories/", "/boroughs/", "/boroughs/southwark/"):
        assert root + listing in purged


def test_publishing_a_story_purges_it_and_the_lists(purged, story, moderator, django_capture_on_commit_callbacks):
    purged.clear()
    story.title = "Jordan, remembered"
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision(user=moderator).publish()
    root = story.get_site().root_url
    assert story.full_url in purged
    assert root + "/stories/" in purged and root + "/" in purged


def test_nothing_is_sent_without_a_cdn(
    settings, story, resident, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    settings.WAGTAILFRONTENDCACHE = {}
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: pytest.fail("no CDN is configured"))
    held = make_comment(story, resident, "Held", state=CommentState.HELD)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(CommentReview.objects.get(comment=held), by=moderator)


def test_one_response_purges_each_url_once(purged, story, resident_client, django_capture_on_commit_callbacks):
    """Posting saves the comment, its thread numbers, its review and a follow: one purge for all."""
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(resident_client, story, "Thinking of you all.", follow="on")
    assert response.status_code == 302
    assert story.full_url in purged
    assert sorted(purged) == sorted(set(purged)), "a URL was purged more than once"
