"""Nothing lost to faults: a failing mail server, a database error in the middle of a request.

Mail goes out only after the change it announces is committed; a mail error is logged and
never reaches the member (their comment, decision or story is saved all the same). A
database error after the first write of a request leaves nothing half-saved. Runs on
SQLite and on PostgreSQL (DATABASE_URL=postgres://...).
"""

import logging
import smtplib

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, Revision, Workflow, WorkflowState

from boroughs.models import Borough, ThreadPage
from moderation import actions
from moderation.models import CommentReview, CommentState
from notifications.models import Follow
from notifications.notify import comment_published
from stories.models import StoryPage
from tests.factories import MemorialPageFactory, UserFactory
from tests.moderation.helpers import form_data, make_comment, trust
from tests.stories.helpers import fields_for_memorial

FAILING_ADDRESS = "unreachable@example.org"


class PartlyFailingBackend(LocmemBackend):
    """The mail server refuses any message to FAILING_ADDRESS (as an SMTP server would); others are delivered."""

    def send_messages(self, messages):
        for message in messages:
            if FAILING_ADDRESS in message.recipients():
                raise smtplib.SMTPRecipientsRefused({FAILING_ADDRESS: (550, b"mailbox unavailable")})
        return super().send_messages(messages)


class DownBackend(LocmemBackend):
    """The mail server is down: nothing can be sent."""

    def open(self):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, messages):
        self.open()


PARTLY_FAILING = f"{__name__}.PartlyFailingBackend"
DOWN = f"{__name__}.DownBackend"


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")


@pytest.fixture
def caplog_errors(caplog):
    caplog.set_level(logging.ERROR)
    return caplog


def logged(caplog, logger_name):
    return [r for r in caplog.records if r.name == logger_name and r.levelno >= logging.ERROR]


# --- A failing mail server ------------------------------------------------------------------


def test_a_mail_server_refusing_one_follower_loses_no_comment_and_the_others_are_told(
    settings, story, resident, resident_client, caplog_errors
):
    settings.EMAIL_BACKEND = PARTLY_FAILING
    trust(resident, story)
    unreachable = UserFactory(email=FAILING_ADDRESS)
    reachable = UserFactory()
    Follow.objects.create(user=unreachable, page=story)
    Follow.objects.create(user=reachable, page=story)
    mail.outbox.clear()

    response = resident_client.post("/comments/post/", form_data(story, "We remember him every day."))

    assert response.status_code == 302  # the normal redirect back to the page
    comment = XtdComment.objects.get(comment="We remember him every day.")
    assert comment.is_public
    assert CommentReview.objects.get(comment=comment).state == CommentState.PUBLISHED
    assert [m.to for m in mail.outbox] == [[reachable.email]]
    [record] = logged(caplog_errors, "notifications.notify")
    assert "Could not send the notification" in record.getMessage()
    assert isinstance(record.exc_info[1], smtplib.SMTPRecipientsRefused)


def test_a_mail_server_that_is_down_loses_no_comment(settings, story, resident, resident_client, caplog_errors):
    settings.EMAIL_BACKEND = DOWN
    trust(resident, story)
    Follow.objects.create(user=UserFactory(), page=story)

    response = resident_client.post("/comments/post/", form_data(story, "Thinking of you all."))

    assert response.status_code == 302  # the normal redirect back to the page, with the normal message
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Thank you. Your response is published."]
    assert XtdComment.objects.filter(comment="Thinking of you all.", is_public=True).exists()
    assert logged(caplog_errors, "notifications.notify")


def test_a_moderators_approval_and_rejection_stand_when_the_mail_server_is_down(
    settings, story, resident, moderator_client, caplog_errors
):
    settings.EMAIL_BACKEND = DOWN
    Follow.objects.create(user=UserFactory(), page=story)
    to_approve = make_comment(story, resident, "Held, then approved", state=CommentState.HELD)
    to_reject = make_comment(story, resident, "Held, then rejected", state=CommentState.HELD)
    approve_review = CommentReview.objects.get(comment=to_approve)
    reject_review = CommentReview.objects.get(comment=to_reject)

    approved = moderator_client.post("/admin/comment-moderation/act/", {"approve_one": approve_review.pk})
    rejected = moderator_client.post(
        f"/admin/comment-moderation/{reject_review.pk}/reject/", {"reason": "It names someone."}
    )

    assert approved.status_code == 302 and rejected.status_code == 302
    approve_review.refresh_from_db()
    reject_review.refresh_from_db()
    assert approve_review.state == CommentState.PUBLISHED and approve_review.notified_at is not None
    assert reject_review.state == CommentState.REJECTED and reject_review.rejection_reason == "It names someone."
    assert XtdComment.objects.get(pk=to_approve.pk).is_public
    assert XtdComment.objects.get(pk=to_reject.pk).is_removed
    assert logged(caplog_errors, "notifications.notify")  # the followers' e-mail about the approved comment
    [rejection] = logged(caplog_errors, "core.mail")  # the author's rejection e-mail
    assert "comment_rejected" in rejection.getMessage()


def test_a_rejection_email_goes_only_after_the_commit(story, resident, moderator):
    review = CommentReview.objects.get(comment=make_comment(story, resident, "Held", state=CommentState.HELD))
    mail.outbox.clear()

    with pytest.raises(DatabaseError), transaction.atomic():
        actions.reject(review, by=moderator, reason="It names someone.")
        assert mail.outbox == []  # written, not sent: the decision is not committed yet
        raise DatabaseError("the request fails after the decision")

    assert mail.outbox == []  # rolled back, so nobody is told about a decision that was never made
    assert CommentReview.objects.get(pk=review.pk).state == CommentState.HELD

    actions.reject(review, by=moderator, reason="It names someone.")
    assert [m.to for m in mail.outbox] == [[resident.email]]


