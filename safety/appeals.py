"""Appeals: a signed link per decision, one appeal each, a different moderator, an outcome undone in one step."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, TaskState

from core.mail import send_after_commit
from moderation import actions as moderation_actions
from moderation.models import CommentReview, CommentState, Sanction
from moderation.takedown import TAKEN_DOWN

from .models import Appeal, AppealKind, AppealOutcome

SALT = "safety.appeal"
APPEAL_FILED = "safety.appeal"
APPEAL_DECIDED = "safety.appeal_decided"


def appeal_token(kind, pk):
    return signing.dumps({"k": kind, "id": pk}, salt=SALT)


def appeal_path(kind, pk):
    return reverse("safety_appeal", args=[appeal_token(kind, pk)])


def read_token(token):
    """(kind, pk) from a signed link, or None if it is forged or older than APPEAL_LINK_MAX_AGE_DAYS."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.APPEAL_LINK_MAX_AGE_DAYS * 86400)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("k") not in AppealKind.values or not isinstance(data.get("id"), int):
        return None
    return data["k"], data["id"]


@dataclass
class Decision:
    kind: str
    obj: object
    summary: str  # "Your response on “…” was rejected"
    reason: str
    moderator: object
    person: object  # whose it was
    url: str = ""


def _page_rejection(page):
    return (
        TaskState.objects.filter(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )


def decision_for(kind, pk):
    """The decision a link is about, if it can still be appealed (it still stands)."""
    if kind == AppealKind.RESPONSE:
        review = CommentReview.objects.filter(pk=pk).select_related("comment__user", "decided_by").first()
        if review is None or review.state not in (CommentState.REJECTED, CommentState.HIDDEN):
            return None
        page = Page.objects.filter(pk=review.comment.object_pk).first()
        where = f" on “{page.title}”" if page else ""
        what = "removed" if review.state == CommentState.REJECTED else "hidden"
        reason = review.rejection_reason or "; ".join(review.reason_labels)
        return Decision(
            kind, review, f"Your response{where} was {what}", reason, review.decided_by, review.comment.user
        )
    if kind == AppealKind.SANCTION:
        sanction = Sanction.objects.filter(pk=pk).select_related("user", "created_by").first()
        if sanction is None or not Sanction.objects.active().filter(pk=pk).exists():
            return None
        return Decision(
            kind, sanction, f"{sanction.get_kind_display()}", sanction.reason, sanction.created_by, sanction.user
        )
    page = Page.objects.filter(pk=pk).specific().first()
    if page is None or page.live:
        return None
    rejection = _page_rejection(page)
    taken_down = PageLogEntry.objects.filter(page_id=page.pk, action=TAKEN_DOWN).order_by("-timestamp").first()
    if taken_down is not None and (rejection is None or taken_down.timestamp > rejection.finished_at):
        return Decision(
            kind,
            page,
            f"“{page.title}” was taken down",
            taken_down.data.get("reason", ""),
            taken_down.user,
            page.owner,
        )
    if rejection is None:
        return None
    return Decision(
        kind,
        page,
        f"“{page.title}” was sent back",
        rejection.specific.get_comment(),
        rejection.finished_by,
        page.owner,
    )


def moderators():
    User = get_user_model()
    return User.objects.filter(is_active=True).filter(Q(groups__name="Moderators") | Q(is_superuser=True)).distinct()


def assignee(exclude):
    """The moderator with fewest open appeals, never the one who decided while another exists."""
    candidates = moderators().annotate(
        open_appeals=Count("assigned_appeals", filter=Q(assigned_appeals__decided_at__isnull=True))
    )
    others = candidates.exclude(pk=exclude.pk) if exclude else candidates
    chosen = others.order_by("open_appeals", "pk").first()
    return chosen or candidates.order_by("open_appeals", "pk").first()


def may_decide(appeal, user):
    """Anyone but the moderator who made the original decision; they only when nobody else can."""
    if appeal.original_moderator_id != user.pk:
        return True
    return not moderators().exclude(pk=user.pk).exists()


def already_appealed(kind, pk):
    return Appeal.objects.filter(kind=kind, object_id=pk).exists()


def file_appeal(decision, *, reason, email="", appellant=None):
    """The appeal, or None if this decision was appealed already (only once)."""
    person_email = getattr(decision.person, "email", "") if decision.person else ""
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                kind=decision.kind,
                object_id=decision.obj.pk,
                appellant=appellant or decision.person,
                email=email or person_email,
                reason=reason,
                decision=decision.summary[:300],
                decision_reason=decision.reason or "",
                original_moderator=decision.moderator,
                assigned_to=assignee(decision.moderator),
            )
            log(instance=appeal, action=APPEAL_FILED, user=appellant, data={"reference": appeal.reference})
            if appeal.email:
                send_after_commit("safety/email/appeal_received", {"appeal": appeal}, [appeal.email])
    except IntegrityError:
        return None
    return appeal


def _undo(appeal, by):
    """Overturned: republish, unhide or lift the sanction, in one step (each logged where it is done)."""
    if appeal.kind == AppealKind.RESPONSE:
        review = CommentReview.objects.select_related("comment").get(pk=appeal.object_id)
        moderation_actions.approve(review, by=by)
    elif appeal.kind == AppealKind.SANCTION:
        sanction = Sanction.objects.get(pk=appeal.object_id)
        sanction.lifted_at = timezone.now()
        sanction.save(update_fields=["lifted_at"])
        moderation_actions.sanction_edited(sanction, was_active=True, by=by)
    else:
        page = Page.objects.get(pk=appeal.object_id).specific
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=by)
        revision = page.get_latest_revision() or page.save_revision(user=by)
        revision.publish(user=by)


@transaction.atomic
def decide_appeal(appeal, *, outcome, reason, by):
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.decided_at:
        return False
    if outcome == AppealOutcome.OVERTURNED:
        _undo(appeal, by)
    appeal.outcome = outcome
    appeal.outcome_reason = reason
    appeal.decided_at = timezone.now()
    appeal.decided_by = by
    appeal.save()
    log(instance=appeal, action=APPEAL_DECIDED, user=by, data={"reference": appeal.reference, "outcome": outcome})
    if appeal.email:
        send_after_commit("safety/email/appeal_outcome", {"appeal": appeal}, [appeal.email])
    return True
