"""Moderators decide reports and appeals (from the inbox); every decision is logged and sent."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from . import appeals, reports
from .forms import DecideAppealForm, DecideReportForm
from .models import Appeal, Report


def _require_moderator(request):
    if not request.user.has_perm("django_comments.can_moderate"):
        raise PermissionDenied


def _inbox(tab):
    return reverse("moderation_inbox") + f"?tab={tab}"


def decide_report(request, pk):
    _require_moderator(request)
    report = get_object_or_404(Report.objects.select_related("content_type"), pk=pk)
    form = DecideReportForm(request.POST or None)
    if report.decided_at:
        messages.info(request, f"Report {report.reference} was decided already.")
        return redirect(_inbox("reports"))
    if request.method == "POST" and form.is_valid():
        reports.decide_report(
            report, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"], by=request.user
        )
        told = " The reporter has been told." if report.email else ""
        messages.success(request, f"Report {report.reference} is decided.{told}")
        return redirect(_inbox("reports"))
    title = f"Report {report.reference}"
    return TemplateResponse(
        request,
        "safety/admin/decide_report.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
            "report": report,
            "form": form,
            "back": _inbox("reports"),
        },
    )


def decide_appeal(request, pk):
    _require_moderator(request)
    appeal = get_object_or_404(Appeal, pk=pk)
    if appeal.decided_at:
        messages.info(request, f"Appeal {appeal.reference} was decided already.")
        return redirect(_inbox("appeals"))
    may_decide = appeals.may_decide(appeal, request.user)
    form = DecideAppealForm(request.POST or None)
    if request.method == "POST" and not may_decide:
        messages.error(request, "You made the original decision, so another moderator decides this appeal.")
        return redirect(_inbox("appeals"))
    if request.method == "POST" and form.is_valid():
        appeals.decide_appeal(
            appeal, outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(request, f"Appeal {appeal.reference} is decided, and the person who appealed is told.")
        return redirect(_inbox("appeals"))
    title = f"Appeal {appeal.reference}"
    return TemplateResponse(
        request,
        "safety/admin/decide_appeal.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "help",
            "appeal": appeal,
            "form": form,
            "back": _inbox("appeals"),
            "decided_it": appeal.original_moderator_id == request.user.pk,
            "may_decide": may_decide,
        },
    )
