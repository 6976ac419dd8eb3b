"""Moderators put a story or discussion under a legal hold, and clear it, in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.content_pages import ContentPage

from . import actions
from .models import LegalHold


def can_set_legal_holds(user):
    return user.is_authenticated and user.has_perm("django_comments.can_moderate")


def _require_moderator(request):
    if not can_set_legal_holds(request.user):
        raise PermissionDenied


def takes_legal_hold(page):
    """The pages members write (stories, discussions) take responses, so they can be held."""
    return issubclass(getattr(page, "specific_class", None) or type(page), ContentPage)


def _page(pk):
    page = get_object_or_404(Page, pk=pk).specific
    if not takes_legal_hold(page):
        raise Http404("Only stories and discussions can be put under a legal hold.")
    return page


class LegalHoldForm(forms.Form):
    note = forms.CharField(
        label="Note for other moderators (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Which case, and when it is expected to end. Families never see this.",
    )


def legal_hold(request, page_pk):
    """GET: the page's hold (or a form to set one). POST: set it."""
    _require_moderator(request)
    page = _page(page_pk)
    hold = LegalHold.objects.active().filter(page=page).select_related("set_by").first()
    if request.method == "POST":
        form = LegalHoldForm(request.POST)
        if form.is_valid():
            actions.set_legal_hold(page, by=request.user, note=form.cleaned_data["note"])
            messages.success(
                request, f"“{page.title}” is under a legal hold. Every new response will wait for review."
            )
            return redirect("legal_hold", page_pk=page.pk)
    else:
        form = LegalHoldForm()
    return TemplateResponse(
        request,
        "care/admin/legal_hold.html",
        {
            "page_title": f"Legal hold: {page.title}",
            "header_icon": "warning",
            "target": page,
            "hold": hold,
            "form": form,
            "history": LegalHold.objects.filter(page=page).select_related("set_by", "cleared_by"),
        },
    )


@require_POST
def clear_legal_hold(request, page_pk):
    _require_moderator(request)
    page = _page(page_pk)
    if actions.clear_legal_hold(page, by=request.user):
        messages.success(
            request, f"The legal hold on “{page.title}” is cleared. Responses follow the usual rules again."
        )
    return redirect("legal_hold", page_pk=page.pk)


def legal_holds(request):
    """Every page under a legal hold now."""
    _require_moderator(request)
    holds = list(LegalHold.objects.active().select_related("set_by").order_by("set_at"))
    pages = Page.objects.in_bulk([h.page_id for h in holds])
    for hold in holds:
        hold.target = pages.get(hold.page_id)
    return TemplateResponse(
        request,
        "care/admin/legal_holds.html",
        {
            "page_title": "Legal holds",
            "header_icon": "warning",
            "holds": holds,
            "queue_url": reverse("moderation_queue"),
        },
    )
