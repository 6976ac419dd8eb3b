"""The public side of gatherings: propose, take a place, leave, and the organiser's own pages.

Everything under /me/ is personal (Cache-Control: private, never page-cached). Calendar files
are public: they never carry the exact address.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from boroughs.models import BoroughPage
from core.forms import tell_about_removed_formatting
from core.workflow import attach_workflow_states, status_of, submit_for_review, unique_slug
from moderation.models import Sanction, SanctionKind
from moderation.moderator import posting_refusal, record_post
from stories.models import MemorialPage

from . import booking, ics
from .forms import AfterwardsForm, ChangeForm, ProposeForm
from .models import Attendance, GatheringPage

PROPOSE_PERMISSION = "gatherings.propose_gathering"
FEED_KEEPS_PAST = timedelta(days=90)  # a cancelled or past event stays a while, so calendars update it


def may_propose(user):
    """Families, verified organisations (a group holding `gatherings.propose_gathering`) and moderators."""
    return user.is_authenticated and (user.is_family or user.is_moderator or user.has_perm(PROPOSE_PERMISSION))


def private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _memorials_for(user):
    """A gathering can be held in memory of someone whose memorial the proposer shared (any, for moderators)."""
    memorials = MemorialPage.objects.live().order_by("title")
    return memorials if user.is_moderator else memorials.filter(owner=user)


@login_required
def propose(request, slug):
    borough_page = get_object_or_404(BoroughPage.objects.live().select_related("borough"), slug=slug)
    if not may_propose(request.user):
        return private(
            TemplateResponse(request, "gatherings/propose_not_yet.html", {"borough_page": borough_page}, status=403)
        )
    problem, status = "", 200
    memorials = _memorials_for(request.user)
    if request.method == "POST":
        form = ProposeForm(request.POST, memorials=memorials)
        refusal = posting_refusal(request.user, action="thread")
        if refusal:
            problem, status = refusal.message, refusal.status
        elif form.is_valid():
            with transaction.atomic():
                gathering = GatheringPage(
                    borough=borough_page.borough, owner=request.user, live=False, **form.page_fields()
                )
                gathering.slug = unique_slug(borough_page, gathering.slug_words())
                borough_page.add_child(instance=gathering)
                gathering.save_revision(user=request.user, log_action=True)
                submit_for_review(gathering, request.user)
                record_post(request.user, action="thread")
            tell_about_removed_formatting(request, form)
            messages.success(
                request,
                "Thank you. A moderator will read your gathering before it is listed, usually within a day. "
                "We will e-mail you when they have.",
            )
            return redirect("my_gatherings")
        else:
            status = 400
    else:
        form = ProposeForm(memorials=memorials, initial={"organiser_name": request.user.public_name})
    return private(
        TemplateResponse(
            request,
            "gatherings/propose.html",
            {"form": form, "borough_page": borough_page, "problem": problem},
            status=status,
        )
    )


def _live_gathering(pk):
    return get_object_or_404(GatheringPage.objects.live().select_related("borough"), pk=pk)


@login_required
@require_POST
def rsvp(request, pk):
    gathering = _live_gathering(pk)
    paused = Sanction.objects.active().filter(user=request.user, kind__in=[SanctionKind.SUSPEND, SanctionKind.BAN])
    if paused.exists():
        messages.error(request, "Your account is paused, so you cannot take a place just now.")
        return redirect(gathering.url)
    attendance, refusal = booking.join(gathering.pk, request.user)
    if refusal:
        if refusal.status == 403:
            raise PermissionDenied(refusal.message)
        messages.error(request, refusal.message)
        return redirect(gathering.url)
    if attendance.status == Attendance.CONFIRMED:
        messages.success(request, "Your place is confirmed. We have e-mailed you the address.")
    else:
        messages.success(
            request, "It is full just now, so you are on the waiting list. We will e-mail you if a place frees up."
        )
    return redirect("my_gatherings")


@login_required
@require_POST
def leave(request, pk):
    gathering = get_object_or_404(GatheringPage, pk=pk)
    if booking.leave(gathering.pk, request.user):
        messages.success(request, "You have given up your place. Thank you for letting us know.")
    return redirect("my_gatherings")


@login_required
def my_gatherings(request):
    attendances = list(
        Attendance.objects.filter(user=request.user)
        .exclude(status=Attendance.CANCELLED)
        .select_related("gathering__borough")
        .order_by("gathering__starts_at")
    )
    organised = list(
        GatheringPage.objects.filter(owner=request.user)
        .select_related("borough")
        .annotate(
            confirmed=Count("attendances", filter=Q(attendances__status=Attendance.CONFIRMED)),
            waiting=Count("attendances", filter=Q(attendances__status=Attendance.WAITING)),
        )
        .order_by("-starts_at")
    )
    attach_workflow_states(organised)
    context = {"attendances": attendances, "organised": [(g, status_of(g)) for g in organised]}
    return private(TemplateResponse(request, "gatherings/my_gatherings.html", context))


def _managed(request, pk):
    gathering = get_object_or_404(GatheringPage.objects.select_related("borough"), pk=pk)
    if not gathering.may_manage(request.user):
        raise Http404  # another member's gathering: not even whether it exists
    return gathering


@login_required
def manage(request, pk):
    """The organiser's page: who is coming, who is waiting, and the change form."""
    gathering = _managed(request, pk)
    if request.method == "POST":
        form = ChangeForm(request.POST, current=gathering)
        if gathering.is_cancelled:
            messages.error(request, "This gathering is cancelled, so it cannot be changed.")
            return redirect("gathering_manage", pk=pk)
        if form.is_valid():
            _, changed = booking.change(gathering.pk, by=request.user, **form.details())
            tell_about_removed_formatting(request, form)
            if changed:
                messages.success(request, "Saved. Everyone coming or waiting has been told about the change.")
            else:
                messages.info(request, "Nothing had changed, so nobody was told.")
            return redirect("gathering_manage", pk=pk)
        status = 400
    else:
        form, status = ChangeForm(initial=ChangeForm.initial_from(gathering)), 200
    attendances = list(
        gathering.attendances.exclude(status=Attendance.CANCELLED)
        .select_related("user__profile")
        .order_by("joined_at")
    )
    context = {
        "gathering": gathering,
        "form": form,
        "confirmed": [a for a in attendances if a.status == Attendance.CONFIRMED],
        "waiting": [a for a in attendances if a.status == Attendance.WAITING],
    }
    return private(TemplateResponse(request, "gatherings/manage.html", context, status=status))


