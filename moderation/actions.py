"""Everything that changes a comment's moderation state, in one place.

Each function keeps xtd's `is_public`/`is_removed` in step with `CommentReview.state`,
writes the action to Wagtail's audit log (Reports → Site history) and sends the
e-mail that goes with it. Views (public and admin) only call these.

E-mails go out only once the action is committed, and a mail server that fails never undoes
or interrupts a moderator's decision: the error is logged (`moderation.actions`).
"""

import logging
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from core.mail import send_after_commit

from . import signals
from .models import CommentFlagReport, CommentReview, CommentState, ModerationSettings, Sanction, SanctionKind

APPROVE = "moderation.approve"
REJECT = "moderation.reject"
HIDE = "moderation.hide"
AUTO_HIDE = "moderation.auto_hide"
FAMILY_HIDE = "moderation.family_hide"
SANCTION = "moderation.sanction"
SANCTION_LIFTED = "moderation.sanction_lifted"
COMMENT_POLICY = "moderation.comment_policy"
HOLD_FOR_CARE = "moderation.hold_for_care"
FAMILY_UNHIDE = "moderation.family_unhide"

LOG_ACTIONS = [
    (APPROVE, "Approve response", "Response approved"),
    (REJECT, "Reject response", "Response rejected"),
    (HIDE, "Hide response", "Response hidden by a moderator"),
    (AUTO_HIDE, "Hide response after reports", "Response hidden after reports from members"),
    (FAMILY_HIDE, "Family asks to hide response", "Response hidden at the family's request"),
    (SANCTION, "Sanction member", "Member sanctioned"),
    (SANCTION_LIFTED, "Lift sanction", "Sanction lifted"),
    (COMMENT_POLICY, "Change who may respond", "Who may respond changed"),
    (HOLD_FOR_CARE, "Hold response for care", "Response held for care; the author was sent support links"),
    (FAMILY_UNHIDE, "Family undoes hiding response", "Response shown again: the family undid asking to hide it"),
]


logger = logging.getLogger(__name__)


def _page_for(comment):
    return Page.objects.filter(pk=comment.object_pk).specific().first()


def _mail(template, context, to):
    send_after_commit(f"moderation/email/{template}", context, to)


def moderator_emails():
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(groups__name="Moderators") | Q(is_superuser=True))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _set_state(review, state, *, by, public, removed=False, reasons=None):
    comment = review.comment
    comment.is_public = public
    comment.is_removed = removed
    comment.save(update_fields=["is_public", "is_removed"])
    review.state = state
    review.decided_by = by
    review.decided_at = timezone.now()
    if reasons is not None:
        review.reasons = reasons
    review.save()


@transaction.atomic
def approve(review, *, by):
    """Publish a held or hidden comment. Its replies keep their own state."""
    _set_state(review, CommentState.PUBLISHED, by=by, public=True)
    review.comment.flag_reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    log(instance=review, action=APPROVE, user=by, data={"comment": review.comment_id})
    signals.comment_published.send(sender=CommentReview, review=review)


@transaction.atomic
def reject(review, *, by, reason):
    """Remove a comment for good and tell its author why, kindly."""
    _set_state(review, CommentState.REJECTED, by=by, public=False, removed=True)
    review.rejection_reason = reason
    review.save(update_fields=["rejection_reason"])
    review.comment.flag_reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    log(instance=review, action=REJECT, user=by, data={"comment": review.comment_id, "reason": reason})
    comment = review.comment
    if comment.user_id and comment.user.email:
        _mail(
            "comment_rejected",
            {"member": comment.user, "comment": comment, "reason": reason, "page": _page_for(comment)},
            [comment.user.email],
        )


@transaction.atomic
def hold_for_care(review, *, by):
    """Keep a held comment unpublished for good, and write to its author with support, not a rejection.

    Nothing is announced (the comment never becomes public). Returns False if it was not held.
    """
    if review.state != CommentState.HELD:
        return False
    _set_state(review, CommentState.CARE, by=by, public=False)
    log(instance=review, action=HOLD_FOR_CARE, user=by, data={"comment": review.comment_id})
    comment = review.comment
    if comment.user_id and comment.user.email:
        from support.panel import services_near

        page = _page_for(comment)
        crisis_lines, services = services_near(getattr(page, "borough", None))
        _mail(
            "comment_held_for_care",
            {
                "member": comment.user,
                "page": page,
                "borough": getattr(page, "borough", None),
                "crisis_lines": crisis_lines,
                "services": services,
            },
            [comment.user.email],
        )
    return True


@transaction.atomic
def hide(review, *, by, reason_code, label, action=HIDE):
    """Take a published comment down until a moderator decides; moderators are told."""
    if review.state != CommentState.PUBLISHED:
        return False
    _set_state(
        review,
        CommentState.HIDDEN,
        by=by,
        public=False,
        reasons=[*review.reasons, {"code": reason_code, "label": label}],
    )
    log(instance=review, action=action, user=by, data={"comment": review.comment_id, "reason": label})
    recipients = moderator_emails()
    if recipients:
        _mail(
            "comment_hidden",
            {"comment": review.comment, "label": label, "page": _page_for(review.comment)},
            recipients,
        )
    return True


