"""E-mails to followers. Each goes to one person, with their own one-click unsubscribe link.

Only public comments are ever announced, and only once: `comment_published` is called
when a comment first becomes public (on posting, or when a moderator approves it later,
which xtd itself never announces). The sending runs as a task, so production can fan
out from a worker.

Nothing is sent before the change it announces is committed (`transaction.on_commit`): a
request that fails and rolls back announces nothing. A mail server that fails loses no
comment: each e-mail that cannot be sent is logged here and the others still go.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(follow):
    return signing.dumps({"f": follow.pk, "u": follow.user_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """(follow id, user id), or None when the token was not made by us."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["f"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(follow):
    return settings.WAGTAILADMIN_BASE_URL + reverse("notifications_unsubscribe", args=[unsubscribe_token(follow)])


def _send(follow, subject, template, context):
    url = unsubscribe_url(follow)
    context = {
        **context,
        "member": follow.user,
        "unsubscribe_url": url,
        "settings_url": settings.WAGTAILADMIN_BASE_URL + reverse("notification_settings"),
    }
    message = EmailMessage(
        subject,
        render_to_string(template, context),
        to=[follow.user.email],
        # RFC 8058: mail programs can offer an "unsubscribe" button that posts to the link.
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    try:
        message.send()
    except Exception:
        # The mail server is down or refused it: the comment is saved whatever happens here.
        logger.exception("Could not send the notification %r to follow %s", subject, follow.pk)
        return False
    return True


def enqueue_after_commit(task, *args):
    """Queue `task` once the current transaction commits (at once outside one); never raises."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(enqueue)


def comment_published(review):
    """Call when a comment has just become public. Announces it once, never again."""
    if review.notified_at or not review.comment.is_public or review.comment.is_removed:
        return
    review.notified_at = timezone.now()
    review.save(update_fields=["notified_at"])
    enqueue_after_commit(send_comment_notifications, review.comment_id)


@task()
def send_comment_notifications(comment_id):
    from django_comments_xtd.models import XtdComment
    from wagtail.models import Page

    from care.models import current_quiet_period
    from moderation.responses_pages import comment_url

    from .models import Follow

    comment = XtdComment.norel_objects.filter(pk=comment_id, is_public=True, is_removed=False).first()
    if comment is None:
        return 0
    page = Page.objects.filter(pk=comment.object_pk, live=True).specific().first()
    if page is None:
        return 0
    if current_quiet_period(page.pk):
        # The family asked for quiet: nothing about this page goes out, checked at send time.
        return 0
    follows = (
        Follow.objects.filter(page_id=page.pk, user__is_active=True)
        .exclude(user_id=comment.user_id)
        .select_related("user__profile")
    )
    # The page of responses that shows it, as a visitor numbers them (one query for everyone).
    link = comment_url(comment, page_url=page.full_url)
    sent = 0
    for follow in follows:
        sent += _send(
            follow,
            f"New response to “{page.title}”",
            "notifications/email/new_comment.txt",
            {"page": page, "comment": comment, "comment_link": link},
        )
    return sent


def thread_published(thread):
    enqueue_after_commit(send_thread_notifications, thread.pk)


@task()
def send_thread_notifications(thread_id):
    from boroughs.models import ThreadPage

    from .models import Follow

    thread = ThreadPage.objects.filter(pk=thread_id, live=True).select_related("borough").first()
    if thread is None:
        return 0
    follows = (
        Follow.objects.filter(borough_id=thread.borough_id, user__is_active=True)
        .exclude(user_id=thread.owner_id)
        .select_related("user__profile")
    )
    sent = 0
    for follow in follows:
        sent += _send(
            follow,
            f"New discussion in {thread.borough.name}: “{thread.title}”",
            "notifications/email/new_thread.txt",
            {"thread": thread, "borough": thread.borough, "page_url": thread.full_url},
        )
    return sent
