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

from caching import pagecache
from core.forms import tell_about_removed_formatting
from core.templatetags.region_messages import in_region
from stories.models import TestimonyPage

from . import actions, stats
from .forms import AnswerForm, AskAboutTestimonyForm
from .models import Answer, Ask, Membership, Organisation

PAGE_CACHE_TAGS = ["site", "listings", "organisations"]


def _live_ask(pk):
    """An ask whose page (the discussion, or the family's testimony) is published."""
    return get_object_or_404(
        Ask.objects.select_related("thread", "testimony"), Q(thread__live=True) | Q(testimony__live=True), pk=pk
    )


def _in_the_page_cache(request):
    """These views are in the anonymous page cache like a page: the versions are read before the
    data, so a change meanwhile is a miss. "organisations" is bumped by every answer published or
    removed and every ask (organisations/apps.py); "listings" by a discussion published or withdrawn."""
    if getattr(request, "page_cache_candidate", False):
        request.page_cache_versions = pagecache.current_versions(PAGE_CACHE_TAGS)


def organisation_list(request):
    _in_the_page_cache(request)
    organisations = Organisation.objects.filter(is_verified=True).prefetch_related("boroughs")
    return TemplateResponse(request, "organisations/organisation_list.html", {"organisations": organisations})


def organisation_detail(request, slug):
    _in_the_page_cache(request)
    organisation = get_object_or_404(Organisation.objects.prefetch_related("boroughs"), slug=slug, is_verified=True)
    answers = (
        organisation.answers.filter(Q(ask__thread__live=True) | Q(ask__testimony__live=True), state=Answer.PUBLISHED)
        .select_related("ask__thread__borough", "ask__testimony__borough")
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
    if ask.is_testimony:
        raise Http404  # a testimony is answered, never backed
    if actions.back(ask, request.user):
        messages.success(request, "Thank you for backing this.", extra_tags=in_region("ask"))
    else:
        messages.info(request, "You already back this. Thank you.", extra_tags=in_region("ask"))
    return redirect(f"{ask.page.url}#ask")


@never_cache  # a staff member's own form: no cache or browser history keeps it
@login_required
def answer_ask(request, pk):
    """Organisation staff answer in public, for their own organisation only."""
    ask = _live_ask(pk)
    # A discussion's ask: the invited and those covering its borough. A testimony: only the invited.
    answering = (
        Q(invitations__ask=ask) if ask.is_testimony else Q(invitations__ask=ask) | Q(boroughs=ask.thread.borough_id)
    )
    organisations = actions.staff_organisations(request.user).filter(answering).distinct()
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
            return redirect(f"{ask.page.url}#ask")
    else:
        form = AnswerForm(organisations=organisations, initial={"organisation": organisations.first()})
    return TemplateResponse(request, "organisations/answer.html", {"form": form, "ask": ask, "thread": ask.page})


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
    _in_the_page_cache(request)
    return TemplateResponse(request, "organisations/what_changed.html", stats.figures())


def asks_prefetch():
    return Prefetch("answers", queryset=Answer.objects.filter(state=Answer.PUBLISHED).select_related("organisation"))


@never_cache  # the family's own choice: no shared copy
@login_required
def ask_about_testimony(request, pk):
    """A family asks a named organisation to answer their own published testimony, with their consent."""
    testimony = get_object_or_404(
        TestimonyPage.objects.select_related("borough"), pk=pk, owner=request.user, live=True
    )
    form = AskAboutTestimonyForm(request.POST or None, borough=testimony.borough_id)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        with transaction.atomic():
            asked = actions.ask_about_testimony(testimony, organisation, by=request.user)
        if asked:
            messages.success(
                request,
                f"We have asked {organisation.name} to answer. A moderator reads their answer before it is "
                "shown under your testimony, and we will e-mail you when it is.",
            )
        else:
            messages.info(request, f"You have already asked {organisation.name}. We will e-mail you when they answer.")
        return redirect("my_stories")
    asked = Ask.objects.filter(testimony=testimony).values_list("invitations__organisation__name", flat=True)
    return TemplateResponse(
        request,
        "organisations/ask_about_testimony.html",
        {"form": form, "testimony": testimony, "asked": [name for name in asked if name]},
        status=400 if form.errors else 200,
    )
