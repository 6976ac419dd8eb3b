"""`/me/`: a member's own settings, their data, and the way to everything else that is theirs."""

import json
import logging

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail.models import ModelLogEntry

from core.redirects import safe_next

from . import terms
from .data import member_data
from .deletion import DATA_EXPORTED, CannotDelete, check_can_delete, delete_member
from .forms import DeleteAccountForm, ReadingPreferencesForm, TermsAgainForm

logger = logging.getLogger(__name__)


@login_required
def my_settings(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ReadingPreferencesForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, "Your settings are saved.")
            return redirect("my_settings")
    else:
        form = ReadingPreferencesForm(instance=profile)
    return TemplateResponse(request, "accounts/my_settings.html", {"form": form})


@never_cache
@login_required
def my_data(request):
    """GET: what the download holds. POST (with CSRF): the download itself, a JSON file.

    A POST, so that no link, prefetch or crawler ever fetches someone's data, and so each
    download is recorded (when, not what) in the audit log.
    """
    if request.method != "POST":
        return TemplateResponse(request, "accounts/my_data.html", {})
    data = member_data(request.user, request)
    ModelLogEntry.objects.log_action(request.user.profile, DATA_EXPORTED, user=request.user, title="A member")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"london-listens-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
def delete_account(request):
    """A plain explanation, the password, and a POST: then everything goes, as `accounts.deletion` says."""
    user = request.user
    try:
        check_can_delete(user)
    except CannotDelete as refusal:
        return TemplateResponse(request, "accounts/delete_account.html", {"refusal": str(refusal)}, status=403)

    form = DeleteAccountForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=user):
            form = DeleteAccountForm(user=user)
            form.add_error(None, "Too many attempts. Nothing has been deleted. Please wait a minute and try again.")
            status = 429
        elif form.is_valid():
            address, name = user.email, user.public_name
            delete_member(user)
            logout(request)
            _send_goodbye(address, name)
            return redirect("account_deleted")
        else:
            status = 400
    return TemplateResponse(request, "accounts/delete_account.html", {"form": form}, status=status)


def _send_goodbye(address, name):
    """The last message to the address, sent after it is erased from the database."""
    context = {"name": name, "base_url": settings.WAGTAILADMIN_BASE_URL}
    try:
        send_mail(
            render_to_string("accounts/email/account_deleted_subject.txt", context).strip(),
            render_to_string("accounts/email/account_deleted.txt", context),
            None,
            [address],
        )
    except Exception:  # the account is gone either way: a mail failure must not turn that into an error page
        logger.exception("Could not send the account-deleted e-mail")


def account_deleted(request):
    return TemplateResponse(request, "accounts/account_deleted.html", {})


@never_cache
@login_required
def terms_again(request):
    """`/me/terms/`: what changed in the terms, and the member's agreement (accounts/terms.py)."""
    form = TermsAgainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        terms.record_agreement(request)
        messages.success(request, "Thank you. You have agreed to the new terms.")
        return redirect(safe_next(request, "/"))
    status = 400 if form.errors else 200
    return TemplateResponse(request, "accounts/terms_again.html", terms.terms_context(request, form), status=status)
