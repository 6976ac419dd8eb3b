"""Anonymous visitors get stored copies of published pages, and never a stale one.

Each test warms the cache with an anonymous request, makes a change the way the site makes
it (posting, moderation actions, publishing), and checks the very next anonymous request.
"""

import re

import pytest
from django.test import Client

from boroughs.models import BoroughPage
from caching import pagecache
from moderation import actions
from moderation.models import CommentReview, CommentState
from stories.models import Candle
from tests.factories import MemorialPageFactory, ThreadPageFactory, UserFactory, borough
from tests.moderation.helpers import make_comment, post, trust
from tests.support.helpers import make_service

HIT, MISS = "hit", "miss"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def warm(client, url):
    """Two anonymous requests: the second must come from the cache, or the test proves nothing."""
    first, _ = get(client, url)
    assert first[pagecache.HEADER] == MISS
    second, html = get(client, url)
    assert second[pagecache.HEADER] == HIT
    return html


def test_second_anonymous_request_is_served_from_the_cache_without_a_query(
    story, resident, visitor, django_assert_num_queries
):
    make_comment(story, resident, "Stored with the page")
    warm(visitor, story.url)
    with django_assert_num_queries(0):
        response, html = get(visitor, story.url)
    assert response[pagecache.HEADER] == HIT
    assert "Stored with the page" in html
    # The security middleware wraps the cache, so every copy still carries the policy.
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_comment_approved_by_a_moderator_appears_on_the_next_anonymous_request(story, resident, moderator, visitor):
    held = make_comment(story, resident, "Waiting for a moderator", state=CommentState.HELD)
    assert "Waiting for a moderator" not in warm(visitor, story.url)
    actions.approve(CommentReview.objects.get(comment=held), by=moderator)
    response, html = get(visitor, story.url)
    assert response[pagecache.HEADER] == MISS
    assert "Waiting for a moderator" in html


@pytest.mark.parametrize("decision", ["reject", "hide", "family_hide", "delete"])
def test_comment_taken_down_disappears_on_the_next_anonymous_request(
    story, resident, moderator, family, visitor, decision
):
    comment = make_comment(story, resident, "Soon to be taken down")
    assert "Soon to be taken down" in warm(visitor, story.url)
    review = CommentReview.objects.get(comment=comment)
    if decision == "reject":
        actions.reject(review, by=moderator, reason="Names someone")
    elif decision == "hide":
        actions.hide(review, by=moderator, reason_code="moderator", label="hidden by a moderator")
    elif decision == "family_hide":
        assert actions.family_hide(review, by=family)
    else:
        comment.delete()
    _, html = get(visitor, story.url)
    assert "Soon to be taken down" not in html


def test_comment_hidden_by_three_reports_disappears_on_the_next_anonymous_request(story, resident, visitor):
    comment = make_comment(story, resident, "Reported by three members")
    assert "Reported by three members" in warm(visitor, story.url)
    for _ in range(3):
        actions.flag(comment, user=UserFactory(), reason="harassment")
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN
    _, html = get(visitor, story.url)
    assert "Reported by three members" not in html


def test_comment_posted_by_a_trusted_member_appears_on_the_next_anonymous_request(
    story, resident, resident_client, visitor
):
    trust(resident, story)
    warm(visitor, story.url)
    assert post(resident_client, story, "Posted just now").status_code == 302
    _, html = get(visitor, story.url)
    assert "Posted just now" in html


def test_held_comment_never_appears_to_visitors(story, resident, resident_client, visitor):
    warm(visitor, story.url)
    post(resident_client, story, "New author, so held")
    assert CommentReview.objects.get(comment__comment="New author, so held").state == CommentState.HELD
    for _ in range(2):
        _, html = get(visitor, story.url)
        assert "New author, so held" not in html
    # ...while its author, signed in, sees it waiting.
    assert "New author, so held" in resident_client.get(story.url).content.decode()


def test_signed_in_member_never_gets_the_anonymous_copy(story, resident, resident_client, visitor):
    assert "Sign in to respond" in warm(visitor, story.url)
    response, html = get(resident_client, story.url)
    assert pagecache.HEADER not in response
    assert "Sign out" in html and "Sign in to respond" not in html
    assert "private" in response["Cache-Control"]
    # And the page they were given is not stored for visitors either.
    _, html = get(visitor, story.url)
    assert "Sign out" not in html


def test_anonymous_copies_carry_no_csrf_token_and_forms_still_work(story, resident, visitor):
    trust(resident, story)
    html = warm(visitor, story.url)
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in visitor.cookies
    member = Client(enforce_csrf_checks=True)
    member.force_login(resident)
    page = member.get(story.url)
    token = page.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = post(member, story, "Posted with a real CSRF token", csrfmiddlewaretoken=token)
    assert response.status_code == 302
    _, html = get(visitor, story.url)
    assert "Posted with a real CSRF token" in html


def test_a_page_that_hands_out_a_csrf_cookie_is_not_stored(story, visitor, monkeypatch):
    from django.middleware.csrf import get_token

    original = type(story.specific).get_context

    def context_with_a_form(self, request, *args, **kwargs):
        get_token(request)  # as a page rendering {% csrf_token %} would
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(type(story.specific), "get_context", context_with_a_form)
    for _ in range(2):
        response, _ = get(visitor, story.url)
        assert response[pagecache.HEADER] == "skip"
        assert "csrftoken" in response.cookies


