"""Posting responses: the moderator class refuses, holds or publishes, and text is made safe."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from moderation.models import CommentReview, CommentState, Sanction, SanctionKind
from stories.models import CommentPolicy
from tests.factories import MemorialPageFactory

from .helpers import form_data, make_comment, post, trust


def reasons_of(comment):
    return [reason["code"] for reason in CommentReview.objects.get(comment=comment).reasons]


def test_new_residents_first_comment_is_held_with_a_recorded_reason(story, resident, resident_client):
    response = post(resident_client, story, "Sending love to your family.")
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{story.url}#c{comment.pk}"
    assert comment.is_public is False
    assert comment.user == resident
    assert CommentReview.objects.get(comment=comment).state == CommentState.HELD
    assert reasons_of(comment) == ["new_author"]


def test_trusted_residents_comment_is_published_and_rendered_as_safe_plain_text(story, resident, resident_client):
    trust(resident, story)
    text = '<script>alert("x")</script>Hello <b>Jordan</b>\nSee https://example.org/help <a href="javascript:x">me</a>'
    post(resident_client, story, text)
    comment = XtdComment.objects.latest("pk")
    assert comment.is_public is True
    assert "<" not in comment.comment
    html = Client().get(story.url).content.decode()
    assert "<script>alert" not in html and "<b>Jordan" not in html
    assert "Hello Jordan<br>" in html
    assert '<a href="https://example.org/help" rel="nofollow ugc noopener">https://example.org/help</a>' in html
    assert 'href="javascript' not in html


def test_comment_on_an_unpublished_page_is_refused_and_the_text_kept(family, resident_client):
    draft = MemorialPageFactory(owner=family, live=False)
    response = post(resident_client, draft, "My words, please keep them")
    assert response.status_code == 403
    assert "not published" in response.content.decode()
    assert "My words, please keep them</textarea>" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_comment_refused_when_the_family_closed_comments(story, resident_client):
    story.comment_policy = CommentPolicy.CLOSED
    story.save()
    response = post(resident_client, story, "Still here for you")
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert "Still here for you</textarea>" in response.content.decode()
    assert not XtdComment.objects.exists()


@pytest.mark.parametrize("kind", [SanctionKind.SUSPEND, SanctionKind.BAN])
def test_suspended_or_banned_author_is_refused(story, resident, resident_client, kind):
    Sanction.objects.create(user=resident, kind=kind, reason="Threats", until=timezone.now() + timedelta(days=3))
    response = post(resident_client, story, "Let me speak")
    assert response.status_code == 403
    assert "Let me speak</textarea>" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_lifted_or_expired_suspension_no_longer_refuses(story, resident, resident_client):
    Sanction.objects.create(
        user=resident, kind=SanctionKind.SUSPEND, reason="x", until=timezone.now() - timedelta(days=1)
    )
    Sanction.objects.create(user=resident, kind=SanctionKind.BAN, reason="x", lifted_at=timezone.now())
    assert post(resident_client, story).status_code == 302
    assert XtdComment.objects.count() == 1


def test_rate_limit_refuses_with_a_clear_message_and_keeps_the_text(
    story, resident, resident_client, settings, monkeypatch
):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = 2
    # One fixed moment: the limit counts the last minute, and a slow machine could let one pass mid-test.
    monkeypatch.setattr("core.ratelimit.clock", lambda: 1_800_000_000.0)
    trust(resident, story)
    assert post(resident_client, story, "one").status_code == 302
    assert post(resident_client, story, "two").status_code == 302
    response = post(resident_client, story, "three, kept")
    assert response.status_code == 429
    assert "wait a minute" in response.content.decode()
    assert "three, kept</textarea>" in response.content.decode()
    assert not XtdComment.objects.filter(comment="three, kept").exists()


def test_daily_rate_limit_is_configurable(story, resident, resident_client, settings):
    settings.COMMENT_RATE_LIMIT_PER_DAY = 1
    assert post(resident_client, story, "one").status_code == 302
    response = post(resident_client, story, "two")
    assert response.status_code == 429
    assert "today" in response.content.decode()


def test_premoderated_story_holds_even_a_trusted_authors_comment(story, resident, resident_client):
    trust(resident, story)
    story.comment_policy = CommentPolicy.PREMODERATED
    story.save()
    post(resident_client, story, "Thinking of you")
    comment = XtdComment.objects.latest("pk")
    assert comment.is_public is False
    assert reasons_of(comment) == ["page_premoderated"]


def test_premoderation_sanction_holds_a_trusted_authors_comment(story, resident, resident_client):
    trust(resident, story)
    Sanction.objects.create(user=resident, kind=SanctionKind.PREMODERATE, reason="Be careful")
    post(resident_client, story, "Thinking of you")
    assert reasons_of(XtdComment.objects.latest("pk")) == ["author_premoderated"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("They will get their revenge", "phrase"),
        ("Call me on 07700 900123", "phone"),
        ("Ring +44 20 7946 0958 any time", "phone"),
        ("write to sam@example.org", "email"),
        ("He lives at 12 Acacia Road near the park", "address"),
        ("The flat is in SE15 4QT", "address"),
    ],
)
def test_screening_rules_hold_a_trusted_authors_comment(story, resident, resident_client, text, code):
    trust(resident, story)
    post(resident_client, story, text)
    comment = XtdComment.objects.latest("pk")
    assert comment.is_public is False
    assert reasons_of(comment) == [code, "sent_after_nudge"]  # told why first, and sent it as it was


def test_links_are_held_from_untrusted_authors_only(story, resident, other_resident, resident_client):
    trust(resident, story)
    post(resident_client, story, "This helped me: www.example.org")
    assert XtdComment.objects.latest("pk").is_public is True
    other = Client()
    other.force_login(other_resident)
    post(other, story, "Look at www.example.org")
    assert reasons_of(XtdComment.objects.latest("pk")) == ["new_author", "link", "sent_after_nudge"]


def test_screening_phrases_match_whole_words_only(story, resident, resident_client):
    trust(resident, story)
    post(resident_client, story, "There is a grassy park where we remember him")  # "grass" is on the list
    assert XtdComment.objects.latest("pk").is_public is True


def test_moderators_comment_is_published_at_once(story, moderator_client):
    post(moderator_client, story, "Welcome, and thank you for sharing.")
    assert XtdComment.objects.get().is_public is True


def test_family_responding_on_their_own_story_is_trusted(story, family_client):
    post(family_client, story, "Thank you all")
    assert XtdComment.objects.get().is_public is True


def test_visitor_sees_comments_and_a_sign_in_link_back_to_the_page(story, resident):
    make_comment(story, resident, "Visible words")
    html = Client().get(story.url).content.decode()
    assert "Visible words" in html
    assert f'href="/accounts/login/?next={story.url}"' in html
    assert "Sign in to respond" in html
    assert 'name="security_hash"' not in html


def test_visitor_cannot_post(story):
    response = Client().post("/comments/post/", form_data(story))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not XtdComment.objects.exists()


def test_posting_needs_post(story, resident_client):
    assert resident_client.get("/comments/post/").status_code == 405


def test_held_comment_is_seen_only_by_its_author(story, resident, other_resident, resident_client):
    make_comment(story, resident, "Waiting words", state=CommentState.HELD)
    assert "Waiting words" in resident_client.get(story.url).content.decode()
    assert "Only you can see this" in resident_client.get(story.url).content.decode()
    other = Client()
    other.force_login(other_resident)
    assert "Waiting words" not in other.get(story.url).content.decode()
    assert "Waiting words" not in Client().get(story.url).content.decode()


def test_rejected_comment_is_shown_to_nobody(story, resident, resident_client):
    make_comment(story, resident, "Gone words", state=CommentState.REJECTED)
    assert "Gone words" not in resident_client.get(story.url).content.decode()


def test_empty_comment_gets_a_kind_error(story, resident_client):
    response = post(resident_client, story, "   ")
    assert response.status_code == 400
    assert "Please write your response" in response.content.decode()


def test_next_parameter_never_redirects_off_site(story, resident_client):
    response = post(resident_client, story, "Hello", next="https://evil.example/steal")
    assert response["Location"].startswith(story.url)
    response = post(resident_client, story, "Hello again", next="//evil.example/")
    assert response["Location"].startswith(story.url)


def test_next_parameter_on_site_is_followed(story, resident_client):
    response = post(resident_client, story, "Hello", next="/stories/")
    assert response["Location"].startswith("/stories/#c")


def test_tampered_security_hash_is_a_bad_request(story, resident_client):
    data = form_data(story)
    data["object_pk"] = str(Page.objects.get(slug="stories").pk)
    assert resident_client.post("/comments/post/", data).status_code == 400
    assert not XtdComment.objects.exists()


def test_expired_form_keeps_the_text_and_asks_to_send_again(story, resident_client):
    data = form_data(story, "Written slowly")
    from moderation.forms import CommentForm

    form = CommentForm(story)
    data["timestamp"] = str(int(data["timestamp"]) - 3 * 3600)
    data["security_hash"] = form.generate_security_hash(data["content_type"], data["object_pk"], data["timestamp"])
    response = resident_client.post("/comments/post/", data)
    assert response.status_code == 400
    assert "send it once more" in response.content.decode()
    assert "Written slowly</textarea>" in response.content.decode()
