"""Moderators put a story or discussion under a legal hold, and clear it, in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.content_pages import ContentPage
from core.forms import BrowserDateInput
from core.sanitise import plain_text

from . import actions
from .models import REASON_MAX_LENGTH, WATCH_NAMES_MAX_LENGTH, HoldStage, LegalHold


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
    stage = forms.ChoiceField(
        label="What has happened",
        choices=HoldStage.choices,
        widget=forms.RadioSelect,
        help_text="Contempt of court applies from arrest: hold the page as soon as someone is arrested.",
        error_messages={"required": "Please choose what has happened, so other moderators know why."},
    )
    proceedings_since = forms.DateField(
        label="Since (optional)",
        required=False,
        widget=BrowserDateInput,
        help_text="The day of the arrest, warrant or charge, if you know it.",
        error_messages={"invalid": "Please enter a date, or leave it empty."},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=REASON_MAX_LENGTH,
        help_text=f"Up to {REASON_MAX_LENGTH} characters: what you know and where from, e.g. 'a man was arrested on "
        "3 December; police statement'.",
        error_messages={
            "required": "Please give the reason for the hold: it is kept with the record.",
            "max_length": f"Please keep the reason to {REASON_MAX_LENGTH} characters (it has %(show_value)d).",
        },
    )
    watch_names = forms.CharField(
        label="Other names to watch for (optional)",
        required=False,
        max_length=WATCH_NAMES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line: other names the person or the case is known by. A new discussion naming any of them, "
        "or this page's title, is marked as touching this hold.",
        error_messages={
            "max_length": f"Please keep the names to {WATCH_NAMES_MAX_LENGTH} characters (they have %(show_value)d)."
        },
    )
    note = forms.CharField(
        label="Note for other moderators (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Which case, and when it is expected to end. Families never see this.",
        error_messages={"max_length": "Please keep the note to 1000 characters (it has %(show_value)d)."},
    )

    def clean_reason(self):
        reason = plain_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError("Please give the reason for the hold: it is kept with the record.")
        return reason

    def clean_proceedings_since(self):
        since = self.cleaned_data["proceedings_since"]
        if since and since > timezone.localdate():
            raise forms.ValidationError("That day has not come yet. Please choose today or an earlier day.")
        return since


def legal_hold(request, page_pk):
    """GET: the page's hold (or a form to set one). POST: set it."""
    _require_moderator(request)
    page = _page(page_pk)
    hold = LegalHold.objects.active().filter(page=page).select_related("set_by").first()
    if request.method == "POST":
        form = LegalHoldForm(request.POST)
        if form.is_valid():
            actions.set_legal_hold(page, by=request.user, **form.cleaned_data)
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
