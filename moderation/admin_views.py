"""The responses part of the moderator inbox: approve, reject (a ready-made reason or one's own),
hold for care, and sanction an author. The list itself is `moderation.inbox_views.InboxView`;
every change goes through `moderation.actions`.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import actions, inbox
from .forms import InboxRejectForm, SanctionForm
from .inbox import _author_history
from .inbox_views import InboxView
from .models import CommentReview, RejectionReason, Sanction

TABS = {key: label for key, (label, _part) in inbox.TABS.items() if key in inbox.RESPONSE_TABS}


def _require_moderator(request):
    if not request.user.has_perm("django_comments.can_moderate"):
        raise PermissionDenied


def tab_queryset(tab):
    """The responses in a response tab of the inbox ("held", "flagged", "hidden", "care")."""
    return inbox.review_queryset(tab if tab in TABS else "held")


def queue_counts():
    """Held, reported ("flagged"), hidden and held-for-care responses."""
    counts = inbox.response_counts()
    counts.pop("waiting")
    return counts


class QueueView(InboxView):
    """The old comment queue's address: the inbox, opening on the held responses."""

    default_tab = "held"


queue = QueueView.as_view()
inbox_view = InboxView.as_view()


def _back(request, tab):
    return reverse("moderation_inbox") + f"?tab={tab if tab in inbox.TABS else 'held'}"


@require_POST
def bulk(request):
    """One row's button (approve, hold for care, or reject with the row's chosen reason), or the ticked rows."""
    _require_moderator(request)
    back = _back(request, request.POST.get("tab", "held"))
    reasons = list(RejectionReason.objects.filter(is_active=True))
    form = None
    if request.POST.get("approve_one"):
        ids, action = [request.POST["approve_one"]], "approve"
    elif request.POST.get("care_one"):
        ids, action = [request.POST["care_one"]], "care"
    elif request.POST.get("reject_one"):
        ids, action = [request.POST["reject_one"]], "reject"
        form = InboxRejectForm({"choice": request.POST.get(f"reason_for_{ids[0]}", "")}, reasons=reasons)
    else:
        ids = request.POST.getlist("selected")
        action = request.POST.get("action")
        form = InboxRejectForm(request.POST, reasons=reasons, prefix="bulk")
        if "bulk-reason" not in request.POST and "reason" in request.POST:  # the older queue's field name
            form = InboxRejectForm({"reason": request.POST["reason"]}, reasons=reasons)
    reviews = list(
        CommentReview.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]).select_related("comment__user")
    )
    if not reviews:
        messages.error(request, "Please tick at least one response first.")
        return redirect(back)
    if action == "approve":
        for review in reviews:
            actions.approve(review, by=request.user)
        messages.success(request, f"{len(reviews)} response(s) approved and published.")
    elif action == "reject":
        if not form.is_valid():
            messages.error(
                request,
                "To reject, please choose one of the ready-made reasons or write the reason the author will read.",
            )
            return redirect(back)
        for review in reviews:
            actions.reject(review, by=request.user, reason=form.cleaned_data["text"])
        messages.success(request, f"{len(reviews)} response(s) rejected. Each author has been told why.")
    elif action == "care":
        done = [review for review in reviews if actions.hold_for_care(review, by=request.user)]
        messages.success(
            request,
            f"{len(done)} response(s) held for care. They stay unpublished, and each author has been sent support links.",
        )
    else:
        messages.error(request, "Please choose approve or reject.")
    return redirect(back)


def reject(request, pk):
    """Reject one response: a ready-made reason (radio list) or the moderator's own words."""
    _require_moderator(request)
    review = get_object_or_404(CommentReview.objects.select_related("comment__user"), pk=pk)
    back = _back(request, request.GET.get("tab", "held"))
    if request.method == "POST":
        form = InboxRejectForm(request.POST)
        if form.is_valid():
            actions.reject(review, by=request.user, reason=form.cleaned_data["text"])
            messages.success(request, "Response rejected. The author has been told why.")
            return redirect(back)
    else:
        form = InboxRejectForm(initial={"choice": request.GET.get("reason", "")})
    title = f"Reject the response by {review.comment.user_name}"
    return TemplateResponse(
        request,
        "moderation/admin/reject.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "comment",
            "review": review,
            "form": form,
            "back": back,
        },
    )


def sanction(request, user_pk):
    _require_moderator(request)
    member = get_object_or_404(get_user_model().objects.select_related("profile"), pk=user_pk)
    back = _back(request, request.GET.get("tab", "held"))
    if request.method == "POST":
        form = SanctionForm(request.POST)
        if form.is_valid():
            actions.sanction(
                member,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                days=form.cleaned_data["days"],
                by=request.user,
            )
            messages.success(request, f"Done. {member.public_name} has been e-mailed the reason.")
            return redirect(back)
    else:
        form = SanctionForm()
    history, sanctions = _author_history([member.pk])
    return TemplateResponse(
        request,
        "moderation/admin/sanction.html",
        {
            "page_title": f"Sanction {member.public_name}",
            "header_title": f"Sanction {member.public_name}",
            "header_icon": "warning",
            "member": member,
            "form": form,
            "history": history.get(member.pk, {}),
            "past_sanctions": Sanction.objects.filter(user=member),
            "back": back,
        },
    )
