"""`{% report_link obj %}` and `{% appeal_link obj %}`: what shared templates include, one line each."""

from datetime import timedelta

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

from moderation.models import CommentReview, CommentState, Sanction

from ..appeals import appeal_path
from ..models import Appeal, AppealKind
from ..targets import type_key

register = template.Library()


@register.inclusion_tag("safety/includes/report_link.html", takes_context=True)
def report_link(context, obj, node=None, label=""):
    """A labelled "Report" link for anything reportable. For a response, `node` (moderation's
    display) says whether its own member report link is already shown, so there is one, not two."""
    if obj is None or getattr(obj, "pk", None) is None:
        return {"url": ""}
    if node is not None and (node.get("can_flag") or node.get("already_flagged") or node.get("is_own")):
        return {"url": ""}
    if node is not None and node.get("state") != CommentState.PUBLISHED:
        return {"url": ""}
    if getattr(obj, "is_removed", False):  # erased at the writer's request: nothing left to report
        return {"url": ""}
    url = reverse("safety_report", args=[type_key(obj), obj.pk])
    back = context.get("comments_return_path") or getattr(context.get("request"), "path", "")
    if back:
        url += "?" + urlencode({"next": back})
    return {"url": url, "label": label, "what": _what(obj)}


def _what(obj):
    if isinstance(obj, Page):
        return obj.title
    if hasattr(obj, "user_name"):
        return f"the response by {obj.user_name}"
    return getattr(obj, "public_name", "")


def appeal_url(obj):
    """The signed appeal link for a rejected or hidden response, a sanction, or a sent-back page."""
    if isinstance(obj, Sanction):
        return appeal_path(AppealKind.SANCTION, obj.pk)
    if isinstance(obj, CommentReview):
        return appeal_path(AppealKind.RESPONSE, obj.pk)
    if isinstance(obj, Page):
        return appeal_path(AppealKind.PAGE, obj.pk)
    review = getattr(obj, "review", None)  # a comment
    return appeal_path(AppealKind.RESPONSE, review.pk) if review is not None else ""


@register.simple_tag(takes_context=True)
def appeal_link(context, obj):
    """The absolute appeal URL for e-mails ("" when there is nothing to appeal)."""
    path = appeal_url(obj) if obj is not None else ""
    if not path:
        return ""
    base = context.get("base_url") or context.get("base_url_setting") or settings.WAGTAILADMIN_BASE_URL
    return f"{base}{path}"


@register.simple_tag
def appeal_href(obj):
    """The signed appeal path, for a member's status page."""
    return appeal_url(obj)


@register.inclusion_tag("safety/includes/account_standing.html", takes_context=True)
def account_standing(context):
    """On a member's own status page (/me/): their sanctions in force and their responses removed
    or hidden, each with its appeal link, or with the appeal already sent (three queries)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return {"sanctions": [], "responses": []}
    sanctions = list(Sanction.objects.active().filter(user=user).order_by("-created_at"))
    since = timezone.now() - timedelta(days=settings.APPEAL_LINK_MAX_AGE_DAYS)
    responses = list(
        CommentReview.objects.filter(comment__user=user, state__in=[CommentState.REJECTED, CommentState.HIDDEN])
        .filter(Q(decided_at__gte=since) | Q(decided_at__isnull=True, created_at__gte=since))
        .select_related("comment")
        .order_by("-decided_at")[:20]
    )
    appealed = (
        set(
            Appeal.objects.filter(
                Q(kind=AppealKind.SANCTION, object_id__in=[s.pk for s in sanctions])
                | Q(kind=AppealKind.RESPONSE, object_id__in=[r.pk for r in responses])
            ).values_list("kind", "object_id")
        )
        if sanctions or responses
        else set()
    )
    for sanction in sanctions:
        sanction.appealed = (AppealKind.SANCTION, sanction.pk) in appealed
        sanction.appeal_url = appeal_path(AppealKind.SANCTION, sanction.pk)
    for review in responses:
        review.appealed = (AppealKind.RESPONSE, review.pk) in appealed
        review.appeal_url = appeal_path(AppealKind.RESPONSE, review.pk)
    return {"sanctions": sanctions, "responses": responses}
