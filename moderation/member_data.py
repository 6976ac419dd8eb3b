"""What `moderation` holds for a member: their responses, the reports they made and any sanction,
in their download, and what deleting their account does to their responses (registered in
`ModerationConfig.ready()`; see `accounts/holdings.py`, `accounts/data.py`, `accounts/deletion.py`)."""

from django.utils import timezone
from django_comments_xtd.models import XtdComment

from accounts.data import PagesDescribed, export_date

from .models import CommentFlagReport, CommentReview, CommentState, Sanction

ERASED_REASON = {"code": "removed_by_writer", "label": "Removed at the writer's request"}


def responses_export(user, request, pages):
    comments = list(
        XtdComment.norel_objects.filter(user=user)
        .select_related("review")
        .order_by("submit_date", "pk")
        .only(
            "pk",
            "comment",
            "submit_date",
            "object_pk",
            "parent_id",
            "is_public",
            "is_removed",
            "user_name",
            "review__state",
            "review__rejection_reason",
        )
    )
    pages = PagesDescribed((c.object_pk for c in comments), request)
    labels = dict(CommentState.choices)
    rows = []
    for comment in comments:
        review = getattr(comment, "review", None)
        state = review.state if review else (CommentState.PUBLISHED if comment.is_public else CommentState.HELD)
        row = {
            "number": comment.pk,
            "page": pages.describe(comment.object_pk),
            "written": export_date(comment.submit_date),
            "name_shown": comment.user_name,
            "text": comment.comment,
            "state": labels.get(state, state),
            "in_reply_to_response_number": comment.parent_id if comment.parent_id != comment.pk else None,
        }
        if review and state == CommentState.REJECTED and review.rejection_reason:
            row["moderator_reason"] = review.rejection_reason  # e-mailed to the member when decided
        rows.append(row)
    return lambda: rows


def reports_export(user, request, pages):
    reports = list(CommentFlagReport.objects.filter(user=user).select_related("comment").order_by("created_at"))
    pages.want(r.comment.object_pk for r in reports)
    return lambda: [
        {
            "response_number": r.comment_id,
            "page": pages.describe(r.comment.object_pk),
            "reason": r.get_reason_display(),
            "your_words": r.detail,
            "made": export_date(r.created_at),
            "dealt_with": export_date(r.resolved_at),
        }
        for r in reports
    ]


def sanctions_export(user, request, pages):
    sanctions = list(Sanction.objects.filter(user=user).order_by("created_at"))
    return lambda: [
        {
            "kind": s.get_kind_display(),
            "reason": s.reason,
            "from": export_date(s.created_at),
            "until": export_date(s.until),
            "lifted": export_date(s.lifted_at),
        }
        for s in sanctions
    ]


def erase_responses(user, counts):
    """Their responses: deleted, or erased in place when published with replies. Deepest first, so a response whose only replies were the member's own is deleted too."""
    for comment in XtdComment.norel_objects.filter(user=user).order_by("-level", "-pk"):
        has_replies = XtdComment.norel_objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists()
        # Only a published response keeps its place: replies under a held, hidden or rejected one
        # were not shown anyway, and an erased one must never come back through the queue.
        if not (has_replies and comment.is_public and not comment.is_removed):
            comment.delete()
            counts["responses_deleted"] += 1
            continue
        comment.comment = ""
        comment.user = None
        comment.user_name = ""
        comment.user_email = ""
        comment.user_url = ""
        comment.ip_address = None
        comment.followup = False
        comment.is_removed = True
        comment.save()
        review = CommentReview.for_comment(comment)
        review.reasons = [ERASED_REASON]
        review.rejection_reason = ""
        review.save(update_fields=["reasons", "rejection_reason"])
        # Nothing is left for a moderator to look at: reports on it are settled, so it leaves the queue.
        CommentFlagReport.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=timezone.now())
        counts["responses_erased"] += 1
    return set()
