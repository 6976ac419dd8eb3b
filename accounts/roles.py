"""Granting and removing the family role: recorded in Wagtail's audit log, and the member is told."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from wagtail.log_actions import log

FAMILY_GRANTED = "accounts.family_role_granted"
FAMILY_REMOVED = "accounts.family_role_removed"


def family_role_changed(profile, *, by):
    """Call after `profile.is_family` changed: log who did it and e-mail the member."""
    action = FAMILY_GRANTED if profile.is_family else FAMILY_REMOVED
    log(instance=profile, action=action, user=by)
    context = {"member": profile.user, "granted": profile.is_family, "base_url": settings.WAGTAILADMIN_BASE_URL}
    send_mail(
        render_to_string("accounts/email/family_role_subject.txt", context).strip(),
        render_to_string("accounts/email/family_role.txt", context),
        None,
        [profile.user.email],
    )
