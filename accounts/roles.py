"""Granting and removing the family role: recorded in Wagtail's audit log, and the member is told."""

from wagtail.log_actions import log

from core.mail import send_after_commit

FAMILY_GRANTED = "accounts.family_role_granted"
FAMILY_REMOVED = "accounts.family_role_removed"


def family_role_changed(profile, *, by):
    """Call after `profile.is_family` changed: log who did it and e-mail the member."""
    action = FAMILY_GRANTED if profile.is_family else FAMILY_REMOVED
    log(instance=profile, action=action, user=by)
    send_after_commit(
        "accounts/email/family_role", {"member": profile.user, "granted": profile.is_family}, [profile.user.email]
    )
