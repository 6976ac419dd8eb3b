"""Quiet periods: the family pauses responses and notifications on their story; it ends by itself."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry

from care import actions as care_actions
from care.models import QuietPeriod, current_quiet_period
from moderation import actions
from moderation.models import CommentReview, CommentState
from notifications.models import Follow
from notifications.notify import send_comment_notifications
from tests.conftest import signed_in_client

from .helpers import make_comment, post, trust

NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))


def quiet(story, by, days=7, start=None):
    start = start or timezone.now() - datetime.timedelta(hours=1)
    return care_actions.set_quiet_period(story, starts_at=start, ends_at=start + datetime.timedelta(days=days), by=by)


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def trusted(story, resident):
    trust(resident, story)
    return resident


def test_posting_during_a_quiet_period_is_refused_kindly_with_the_words_kept(story, family, trusted, resident_client):
    quiet(story, family)
    response = post(resident_client, story, "My words for the family.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "The family has asked for a quiet time on this page" in html
    assert "My words for the family." in html  # kept in the form
    assert not CommentReview.objects.filter(comment__comment="My words for the family.").exists()


def test_the_page_says_responses_are_paused_and_shows_no_form(story, family, trusted, resident_client):
    quiet(story, family)
    html = resident_client.get(story.url).content.decode()
    assert "The family has asked for a quiet time, so responses are paused until" in html
    assert "Add your response" not in html


def test_quiet_period_ends_by_itself(story, family, trusted, resident_client):
    with at(NOW):
        quiet(story, family, days=2, start=NOW)
        assert post(resident_client, story, "During.").status_code == 403
    with at(NOW - datetime.timedelta(minutes=1)):
        assert post(resident_client, story, "Just before.").status_code == 302
    with at(NOW + datetime.timedelta(days=2)):
        assert current_quiet_period(story.pk) is None
        assert post(resident_client, story, "Just after.").status_code == 302
        assert "Add your response" in resident_client.get(story.url).content.decode()
    assert set(CommentReview.objects.values_list("comment__comment", flat=True)) >= {"Just before.", "Just after."}


def test_no_notification_is_sent_during_a_quiet_period_even_for_comments_approved_then(
    story, family, resident, other_resident, moderator, mailoutbox
):
    Follow.objects.create(user=other_resident, page_id=story.pk)
    held = make_comment(story, resident, "Waiting since last week.", state=CommentState.HELD)
    quiet(story, family)
    actions.approve(CommentReview.objects.get(comment=held), by=moderator)
    assert held.__class__.objects.get(pk=held.pk).is_public
    assert [m for m in mail.outbox if other_resident.email in m.to] == []


def test_the_check_is_made_at_send_time(story, family, resident, other_resident, mailoutbox):
    """A notification queued before the quiet period began, and sent during it, is not sent."""
    Follow.objects.create(user=other_resident, page_id=story.pk)
    comment = make_comment(story, resident, "Posted before the quiet.")
    quiet(story, family)
    assert send_comment_notifications.call(comment.pk) == 0
    assert len(mail.outbox) == 0
    care_actions.end_quiet_period(story, by=family)
    assert send_comment_notifications.call(comment.pk) == 1
    assert mail.outbox[0].to == [other_resident.email]


def test_notifications_resume_after_the_quiet_period(
    story, family, trusted, resident_client, other_resident, mailoutbox
):
    Follow.objects.create(user=other_resident, page_id=story.pk)
    with at(NOW):
        quiet(story, family, days=1, start=NOW)
    with at(NOW + datetime.timedelta(days=1, minutes=1)):
        assert post(resident_client, story, "The day after.").status_code == 302
    assert [m.to for m in mail.outbox] == [[other_resident.email]]


# The family's controls


def test_family_sets_sees_and_ends_a_quiet_period_from_the_public_site(story, family, family_client):
    url = f"/me/stories/{story.pk}/quiet/"
    assert "Choose the quiet days" in family_client.get(url).content.decode()
    today = timezone.localdate()
    response = family_client.post(url, {"starts_on": today, "ends_on": today + datetime.timedelta(days=3)})
    assert response.status_code == 302
    period = QuietPeriod.objects.get(story=story)
    assert period.is_current() and period.created_by == family
    assert timezone.localtime(period.ends_at).date() == today + datetime.timedelta(days=4)  # midnight after
    assert PageLogEntry.objects.filter(page=story, action="care.quiet_period_set", user=family).exists()
    page = family_client.get(url).content.decode()
    assert "Quiet now." in page and "End the quiet time now" in page
    assert "Quiet until" in family_client.get(story.url).content.decode()  # family controls on the story
    assert f"/me/stories/{story.pk}/quiet/" in family_client.get("/me/stories/").content.decode()

    family_client.post(url + "end/")
    assert current_quiet_period(story.pk) is None
    period.refresh_from_db()
    assert period.ended_early_at is not None
    assert PageLogEntry.objects.filter(page=story, action="care.quiet_period_end", user=family).exists()


def test_a_planned_quiet_period_starts_later_and_can_be_cancelled(story, family, family_client):
    url = f"/me/stories/{story.pk}/quiet/"
    start = timezone.localdate() + datetime.timedelta(days=10)
    family_client.post(url, {"starts_on": start, "ends_on": start + datetime.timedelta(days=1)})
    assert current_quiet_period(story.pk) is None
    assert "Planned." in family_client.get(url).content.decode()
    family_client.post(url + "end/")
    assert not QuietPeriod.objects.exists()


@pytest.mark.parametrize(
    "days, message",
    [((-3, -1), "already passed"), ((2, 1), "on or after the first one"), ((0, 400), "up to a year")],
)
def test_quiet_period_form_explains_mistakes(story, family_client, days, message):
    today = timezone.localdate()
    response = family_client.post(
        f"/me/stories/{story.pk}/quiet/",
        {"starts_on": today + datetime.timedelta(days=days[0]), "ends_on": today + datetime.timedelta(days=days[1])},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not QuietPeriod.objects.exists()


def test_only_the_owner_can_see_or_change_the_quiet_period(story, family, other_family, resident, moderator):
    url = f"/me/stories/{story.pk}/quiet/"
    today = timezone.localdate()
    data = {"starts_on": today, "ends_on": today + datetime.timedelta(days=1)}
    other = signed_in_client(other_family)
    assert other.get(url).status_code == 404
    assert other.post(url, data).status_code == 404
    assert signed_in_client(resident).post(url, data).status_code == 403
    assert signed_in_client(moderator).post(url, data).status_code in (403, 404)
    assert not QuietPeriod.objects.exists()

    quiet(story, family)
    assert other.post(url + "end/").status_code == 404
    assert signed_in_client(resident).post(url + "end/").status_code == 403
    assert current_quiet_period(story.pk) is not None
    assert "Ask for a quiet time" not in other.get(story.url).content.decode()
