"""Moderators' screens in the Wagtail admin: verify an organisation, invite organisations to an ask,
publish or reject held answers. Every one is behind the admin's second factor (its URLs are under /admin/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import actions
from .forms import InviteForm
from .models import Answer, Ask, Organisation


def _moderator(request):
    if not actions.is_moderator(request.user):
        raise PermissionDenied


@require_POST
def verify(request, pk):
    _moderator(request)
    organisation = get_object_or_404(Organisation, pk=pk)
    if actions.verify(organisation, by=request.user):
        messages.success(request, f"{organisation} is verified.")
    return redirect("organisations:edit", organisation.pk)


def invite(request, pk):
    _moderator(request)
    ask = get_object_or_404(Ask.objects.select_related("thread__borough", "testimony__borough"), pk=pk)
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            invited = actions.invite(ask, form.cleaned_data["organisations"], by=request.user)
            messages.success(request, f"Invited {len(invited)} organisation{'s' if len(invited) != 1 else ''}.")
            return redirect("organisations_answers")
    else:
        form = InviteForm(initial={"organisations": Organisation.objects.filter(boroughs=ask.page.borough_id)})
    return TemplateResponse(request, "organisations/admin/invite.html", {"form": form, "ask": ask})


def answers(request):
    """Held answers, oldest first, and the asks waiting for an invitation."""
    _moderator(request)
    held = (
        Answer.objects.filter(state=Answer.HELD)
        .select_related("organisation", "ask__thread", "ask__testimony")
        .order_by("pk")
    )
    asks = Ask.objects.select_related("thread__borough", "testimony__borough").order_by("-created_at")[:50]
    return TemplateResponse(request, "organisations/admin/answers.html", {"held": held, "asks": asks})


@require_POST
def decide(request, pk):
    _moderator(request)
    answer = get_object_or_404(Answer.objects.select_related("ask__thread", "ask__testimony", "organisation"), pk=pk)
    if request.POST.get("decision") == "publish":
        actions.publish(answer, by=request.user)
        messages.success(request, "Published. The people who asked have been told.")
    elif request.POST.get("decision") == "reject":
        actions.reject(answer, by=request.user)
        messages.success(request, "Not published.")
    return redirect("organisations_answers")
