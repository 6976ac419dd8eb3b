"""Hold for care: not published, never announced, audit-logged, a gentle e-mail with support links."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from moderation import actions
from moderation.models import CommentReview, CommentState
from notifications.models import Follow
from support.models import SupportCategory, SupportService
from tests.factories import borough

from .helpers import make_comment

QUEUE = "/admin/comment-moderation/"


@pytest.fixture
def services(tree):
    crisis, _ = SupportCategory.objects.get_or_create(slug="crisis", defaults={"name": "Crisis / 24-hour"})
    bereavement, _ = SupportCategory.objects.get_or_create(slug="bereavement", defaults={"name": "Bereavement"})
    samaritans = SupportService.objects.create(name="Samaritans", summary="Listening.", phone="116 123")
    samaritans.categories.add(crisis)
    local = SupportService.objects.create(
        name="Southwark Bereavement Circle", summary="Groups.", phone="020 7000 0000"
    )
    local.categories.add(bereavement)
    local.boroughs.add(borough("southwark"))
    elsewhere = SupportService.objects.create(name="Barnet Only Group", summary="Groups.")
    elsewhere.categories.add(bereavement)
    elsewhere.boroughs.add(borough("barnet"))
    return samaritans, local


def held_review(story, user, text="I miss him so much every day."):
    return CommentReview.objects.get(comment=make_comment(story, user, text, state=CommentState.HELD))


def test_hold_for_care_from_the_queue_keeps_it_private_logs_it_and_writes_kindly(
    story, resident, other_resident, moderator, moderator_client, services, mailoutbox
):
    Follow.objects.create(user=other_resident, page_id=story.pk)
    review = held_review(story, resident)
    response = moderator_client.post(QUEUE + "act/", {"care_one": review.pk, "tab": "held"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == CommentState.CARE and review.decided_by == moderator
    assert review.comment.is_public is False and review.comment.is_removed is False
    assert review.notified_at is None
    assert ModelLogEntry.objects.filter(action="moderation.hold_for_care", user=moderator).exists()

    assert len(mail.outbox) == 1  # the author only: no follower hears of it
    message = mail.outbox[0]
    assert message.to == [resident.email]
    body = message.body
    assert "You have not done anything wrong" in body
    assert "reject" not in body.lower()
    assert body.index("999") < body.index("Samaritans: 116 123") < body.index("Southwark Bereavement Circle")
    assert "near Southwark" in body
    assert "Barnet Only Group" not in body
    assert "/support/?borough=southwark" in body
    assert "I miss him so much" not in body  # their words are not sent back to them unasked


def test_care_state_shows_in_the_queue_and_is_not_counted_as_waiting(story, resident, moderator, moderator_client):
    review = held_review(story, resident)
    actions.hold_for_care(review, by=moderator)
    care_tab = moderator_client.get(QUEUE + "?tab=care").content.decode()
    assert "Held for care (1)" in care_tab
    assert "I miss him so much every day." in care_tab and "the author was sent support links" in care_tab
    assert "I miss him so much" not in moderator_client.get(QUEUE).content.decode()
    assert "Response moderation (" not in moderator_client.get("/admin/").content.decode()


def test_only_held_comments_can_be_held_for_care(story, resident, moderator, mailoutbox):
    published = CommentReview.objects.get(comment=make_comment(story, resident, "Published"))
    assert actions.hold_for_care(published, by=moderator) is False
    published.refresh_from_db()
    assert published.state == CommentState.PUBLISHED and len(mail.outbox) == 0


def test_author_sees_a_gentle_status_and_others_see_nothing(
    story, resident, resident_client, other_resident, moderator
):
    from tests.conftest import signed_in_client

    actions.hold_for_care(held_review(story, resident, "Private words."), by=moderator)
    assert "A moderator has written to you about it" in resident_client.get(story.url).content.decode()
    assert "Private words." not in signed_in_client(other_resident).get(story.url).content.decode()


def test_bulk_hold_for_care(story, resident, other_resident, moderator_client, mailoutbox):
    ids = [held_review(story, resident, "one").pk, held_review(story, other_resident, "two").pk]
    moderator_client.post(QUEUE + "act/", {"selected": ids, "action": "care", "tab": "held"})
    assert set(CommentReview.objects.filter(pk__in=ids).values_list("state", flat=True)) == {CommentState.CARE}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, other_resident.email])


def test_residents_cannot_hold_for_care(story, resident, other_resident, resident_client, mailoutbox):
    review = held_review(story, other_resident)
    resident_client.post(QUEUE + "act/", {"care_one": review.pk})
    review.refresh_from_db()
    assert review.state == CommentState.HELD and len(mail.outbox) == 0