@login_required
def cancel(request, pk):
    gathering = _managed(request, pk)
    if request.method == "POST":
        booking.cancel(gathering.pk, by=request.user)
        messages.success(request, "The gathering is cancelled. Everyone coming or waiting has been told.")
        return redirect("gathering_manage", pk=pk)
    return private(TemplateResponse(request, "gatherings/cancel_confirm.html", {"gathering": gathering}))


@login_required
def afterwards(request, pk):
    """A short account of how it went: a new revision, read by a moderator before it is shown."""
    gathering = _managed(request, pk)
    if not gathering.is_past or not gathering.live:
        messages.info(request, "You can write how it went once the gathering has happened.")
        return redirect("gathering_manage", pk=pk)
    draft = gathering.get_latest_revision_as_object()
    status = 200
    if request.method == "POST":
        form = AfterwardsForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                draft.account_afterwards = form.cleaned_data["account_afterwards"]
                draft.save_revision(user=request.user, log_action=True)
                submit_for_review(gathering, request.user)
            tell_about_removed_formatting(request, form)
            messages.success(request, "Thank you. A moderator will read it before it is shown.")
            return redirect("my_gatherings")
        status = 400
    else:
        form = AfterwardsForm(initial={"account_afterwards": draft.account_afterwards})
    return private(
        TemplateResponse(request, "gatherings/afterwards.html", {"gathering": gathering, "form": form}, status=status)
    )


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def gathering_ics(request, pk):
    gathering = _live_gathering(pk)
    return _calendar_response(ics.calendar([gathering], gathering.title, request.user), f"gathering-{pk}.ics")


def borough_calendar(request, slug):
    borough_page = get_object_or_404(BoroughPage.objects.live().select_related("borough"), slug=slug)
    gatherings = (
        GatheringPage.objects.live()
        .filter(borough_id=borough_page.borough_id, ends_at__gt=timezone.now() - FEED_KEEPS_PAST)
        .select_related("borough")
        .order_by("starts_at", "pk")
    )
    name = f"Gatherings in {borough_page.borough.name}"
    return _calendar_response(ics.calendar(gatherings, name, request.user), f"{slug}-gatherings.ics")
