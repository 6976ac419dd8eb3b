"""Report anything, appeal a decision, complain about the service: open to everyone, no JavaScript."""

import hashlib
import ipaddress

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from core.mail import send_after_commit
from core.ratelimit import Limit, Rate
from moderation.views import safe_next

from . import appeals, reports, targets
from .forms import AppealForm, ComplaintForm, ReportForm
from .models import Complaint, Report

# Each report is a moderator's time: limited per account or address, and per network, so a
# signed-out flood from one place is refused however many addresses it types.
REPORT_LIMIT = Limit(
    "safety-report", lambda: [Rate(settings.REPORT_RATE_LIMIT, settings.REPORT_RATE_LIMIT_WINDOW_SECONDS)]
)
NETWORK_LIMIT = Limit(
    "safety-report-net",
    lambda: [Rate(settings.SAFETY_NETWORK_RATE_LIMIT, settings.REPORT_RATE_LIMIT_WINDOW_SECONDS)],
)
COMPLAINT_LIMIT = Limit("safety-complaint", lambda: [Rate(settings.SAFETY_NETWORK_RATE_LIMIT, 86400)])

TOO_MANY = (
    "A lot of reports have come from here in a short while, so this one has not been sent yet. "
    "Please try again later; what you chose and wrote is kept below. If someone is in danger now, call 999."
)


def network_of(request):
    """A hash of the sender's network (/24 for IPv4, /64 for IPv6): never the address itself."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 64
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return hashlib.sha256(f"{settings.SECRET_KEY}:{network}".encode()).hexdigest()[:24]


def _who(request, form):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    email = (form.cleaned_data.get("email") or "").lower() if form.is_bound and form.is_valid() else ""
    return f"email:{hashlib.sha256(email.encode()).hexdigest()[:24]}" if email else None


@never_cache
def report(request, type_name, object_id):
    target = targets.resolve(type_name, object_id)
    if target is None:
        raise Http404
    back = safe_next(request, target.url or "/")
    own = request.user.is_authenticated and target.owner_id == request.user.pk
    signed_in = request.user.is_authenticated
    form = ReportForm(request.POST if request.method == "POST" else None, signed_in=signed_in)
    status = 200
    if request.method == "POST" and not own:
        network = network_of(request)
        valid = form.is_valid()
        who = _who(request, form)
        if NETWORK_LIMIT.exceeded(network) or (who and REPORT_LIMIT.exceeded(who)):
            form.add_error(None, TOO_MANY)
            status = 429
        elif valid:
            filed = reports.file_report(
                target,
                category=form.cleaned_data["category"],
                detail=form.cleaned_data["detail"],
                email=form.cleaned_data.get("email", ""),
                reporter=request.user if signed_in else None,
            )
            NETWORK_LIMIT.record(network)
            if who:
                REPORT_LIMIT.record(who)
            return redirect("safety_report_received", filed.reference)
        else:
            status = 400
    return TemplateResponse(
        request,
        "safety/report.html",
        {"target": target, "form": form, "next": back, "own": own, "signed_in": signed_in},
        status=status,
    )


@never_cache
def report_received(request, reference):
    filed = get_object_or_404(Report, reference=reference)
    return TemplateResponse(request, "safety/report_received.html", {"report": filed})


@never_cache
def appeal(request, token):
    """Anyone holding the signed link from the e-mail or status page: no account needed."""
    found = appeals.read_token(token)
    if found is None:
        return TemplateResponse(request, "safety/appeal_link_expired.html", status=404)
    kind, pk = found
    existing = appeals.Appeal.objects.filter(kind=kind, object_id=pk).first()
    if existing is not None:
        return TemplateResponse(request, "safety/appeal_once.html", {"appeal": existing})
    decision = appeals.decision_for(kind, pk)
    if decision is None:
        return TemplateResponse(request, "safety/appeal_nothing.html", status=404)
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        appellant = request.user if request.user.is_authenticated else None
        filed = appeals.file_appeal(
            decision, reason=form.cleaned_data["reason"], email=form.cleaned_data["email"], appellant=appellant
        )
        if filed is None:
            existing = appeals.Appeal.objects.get(kind=kind, object_id=pk)
            return TemplateResponse(request, "safety/appeal_once.html", {"appeal": existing})
        return TemplateResponse(request, "safety/appeal_received.html", {"appeal": filed})
    return TemplateResponse(
        request,
        "safety/appeal.html",
        {"decision": decision, "form": form},
        status=400 if form.is_bound else 200,
    )


def administrator_emails():
    return sorted({email for _name, email in [*settings.ADMINS, *settings.MANAGERS] if email})


@never_cache
def complaint(request):
    form = ComplaintForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        network = network_of(request)
        if COMPLAINT_LIMIT.exceeded(network):
            form.is_valid()
            form.add_error(
                None, "Many messages have come from here today. Please try again tomorrow; your words are kept below."
            )
            status = 429
        elif form.is_valid():
            filed = Complaint.objects.create(**form.cleaned_data)
            COMPLAINT_LIMIT.record(network)
            recipients = administrator_emails()
            if recipients:
                send_after_commit("safety/email/complaint_admins", {"complaint": filed}, recipients)
            if filed.email:
                send_after_commit("safety/email/complaint_received", {"complaint": filed}, [filed.email])
            return TemplateResponse(request, "safety/complaint_received.html", {"complaint": filed})
        else:
            status = 400
    return TemplateResponse(request, "safety/complaint.html", {"form": form}, status=status)