def test_followers_are_told_of_a_comment_only_after_the_commit(story, resident):
    Follow.objects.create(user=UserFactory(), page=story)
    review = CommentReview.objects.get(comment=make_comment(story, resident, "Published"))
    mail.outbox.clear()

    with pytest.raises(DatabaseError), transaction.atomic():
        comment_published(review)
        assert mail.outbox == []
        raise DatabaseError("the request fails after the comment")

    # Nobody is told of a response that does not exist; only the administrators hear of the error
    # (Django's own report to settings.ADMINS).
    admins = {address for _name, address in settings.ADMINS}
    told = [(m.subject, m.to) for m in mail.outbox if not set(m.to) <= admins]
    assert told == []
    review.refresh_from_db()
    comment_published(review)
    assert len(mail.outbox) == 1


# --- A database error in the middle of a request --------------------------------------------


def fail(*args, **kwargs):
    raise DatabaseError("the database went away")


@pytest.mark.parametrize(
    "target",
    [
        "moderation.models.CommentReview.objects.create",  # right after the comment row
        "core.ratelimit.Limit.record",  # after the comment and its review
        "notifications.models.Follow.objects.get_or_create",  # after everything but the announcement
    ],
)
def test_a_database_error_while_posting_leaves_no_comment(monkeypatch, story, resident, target):
    trust(resident, story)
    root = make_comment(story, resident, "Root")
    before = XtdComment.objects.count()
    Follow.objects.create(user=UserFactory(), page=story)
    mail.outbox.clear()
    monkeypatch.setattr(target, fail)
    client = Client(raise_request_exception=False)
    client.force_login(resident)

    response = client.post("/comments/post/", form_data(story, "Half-saved?", reply_to=root.pk, follow="on"))

    assert response.status_code == 500
    assert XtdComment.objects.count() == before
    assert not CommentReview.objects.filter(comment__comment="Half-saved?").exists()
    root.refresh_from_db()
    assert root.nested_count == 0  # xtd's count of replies was rolled back with the reply
    assert not Follow.objects.filter(user=resident).exists()
    # Nobody is told of a response that does not exist; only the administrators hear of the error
    # (Django's own report to settings.ADMINS).
    admins = {address for _name, address in settings.ADMINS}
    told = [(m.subject, m.to) for m in mail.outbox if not set(m.to) <= admins]
    assert told == []


@pytest.mark.parametrize(
    "target",
    [
        "wagtail.models.Workflow.start",  # the story page and its revision are written first
        "wagtail.models.Page.save_revision",  # the page row is written first
    ],
)
def test_a_database_error_while_sharing_a_story_leaves_no_story(monkeypatch, family, target):
    pages, revisions, states = Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()
    assert Workflow.objects.exists()
    monkeypatch.setattr(target, fail)
    client = Client(raise_request_exception=False)
    client.force_login(family)

    response = client.post(
        "/share/memorial/", fields_for_memorial(borough=Borough.objects.get(slug="southwark").pk, action="submit")
    )

    assert response.status_code == 500
    assert not StoryPage.objects.filter(title__contains="Sam Example").exists()
    assert (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()) == (
        pages,
        revisions,
        states,
    )


def test_a_database_error_while_starting_a_discussion_leaves_no_thread(monkeypatch, resident):
    pages, revisions = Page.objects.count(), Revision.objects.count()
    monkeypatch.setattr("wagtail.models.Workflow.start", fail)
    client = Client(raise_request_exception=False)
    client.force_login(resident)

    response = client.post(
        "/boroughs/hackney/start-a-discussion/", {"title": "Safer walks home", "body": "Shall we walk together?"}
    )

    assert response.status_code == 500
    assert not ThreadPage.objects.filter(title="Safer walks home").exists()
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def workflow_action_url(page, action):
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_a_story_is_submitted_and_approved_when_the_mail_server_is_down(
    settings, family, family_client, moderator, moderator_client, caplog_errors
):
    """Wagtail's workflow e-mails (to moderators on submission, to the family on approval) fail quietly."""
    settings.EMAIL_BACKEND = DOWN
    southwark = Borough.objects.get(slug="southwark")

    response = family_client.post("/share/memorial/", fields_for_memorial(borough=southwark.pk, action="submit"))

    assert response.status_code == 302
    story = StoryPage.objects.get(title__contains="Sam Example")
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert logged(caplog_errors, "notifications.workflow_mail")  # the moderators' "please review" e-mail
    caplog_errors.clear()

    response = moderator_client.post(workflow_action_url(story, "approve"))

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    assert logged(caplog_errors, "notifications.workflow_mail")  # the family's "it is published" e-mail


def test_wagtail_workflow_emails_go_only_after_the_commit(family, moderator, mailoutbox):
    story = MemorialPageFactory(owner=family, title="Drafted", live=False)
    story.save_revision(user=family)
    mailoutbox.clear()

    with pytest.raises(DatabaseError), transaction.atomic():
        Workflow.objects.get(name="Moderators approval").start(story, family)
        assert mailoutbox == []
        raise DatabaseError("the request fails after the submission")

    assert mailoutbox == []
    Workflow.objects.get(name="Moderators approval").start(story, family)
    assert [m.to for m in mailoutbox] == [[moderator.email]]
