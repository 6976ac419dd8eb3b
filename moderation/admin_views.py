"""The comment moderation queue in the Wagtail admin: held, flagged and hidden comments.

Every list is a fixed number of queries (rows, open reports, pages, authors' history),
however long it is. Every change goes through `moderation.actions`.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from care.models import pages_under_legal_hold

from . import actions
from .forms import RejectForm, SanctionForm
from .models import CommentFlagReport, CommentReview, CommentState, Sanction

TABS = {
    "held": "Held",
    "flagged": "Reported",
    "hidden": "Hidden",
    "care": "Held for care",
}


def _require_moderator(request):
    if not request.user.has_perm("django_comments.can_moderate"):
        raise PermissionDenied


def tab_queryset(tab):
    reviews = CommentReview.objects.all()
    if tab == "flagged":
        open_reports = CommentFlagReport.objects.filter(comment_id=OuterRef("comment_id"), resolved_at__isnull=True)
        return reviews.filter(state=CommentState.PUBLISHED).filter(Exists(open_reports))
    if tab == "hidden":
        return reviews.filter(state=CommentState.HIDDEN)
    if tab == "care":
        return reviews.filter(state=CommentState.CARE)
    return reviews.filter(state=CommentState.HELD)


def queue_counts():
    counts = CommentReview.objects.aggregate(
        held=Count("pk", filter=Q(state=CommentState.HELD)),
        hidden=Count("pk", filter=Q(state=CommentState.HIDDEN)),
        care=Count("pk", filter=Q(state=CommentState.CARE)),
    )
    counts["flagged"] = tab_queryset("flagged").count()
    return counts


def _author_history(user_ids):
    history = {
        row["comment__user_id"]: row
        for row in CommentReview.objects.filter(comment__user_id__in=user_ids)
        .values("comment__user_id")
        .annotate(
            approved=Count("pk", filter=Q(state=CommentState.PUBLISHED)),
            rejected=Count("pk", filter=Q(state=CommentState.REJECTED)),
        )
    }
    sanctions = {}
    for sanction in Sanction.objects.active().filter(user_id__in=user_ids):
        sanctions.setdefault(sanction.user_id, []).append(sanction)
    return history, sanctions


def queue(request):
    _require_moderator(request)
    tab = request.GET.get("tab", "held")
    if tab not in TABS:
        tab = "held"
    reviews = (
        tab_queryset(tab)
        .select_related("comment__user__profile", "decided_by__profile")
        .prefetch_related(
            Prefetch(
                "comment__flag_reports",
                queryset=CommentFlagReport.objects.filter(resolved_at__isnull=True).order_by("created_at"),
                to_attr="open_reports",
            )
        )
        .order_by("created_at", "pk")
    )
    page_obj = Paginator(reviews, 50).get_page(request.GET.get("p"))
    rows = list(page_obj.object_list)
    pages = {str(p.pk): p for p in Page.objects.filter(pk__in={int(r.comment.object_pk) for r in rows}).specific()}
    history, sanctions = _author_history({r.comment.user_id for r in rows if r.comment.user_id})
    legal_holds = pages_under_legal_hold([int(pk) for pk in pages])
    for review in rows:
        review.page = pages.get(review.comment.object_pk)
        # The checklist shows while the page is under a legal hold, or if the hold held this comment.
        review.legal_hold = int(review.comment.object_pk) in legal_holds or any(
            reason.get("code") == "legal_hold" for reason in review.reasons
        )
        review.history = history.get(review.comment.user_id, {})
        review.active_sanctions = sanctions.get(review.comment.user_id, [])
    counts = queue_counts()
    return TemplateResponse(
        request,
        "moderation/admin/queue.html",
        {
            "page_title": "Comment moderation",
            "header_icon": "comment",
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, label in TABS.items()],
            "rows": rows,
            "page_obj": page_obj,
            "reject_form": RejectForm(),
        },
    )


@require_POST
def bulk(request):
    """Approve one (its row's button) or approve / reject the ticked rows."""
    _require_moderator(request)
    tab = request.POST.get("tab", "held")
    back = reverse("moderation_queue") + f"?tab={tab if tab in TABS else 'held'}"
    if request.POST.get("approve_one"):
        ids = [request.POST["approve_one"]]
        action = "approve"
    elif request.POST.get("care_one"):
        ids = [request.POST["care_one"]]
        action = "care"
    else:
        ids = request.POST.getlist("selected")
        action = request.POST.get("action")
    reviews = list(
        CommentReview.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]).select_related("comment__user")
    )
    if not reviews:
        messages.error(request, "Please tick at least one comment first.")
        return redirect(back)
    if action == "approve":
        for review in reviews:
            actions.approve(review, by=request.user)
        messages.success(request, f"{len(reviews)} comment(s) approved and published.")
    elif action == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, "To reject comments, please write the reason the authors will read.")
            return redirect(back)
        for review in reviews:
            actions.reject(review, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"{len(reviews)} comment(s) rejected. Each author has been told why.")
    elif action == "care":
        done = [review for review in reviews if actions.hold_for_care(review, by=request.user)]
        messages.success(
            request,
            f"{len(done)} comment(s) held for care. They stay unpublished, and each author has been sent support links.",
        )
    else:
        messages.error(request, "Please choose approve or reject.")
    return redirect(back)


def reject(request, pk):
    _require_moderator(request)
    review = get_object_or_404(CommentReview.objects.select_related("comment__user"), pk=pk)
    back = reverse("moderation_queue") + f"?tab={request.GET.get('tab', 'held')}"
    if request.method == "POST":
        form = RejectForm(request.POST)
        if form.is_valid():
            actions.reject(review, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "Comment rejected. The author has been told why.")
            return redirect(back)
    else:
        form = RejectForm()
    return TemplateResponse(
        request,
        "moderation/admin/reject.html",
        {"page_title": "Reject a comment", "header_icon": "comment", "review": review, "form": form, "back": back},
    )


def sanction(request, user_pk):
    _require_moderator(request)
    member = get_object_or_404(get_user_model().objects.select_related("profile"), pk=user_pk)
    back = reverse("moderation_queue")
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
            "header_icon": "warning",
            "member": member,
            "form": form,
            "history": history.get(member.pk, {}),
            "past_sanctions": Sanction.objects.filter(user=member),
            "back": back,
        },
    )