def test_visitor_with_a_pending_message_is_served_fresh(story, visitor):
    warm(visitor, story.url)
    visitor.cookies["messages"] = "anything"
    response, _ = get(visitor, story.url)
    assert pagecache.HEADER not in response


def test_edit_and_publish_shows_the_new_words_and_unpublish_removes_the_page(story, moderator, visitor):
    warm(visitor, story.url)
    story.title = "Jordan, remembered"
    story.save_revision(user=moderator).publish()
    _, html = get(visitor, story.url)
    assert "Jordan, remembered" in html
    story.refresh_from_db()
    story.unpublish(user=moderator)
    assert visitor.get(story.url).status_code == 404


def test_comment_policy_change_shows_at_once(story, family, visitor):
    assert "Sign in to respond" in warm(visitor, story.url)
    actions.set_comment_policy(story, "closed", by=family)
    _, html = get(visitor, story.url)
    assert "Responses are closed here" in html


def test_new_story_appears_on_the_lists_that_show_it(tree, visitor):
    urls = ["/", "/stories/", "/boroughs/southwark/"]
    for url in urls:
        warm(visitor, url)
    MemorialPageFactory(title="Newly published", borough=borough("southwark"))
    for url in urls:
        _, html = get(visitor, url)
        assert "Newly published" in html, url


def test_response_on_a_thread_updates_the_counts_on_home_and_borough_pages(resident, visitor):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(title="Safer routes", body="Opening", borough=lambeth.borough, owner=None)
    one_response = re.compile(r"\b1 (response|reply)\b")
    for url in ("/", lambeth.url):
        assert not one_response.search(warm(visitor, url))
    make_comment(thread, resident, "First response")
    for url in ("/", lambeth.url):
        _, html = get(visitor, url)
        assert one_response.search(html), url


def test_candle_count_updates_on_the_next_anonymous_request(story, resident, visitor):
    assert "No candles lit yet" in warm(visitor, story.url)
    Candle.objects.create(memorial=story.specific, user=resident)
    _, html = get(visitor, story.url)
    assert "1 candle lit" in html


def test_support_service_added_shows_in_the_panel_at_once(story, visitor):
    warm(visitor, story.url)
    make_service("Southwark listening circle", boroughs=["southwark"])
    _, html = get(visitor, story.url)
    assert "Southwark listening circle" in html


def test_a_copy_rendered_while_a_change_lands_is_never_served():
    """The versions are read before rendering: a change during it makes the stored copy a miss."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get("/stories/jordan/")
    tags = ["site", "page:1"]
    versions = pagecache.current_versions(tags)  # read as the page starts to render
    pagecache.bump(["page:1"])  # a comment is approved meanwhile
    pagecache.store(request, HttpResponse("rendered from the old data"), versions)
    assert pagecache.lookup(request) is None
    pagecache.store(request, HttpResponse("fresh"), pagecache.current_versions(tags))
    assert pagecache.lookup(request).content == b"fresh"


def test_query_string_variants_are_separate_copies(tree, visitor):
    MemorialPageFactory(title="Only in Southwark", borough=borough("southwark"))
    warm(visitor, "/stories/?borough=southwark")
    _, html = get(visitor, "/stories/?borough=newham")
    assert "Only in Southwark" not in html


def test_cache_switched_off(settings, story, visitor):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        response, _ = get(visitor, story.url)
        assert pagecache.HEADER not in response


def test_the_copy_a_worker_keeps_in_memory_is_checked_against_the_versions_too(story, resident, moderator, visitor):
    comment = make_comment(story, resident, "Kept in this worker's memory")
    warm(visitor, story.url)
    assert any("Kept in this worker's memory" in e["content"].decode() for e in pagecache._local.values())
    actions.hide(CommentReview.objects.get(comment=comment), by=moderator, reason_code="m", label="hidden")
    response, html = get(visitor, story.url)
    assert response[pagecache.HEADER] == MISS
    assert "Kept in this worker's memory" not in html


def test_an_entry_in_an_older_format_is_a_miss_not_an_error(story, visitor):
    from django.core.cache import cache

    warm(visitor, story.url)
    pagecache._local.clear()
    key = next(k for k in cache._cache if pagecache.ENTRY_PREFIX in k)  # locmem's own keys
    entry = cache.get(key.split(":", 2)[-1])
    assert entry is not None
    del entry["expires"]
    cache.set(key.split(":", 2)[-1], entry)
    for _ in range(2):  # once from the shared cache, once from this worker's memory
        response, html = get(visitor, story.url)
        assert "Jordan" in html


def test_any_other_record_pointing_at_a_page_refreshes_it(story, family, moderator, visitor):
    """Quiet periods and legal holds (the care app) are not named in caching/signals.py."""
    from datetime import timedelta

    from django.utils import timezone

    from care.models import LegalHold, QuietPeriod

    warm(visitor, story.url)
    now = timezone.now()
    QuietPeriod.objects.create(story=story, starts_at=now, ends_at=now + timedelta(days=1), created_by=family)
    assert get(visitor, story.url)[0][pagecache.HEADER] == MISS
    assert get(visitor, story.url)[0][pagecache.HEADER] == HIT
    LegalHold.objects.create(page=story, note="Trial under way", set_by=moderator)
    assert get(visitor, story.url)[0][pagecache.HEADER] == MISS
