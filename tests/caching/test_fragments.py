"""Shared fragments (caching/fragments.py): the responses, each conversation, the care facts and
the support panel are rendered once and shared by every reader who would be shown the same.

The central check: whoever warmed the cache, each reader is shown exactly what a fresh render
(fragments off) shows them. Then: a change is seen on the very next request, and nothing is
shared when the shared cache cannot be read.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caching import fragments, pagecache
from care.models import QuietPeriod
from moderation import actions, comments_section
from moderation.models import CommentReview, CommentState, FlagReason
from support.models import SupportService
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, UserFactory
from tests.moderation.helpers import make_comment


@pytest.fixture(autouse=True)
def _fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    fragments.forget_local()
    yield
    fragments.forget_local()


def responses(client, url):
    """The responses section as this reader sees it, without what differs on every request (the
    CSRF token, and the comment form's signed timestamp)."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    section = html[html.index('<section class="responses') : html.index('<div id="respond">')]
    section = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", section)
    return re.sub(r'name="(timestamp|security_hash)" value="[^"]+"', "", section)


def fresh(settings, client, url):
    settings.FRAGMENT_CACHE_SECONDS = 0
    try:
        return responses(client, url)
    finally:
        settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def people(tree, family, moderator):
    """A story with every kind of comment, and one reader of each kind."""
    story = MemorialPageFactory(owner=family, title="Jordan")
    writer = UserFactory(profile_and_email__display_name="Writer Wes")
    reporter = UserFactory(profile_and_email__display_name="Reporter Rae")
    relative = UserFactory(profile_and_email__display_name="Aunt Ama", profile_and_email__family=True)
    reader = UserFactory(profile_and_email__display_name="Reader Rob")
    first = make_comment(story, relative, "We miss him every day")
    make_comment(story, writer, "A reply from Wes", parent=first)
    held = make_comment(story, writer, "Wes, still waiting", state=CommentState.HELD)
    second = make_comment(story, reporter, "Thinking of you")
    reported = make_comment(story, relative, "A reply Rae reported", parent=second)
    actions.flag(reported, user=reporter, reason=FlagReason.OTHER)
    make_comment(story, relative, "Hidden for now", state=CommentState.HIDDEN)
    for i in range(30):  # a second page of responses
        make_comment(story, relative, f"Response {i}")
    return {
        "story": story,
        "visitor": None,
        "reader": reader,
        "writer": writer,
        "reporter": reporter,
        "family": family,
        "moderator": moderator,
        "first": first,
        "held": held,
    }


READERS = ["visitor", "reader", "writer", "reporter", "family", "moderator"]


def client_for(people, who):
    from django.test import Client

    return Client() if people[who] is None else signed_in_client(people[who])


@pytest.mark.parametrize("warmer", ["visitor", "reader", "writer"])
@pytest.mark.parametrize("query", ["", "?responses=2", "?reply_to={first}"])
def test_every_reader_sees_what_a_fresh_render_shows_them_whoever_warmed_the_cache(settings, people, warmer, query):
    url = people["story"].url + query.format(first=people["first"].pk)
    responses(client_for(people, warmer), url)  # stores what that reader may share
    for who in READERS:
        client = client_for(people, who)
        expected = fresh(settings, client, url)
        assert responses(client, url) == expected, who
        assert responses(client, url) == expected, who  # and again, now from the cache


def test_nobody_is_shown_anything_that_is_only_theirs_or_only_for_moderators(people):
    url = people["story"].url
    for who in READERS:  # each in turn after the others have filled the cache
        responses(client_for(people, who), url)
    reader = responses(client_for(people, "reader"), url)
    assert "We miss him every day" in reader
    assert "Wes, still waiting" not in reader  # the writer's own held comment
    assert "Hidden for now" not in reader
    assert "You reported this" not in reader  # the reporter's own report
    assert "Hide pending review" not in reader  # the moderators' control
    assert "Ask to hide" not in reader  # the family's control
    assert "Wes, still waiting" in responses(client_for(people, "writer"), url)
    assert "You reported this" in responses(client_for(people, "reporter"), url)
    assert "Hidden for now" in responses(client_for(people, "moderator"), url)
    assert "Ask to hide" in responses(client_for(people, "family"), url)


def test_a_member_with_nothing_on_the_page_reads_the_shared_copy_without_reading_comments(people):
    url = people["story"].url
    first, second = signed_in_client(UserFactory()), signed_in_client(UserFactory())
    responses(first, url)  # the first reader renders and shares
    with CaptureQueriesContext(connection) as captured:
        html = responses(second, url)
    assert "We miss him every day" in html
    sql = [q["sql"] for q in captured]
    # No count, no conversations, no comment text: all from the shared copy. Only "is anything here mine?".
    assert not [q for q in sql if '"django_comments"."comment"' in q or ("COUNT(" in q and "xtdcomment" in q)]
    assert [q for q in sql if "EXISTS" in q and "django_comments" in q]


def test_a_writers_own_conversations_are_rendered_for_them_and_the_others_come_shared(people, monkeypatch):
    url = people["story"].url
    responses(client_for(people, "reader"), url)  # shares every conversation on page 1
    rendered = []
    original = comments_section.reply_tree
    monkeypatch.setattr(
        comments_section, "reply_tree", lambda comments: rendered.append(comments) or original(comments)
    )
    html = responses(client_for(people, "writer"), url)
    assert "Wes, still waiting" in html and "Thinking of you" in html
    # Only the two conversations the writer wrote in were read and rendered: the rest were shared.
    assert sorted({c.thread_id for c in rendered[0]}) == sorted([people["first"].pk, people["held"].pk])


@pytest.fixture
def warm_reader(people):
    """A reader who has nothing on the page, and a second one: the second proves the shared copy changed."""
    url = people["story"].url
    first, second = signed_in_client(UserFactory()), signed_in_client(UserFactory())
    responses(first, url)
    responses(first, url)
    return lambda: responses(second, url)


def test_an_approved_comment_appears_for_the_next_member(people, warm_reader, moderator):
    held = CommentReview.objects.get(comment__comment="Wes, still waiting")
    assert "Wes, still waiting" not in warm_reader()
    actions.approve(held, by=moderator)
    assert "Wes, still waiting" in warm_reader()


def test_a_hidden_or_rejected_comment_disappears_for_the_next_member(people, warm_reader, moderator):
    assert "We miss him every day" in warm_reader()
    actions.hide(
        CommentReview.objects.get(comment=people["first"]), by=moderator, reason_code="moderator", label="checking"
    )
    assert "We miss him every day" not in warm_reader()
    review = CommentReview.objects.get(comment__comment="Thinking of you")
    actions.reject(review, by=moderator, reason="unkind")
    assert "Thinking of you" not in warm_reader()


def test_a_new_comment_and_a_new_display_name_or_badge_appear_for_the_next_member(people, warm_reader):
    count = int(re.search(r"Responses \((\d+)\)", warm_reader()).group(1))
    make_comment(people["story"], UserFactory(), "Newly published", parent=people["first"])
    html = warm_reader()
    assert "Newly published" in html
    assert f"Responses ({count + 1})" in html  # the heading's count moved too
    profile = people["writer"].profile
    profile.is_family = True  # a moderator gives Wes the family role: his badge shows on his words
    profile.save()
    assert 'Writer Wes <span class="badge">family member</span>' in warm_reader()


def test_a_quiet_period_closes_replies_at_once_and_a_planned_one_when_it_starts(
    people, warm_reader, family, monkeypatch
):
    assert ">Reply<" in warm_reader()
    now = timezone.now()
    QuietPeriod.objects.create(
        story=people["story"], starts_at=now + timedelta(hours=1), ends_at=now + timedelta(days=1), created_by=family
    )
    assert ">Reply<" in warm_reader()  # planned, not begun: the shared facts say so
    later = now + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert ">Reply<" not in warm_reader()  # began with no write at all: the facts were read again
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(days=2))
    assert ">Reply<" in warm_reader()  # and it ended by itself


