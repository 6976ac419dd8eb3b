"""Granting and removing the peer supporter role, as accounts/roles.py does the family role:
recorded in Wagtail's audit log, and the member is told."""

from wagtail.log_actions import log

from core.mail import send_after_commit

PEER_SUPPORTER_GRANTED = "circle.peer_supporter_granted"
PEER_SUPPORTER_REMOVED = "circle.peer_supporter_removed"
PEER_SUPPORTER_MARK = "trained peer supporter"  # beside their name on what they write (accounts/marks.py)


def peer_supporter_changed(supporter, *, granted, by):
    log(instance=supporter, action=PEER_SUPPORTER_GRANTED if granted else PEER_SUPPORTER_REMOVED, user=by)
    send_after_commit(
        "circle/email/peer_supporter", {"member": supporter.user, "granted": granted}, [supporter.user.email]
    )
