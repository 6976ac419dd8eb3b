"""The moderation queue in the Wagtail admin: tabs, approve, reject with a kind e-mail, sanctions, audit log."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from moderation.models import CommentFlagReport, CommentReview, CommentState, Sanction, SanctionKind

from .helpers import make_comment, post

QUEUE = "/admin/comment-moderation/"


def test_residents_cannot_open_the_queue_or_act(story, resident, resident_client):
    comment = make_comment(story, resident, state=CommentState.HELD)
    review = CommentReview.objects.get(comment=comment)
    assert resident_client.get(QUEUE).status_code in (302, 403)
    resident_client.post(QUEUE + "act/", {"approve_one": review.pk})
    comment.refresh_from_db()
    assert comment.is_public is False


def test_queue_lists_held_reported_and_hidden_comments_with_reasons_and_author_history(
    story, resident, other_resident, moderator_client
):
    make_comment(story, resident, "Approved before")
    make_comment(story, resident, "Rejected before", state=CommentState.REJECTED)
    held = make_comment(story, resident, "Held words", state=CommentState.HELD)
    CommentReview.objects.filter(comment=held).update(reasons=[{"code": "phone", "label": "contains a phone number"}])
    reported = make_comment(story, other_resident, "Reported words")
    CommentFlagReport.objects.create(comment=reported, user=resident, reason="spam", detail="selling things")
    make_comment(story, other_resident, "Hidden words", state=CommentState.HIDDEN)

    held_tab = moderator_client.get(QUEUE).content.decode()
    assert "Held words" in held_tab and "contains a phone number" in held_tab
    assert "1 approved · 1 rejected" in held_tab
    assert "Reported words" not in held_tab
    reported_tab = moderator_client.get(QUEUE + "?tab=flagged").content.decode()
    assert "Reported words" in reported_tab and "selling things" in reported_tab
    assert "Approved before" not in reported_tab  # published, never reported
    assert "Hidden words" in moderator_client.get(QUEUE + "?tab=hidden").content.decode()


def test_menu_shows_how_many_comments_wait(story, resident, moderator_client):
    make_comment(story, resident, "Published, not counted")
    make_comment(story, resident, state=CommentState.HELD)
    make_comment(story, resident, state=CommentState.HELD)
    assert "Response moderation (2)" in moderator_client.get("/admin/").content.decode()


def test_approve_publishes_and_is_in_the_audit_log(story, resident, moderator, moderator_client):
    comment = make_comment(story, resident, "Held words", state=CommentState.HELD)
    review = CommentReview.objects.get(comment=comment)
    response = moderator_client.post(QUEUE + "act/", {"approve_one": review.pk, "tab": "held"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public is True
    entry = ModelLogEntry.objects.get(action="moderation.approve")
    assert entry.user_id == moderator.pk
    history = moderator_client.get("/admin/reports/site-history/").content.decode()
    assert "Response approved" in history


def test_reject_needs_a_reason_and_sends_the_author_a_kind_email(story, resident, moderator_client):
    comment = make_comment(story, resident, "Held words", state=CommentState.HELD)
    review = CommentReview.objects.get(comment=comment)
    url = f"{QUEUE}{review.pk}/reject/"
    assert "Reason (sent to the author)" in moderator_client.get(url).content.decode()
    assert moderator_client.post(url, {"reason": "  "}).status_code == 200
    comment.refresh_from_db()
    assert comment.is_removed is False
    mail.outbox.clear()
    moderator_client.post(url, {"reason": "It names someone. Please write again without the name."})
    comment.refresh_from_db()
    assert comment.is_removed is True and comment.is_public is False
    assert CommentReview.objects.get(comment=comment).state == CommentState.REJECTED
    [message] = mail.outbox
    assert message.to == [resident.email]
    assert "It names someone" in message.body and "Held words" in message.body
    assert "Thank you for taking the time" in message.body
    assert ModelLogEntry.objects.filter(action="moderation.reject").count() == 1


def test_bulk_approve_and_bulk_reject(story, resident, other_resident, moderator_client):
    a = make_comment(story, resident, "A", state=CommentState.HELD)
    b = make_comment(story, other_resident, "B", state=CommentState.HELD)
    c = make_comment(story, other_resident, "C", state=CommentState.HELD)
    ids = {x.pk: CommentReview.objects.get(comment=x).pk for x in (a, b, c)}
    moderator_client.post(QUEUE + "act/", {"selected": [ids[a.pk], ids[b.pk]], "action": "approve"})
    assert [x.is_public for x in (a, b, c) if not x.refresh_from_db()] == [True, True, False]
    moderator_client.post(QUEUE + "act/", {"selected": [ids[c.pk]], "action": "reject", "reason": ""})
    c.refresh_from_db()
    assert c.is_removed is False  # no reason, nothing rejected
    moderator_client.post(QUEUE + "act/", {"selected": [ids[c.pk]], "action": "reject", "reason": "Off topic"})
    c.refresh_from_db()
    assert c.is_removed is True


def test_keeping_a_reported_comment_resolves_its_reports(story, resident, other_resident, moderator_client):
    comment = make_comment(story, other_resident, "Reported words")
    CommentFlagReport.objects.create(comment=comment, user=resident, reason="spam")
    review = CommentReview.objects.get(comment=comment)
    moderator_client.post(QUEUE + "act/", {"approve_one": review.pk, "tab": "flagged"})
    assert "Reported words" not in moderator_client.get(QUEUE + "?tab=flagged").content.decode()


def test_moderator_hides_a_comment_from_the_page(story, resident, moderator_client):
    comment = make_comment(story, resident, "Too much")
    moderator_client.post(f"/comments/{comment.pk}/hide/", {"next": story.url})
    comment.refresh_from_db()
    assert comment.is_public is False
    assert ModelLogEntry.objects.filter(action="moderation.hide").exists()


def test_resident_cannot_use_the_moderator_hide(story, resident, other_resident):
    comment = make_comment(story, resident, "Fine words")
    client = Client()
    client.force_login(other_resident)
    assert client.post(f"/comments/{comment.pk}/hide/").status_code == 403
    comment.refresh_from_db()
    assert comment.is_public is True


def test_sanctions_warn_premoderate_suspend_ban(story, resident, moderator, moderator_client):
    url = f"{QUEUE}member/{resident.pk}/sanction/"
    mail.outbox.clear()
    moderator_client.post(url, {"kind": "warn", "reason": "Please be gentle."})
    assert "Nothing has changed on your account" in mail.outbox[-1].body
    assert moderator_client.post(url, {"kind": "suspend", "reason": "Threats"}).status_code == 200  # needs days
    moderator_client.post(url, {"kind": "suspend", "days": 7, "reason": "Threats"})
    suspension = Sanction.objects.get(kind=SanctionKind.SUSPEND)
    assert suspension.until is not None and suspension.created_by == moderator
    assert "paused from posting" in mail.outbox[-1].body
    client = Client()
    client.force_login(resident)
    assert post(client, story, "Let me back").status_code == 403
    assert ModelLogEntry.objects.filter(action="moderation.sanction").count() == 2


def test_screening_list_is_editable_by_moderators(story, resident, moderator_client):
    from moderation.models import ScreeningPhrase

    response = moderator_client.post(
        "/admin/screening_phrases/new/", {"phrase": "Big Estate Beef", "category": "callout", "is_active": "on"}
    )
    assert response.status_code == 302
    assert ScreeningPhrase.objects.filter(phrase="big estate beef").exists()


def test_thresholds_are_editable_by_moderators(moderator_client):
    from moderation.models import ModerationSettings

    url = f"/admin/settings/moderation/moderationsettings/{ModerationSettings.load().pk}/"
    response = moderator_client.post(url, {"trusted_after": 5, "flags_to_hide": 2})
    assert response.status_code == 302
    assert ModerationSettings.load().flags_to_hide == 2


def test_lifting_a_sanction_in_the_admin_tells_the_member_and_they_can_post_again(
    story, resident, moderator, moderator_client
):
    suspension = Sanction.objects.create(
        user=resident, kind=SanctionKind.SUSPEND, reason="Threats", until=timezone.now() + timedelta(days=7)
    )
    client = Client()
    client.force_login(resident)
    assert post(client, story, "Let me back").status_code == 403
    mail.outbox.clear()

    # A change that leaves it in force (a shorter suspension) is not announced as lifted.
    until = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = moderator_client.post(f"/admin/sanctions/edit/{suspension.pk}/", {"until": until, "lifted_at": ""})
    assert response.status_code == 302
    assert mail.outbox == []

    lifted_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    response = moderator_client.post(
        f"/admin/sanctions/edit/{suspension.pk}/", {"until": until, "lifted_at": lifted_at}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [resident.email]
    assert "you can post on London Listens again" in message.body
    assert ModelLogEntry.objects.filter(action="moderation.sanction_lifted", user=moderator).count() == 1
    assert post(client, story, "Thank you").status_code == 302