def flag(comment, *, user, reason, detail=""):
    """Record one member's report. Returns False if they had already reported it.

    When enough different members have reported it, it is hidden pending review.
    """
    with transaction.atomic():
        if CommentFlagReport.objects.filter(comment=comment, user=user).exists():
            return False
        CommentFlagReport.objects.create(comment=comment, user=user, reason=reason, detail=detail)
    open_reports = comment.flag_reports.filter(resolved_at__isnull=True).values("user").distinct().count()
    if open_reports >= ModerationSettings.load().flags_to_hide:
        # An imported response (from before this app) has no review row yet: make it, as other paths do.
        review = CommentReview.for_comment(comment)
        hide(
            review,
            by=None,
            reason_code="flags",
            label=f"reported by {open_reports} members",
            action=AUTO_HIDE,
        )
    return True


def family_hide(review, *, by):
    return hide(
        review,
        by=by,
        reason_code="family_request",
        label="the family asked for it to be hidden",
        action=FAMILY_HIDE,
    )


@transaction.atomic
def sanction(user, *, kind, reason, by, days=None):
    until = timezone.now() + timedelta(days=days) if days and kind != SanctionKind.BAN else None
    if kind == SanctionKind.WARN:
        until = None
    record = Sanction.objects.create(user=user, kind=kind, reason=reason, until=until, created_by=by)
    log(
        instance=record,
        action=SANCTION,
        user=by,
        data={"member": user.pk, "kind": kind, "days": days, "reason": record.reason},
    )
    _mail("sanction", {"member": user, "sanction": record}, [user.email])
    return record


def sanction_edited(record, *, was_active, by):
    """After a moderator edits a sanction: if that ended it, log it and tell the member they can post again."""
    if not was_active or Sanction.objects.active().filter(pk=record.pk).exists():
        return
    log(instance=record, action=SANCTION_LIFTED, user=by, data={"member": record.user_id, "kind": record.kind})
    if record.kind != SanctionKind.WARN:
        _mail("sanction_lifted", {"member": record.user, "sanction": record}, [record.user.email])


def set_comment_policy(page, policy, *, by):
    """The family changes who may respond to their story, on the live page and its latest draft."""
    page.comment_policy = policy
    page.save(update_fields=["comment_policy"], clean=False)
    revision = page.latest_revision
    if revision and revision.content.get("comment_policy") != policy:
        # A later edit is built from the latest revision: keep it in step, or publishing would undo the change.
        revision.content["comment_policy"] = policy
        revision.save(update_fields=["content"])
    log(instance=page, action=COMMENT_POLICY, user=by, data={"policy": policy})


FAMILY_REQUEST = "family_request"


@transaction.atomic
def ask_to_hide(review, *, by):
    """The family hides a comment on their story at once, in a way they can undo (`undo_ask_to_hide`).

    `family_hide`, remembering in the hide's reason what the review said before (who last decided
    and when), so an undo can put it back exactly. Returns False if it was not published.
    """
    before = {
        "decided_by": review.decided_by_id,
        "decided_at": review.decided_at.isoformat() if review.decided_at else None,
    }
    if not family_hide(review, by=by):
        return False
    review.reasons[-1]["before"] = before
    review.save(update_fields=["reasons"])
    return True


def can_undo_ask_to_hide(review, user):
    """Whether `user` hid this comment as the family and no moderator has decided since."""
    last = review.reasons[-1] if review.reasons else {}
    return (
        review.state == CommentState.HIDDEN
        and user is not None
        and review.decided_by_id == user.pk
        and last.get("code") == FAMILY_REQUEST
    )


@transaction.atomic
def undo_ask_to_hide(review, *, by):
    """The family changes their mind: the comment is published again exactly as it was before they
    asked (its reasons, and who last decided and when), if no moderator has decided meanwhile.

    Logged; nobody is e-mailed (followers heard of it when it was first published). Returns False
    when it cannot be undone.
    """
    review = CommentReview.objects.select_for_update().select_related("comment").get(pk=review.pk)
    if not can_undo_ask_to_hide(review, by):
        return False
    before = review.reasons[-1].get("before", {})
    comment = review.comment
    comment.is_public = True
    comment.is_removed = False
    comment.save(update_fields=["is_public", "is_removed"])
    review.state = CommentState.PUBLISHED
    review.reasons = review.reasons[:-1]
    review.decided_by_id = before.get("decided_by")
    decided_at = before.get("decided_at")
    review.decided_at = datetime.fromisoformat(decided_at) if decided_at else None
    review.save()
    log(instance=review, action=FAMILY_UNHIDE, user=by, data={"comment": review.comment_id})
    return True