def test_the_support_panel_is_shared_and_shows_a_new_service_at_once(people):
    client = signed_in_client(UserFactory())
    url = people["story"].url
    client.get(url)
    SupportService.objects.create(
        name="Lambeth Listening Line", summary="Someone to talk to", phone="0800 000 0000", position=0
    )
    assert "Lambeth Listening Line" in client.get(url).content.decode()


def test_nothing_is_shared_when_the_shared_cache_cannot_be_read(people, monkeypatch):
    monkeypatch.setattr(pagecache, "current_versions", lambda tags: dict.fromkeys(tags))
    assert fragments.versions("site") == {}
    stored = []
    monkeypatch.setattr(fragments, "set_many", stored.append)
    html = responses(signed_in_client(UserFactory()), people["story"].url)
    assert "We miss him every day" in html
    assert stored == []


def test_a_fragment_holding_a_csrf_token_is_never_stored():
    versions = {"site": "v1"}
    personal = fragments.key("test", versions, "personal")
    shared = fragments.key("test", versions, "shared")
    fragments.set_many({personal: '<input name="csrfmiddlewaretoken" value="x">', shared: "<p>Hello</p>"})
    assert fragments.get_many([personal, shared]) == {shared: "<p>Hello</p>"}


def test_a_changed_version_is_a_different_key():
    assert fragments.key("responses", {"page:1": "a"}, "member") != fragments.key(
        "responses", {"page:1": "b"}, "member"
    )
    assert fragments.key("responses", {"page:1": "a"}, "member") != fragments.key(
        "responses", {"page:1": "a"}, "visitor"
    )


def test_a_new_member_joining_leaves_every_shared_copy_in_place(people):
    url = people["story"].url
    responses(client_for(people, "reader"), url)
    before = pagecache.current_versions(["site"])
    UserFactory(profile_and_email__display_name="Newcomer")  # signing up saves a new profile, then names it
    people["reader"].profile.content_notes = "show"
    people["reader"].profile.save()  # a setting of their own: shown on no page
    assert pagecache.current_versions(["site"]) == before
    people["writer"].profile.display_name = "Wesley"
    people["writer"].profile.save()  # a new name for someone who has written: pages may show it
    assert pagecache.current_versions(["site"]) != before
