"""Public pages (organisations, what changed) and the members' actions (back an ask, answer one, remove staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import tell_about_removed_formatting
from core.templatetags.region_messages import in_region

from . import actions, stats
from .forms import AnswerForm
from .models import Answer, Ask, Membership, Organisation


def _live_ask(pk):
    return get_object_or_404(Ask.objects.select_related("thread"), pk=pk, thread__live=True)


def organisation_list(request):
    organisations = Organisation.objects.filter(is_verified=True).prefetch_related("boroughs")
    return TemplateResponse(request, "organisations/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.prefetch_related("boroughs"), slug=slug, is_verified=True)
    answers = (
        organisation.answers.filter(state=Answer.PUBLISHED, ask__thread__live=True)
        .select_related("ask__thread", "ask__thread__borough")
        .order_by("-published_at", "-pk")[:50]
    )
    is_lead = (
        request.user.is_authenticated and organisation.memberships.filter(user=request.user, is_lead=True).exists()
    )
    return TemplateResponse(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "answers": answers, "is_lead": is_lead},
    )


@require_POST
@login_required
def back_ask(request, pk):
    ask = _live_ask(pk)
    if actions.back(ask, request.user):
        messages.success(request, "Thank you for backing this.", extra_tags=in_region("ask"))
    else:
        messages.info(request, "You already back this. Thank you.", extra_tags=in_region("ask"))
    return redirect(f"{ask.thread.url}#ask")


@never_cache  # a staff member's own form: no cache or browser history keeps it
@login_required
def answer_ask(request, pk):
    """Organisation staff answer in public, for their own organisation only."""
    ask = _live_ask(pk)
    organisations = (
        actions.staff_organisations(request.user)
        .filter(Q(invitations__ask=ask) | Q(boroughs=ask.thread.borough_id))
        .distinct()
    )
    if not organisations.exists():
        raise PermissionDenied
    if request.method == "POST":
        form = AnswerForm(request.POST, organisations=organisations)
        if form.is_valid():
            with transaction.atomic():
                answer = actions.give_answer(
                    ask,
                    form.cleaned_data["organisation"],
                    author=request.user,
                    status=form.cleaned_data["status"],
                    body=form.cleaned_data["body"],
                )
            tell_about_removed_formatting(request, form)
            if answer.state == Answer.PUBLISHED:
                messages.success(request, "Your answer is published. Everyone who asked has been told.")
            else:
                messages.success(request, "Thank you. A moderator will read your answer before it is published.")
            return redirect(f"{ask.thread.url}#ask")
    else:
        form = AnswerForm(organisations=organisations, initial={"organisation": organisations.first()})
    return TemplateResponse(request, "organisations/answer.html", {"form": form, "ask": ask, "thread": ask.thread})


@never_cache  # names the organisation's staff: for the lead and moderators only
@login_required
def staff(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not (
        actions.is_moderator(request.user) or organisation.memberships.filter(user=request.user, is_lead=True).exists()
    ):
        raise Http404
    members = organisation.memberships.select_related("user__profile").order_by("-is_lead", "pk")
    return TemplateResponse(request, "organisations/staff.html", {"organisation": organisation, "members": members})


@require_POST
@login_required
def remove_staff(request, slug, pk):
    """The organisation's lead (for others, never themselves) or a moderator removes a staff member."""
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk, organisation__slug=slug)
    is_lead = Membership.objects.filter(user=request.user, organisation=membership.organisation, is_lead=True).exists()
    if not (actions.is_moderator(request.user) or (is_lead and membership.user_id != request.user.pk)):
        raise Http404
    actions.remove_staff(membership, by=request.user)
    messages.success(request, "Removed. They can no longer answer for the organisation.")
    return redirect("organisation_staff", slug=slug)


def what_changed(request):
    return TemplateResponse(request, "organisations/what_changed.html", stats.figures())


def asks_prefetch():
    return Prefetch("answers", queryset=Answer.objects.filter(state=Answer.PUBLISHED).select_related("organisation"))
