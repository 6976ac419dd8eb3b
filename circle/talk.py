"""Requests to talk: passed on only with both sides' consent.

The sender consents by sending, and chooses the way: through a moderator (who reads it and passes
it on, or not) or directly. A direct request whose words screening stops goes to a moderator all
the same, and the sender is told. The recipient then accepts (and chooses the contact to share) or
declines. Only an accepted request shows each side the other's contact. A decline is quiet: the
sender is not e-mailed, and their page says it kindly.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.mail import send_after_commit
from core.ratelimit import Limit, Rate
from moderation.screening import screen

from .models import FamilyListing, Route, TalkRequest

PASSED_ON = "circle.talk_request_passed_on"
NOT_PASSED_ON = "circle.talk_request_not_passed_on"


def _rates():
    return [Rate(getattr(settings, "CIRCLE_TALK_REQUESTS_PER_DAY", 3), 86400, "day")]


LIMIT = Limit("talk_request", _rates)


def findable_families():
    """Families who chose to be found, while they hold the family role and their account is open."""
    return FamilyListing.objects.filter(findable=True, user__is_active=True, user__profile__is_family=True)


def refusal(sender, recipient):
    """Why `sender` may not ask `recipient` just now, or ""."""
    if sender.pk == recipient.pk:
        return "This is your own listing."
    if TalkRequest.objects.filter(sender=sender, recipient=recipient, status__in=TalkRequest.OPEN).exists():
        return "You have already asked this family. Their answer will come to your requests page."
    if LIMIT.exceeded(sender.pk):
        return (
            "You have sent several requests today. Please come back tomorrow; what you wrote is kept below, "
            "so you can send it then."
        )
    return ""


def _tell_recipient(request):
    send_after_commit(
        "circle/email/request_arrived",
        {"member": request.recipient, "url": reverse("circle_requests")},
        [request.recipient.email],
    )


def send(sender, recipient, *, message, route, contact):
    reasons = screen(message, trusted=False)
    to_moderator = route == Route.MODERATOR or bool(reasons)
    with transaction.atomic():
        request = TalkRequest.objects.create(
            sender=sender,
            recipient=recipient,
            message=message,
            route=route,
            reasons=reasons,
            sender_contact=contact,
            status=TalkRequest.WITH_MODERATOR if to_moderator else TalkRequest.WAITING,
            passed_at=None if to_moderator else timezone.now(),
        )
        LIMIT.record(sender.pk)
        if not to_moderator:
            _tell_recipient(request)
    return request


def moderator_decides(request, *, pass_on, by):
    request.status = TalkRequest.WAITING if pass_on else TalkRequest.NOT_PASSED
    request.passed_at, request.passed_by = timezone.now(), by
    request.save(update_fields=["status", "passed_at", "passed_by"])
    log(instance=request, action=PASSED_ON if pass_on else NOT_PASSED_ON, user=by)
    if pass_on:
        _tell_recipient(request)
    else:
        send_after_commit(
            "circle/email/request_not_passed",
            {"member": request.sender, "url": reverse("circle_requests")},
            [request.sender.email],
        )


def accept(request, *, contact):
    request.status, request.recipient_contact, request.answered_at = TalkRequest.ACCEPTED, contact, timezone.now()
    request.save(update_fields=["status", "recipient_contact", "answered_at"])
    send_after_commit(
        "circle/email/request_accepted",
        {"member": request.sender, "other": request.recipient, "url": reverse("circle_requests")},
        [request.sender.email],
    )


def decline(request):
    request.status, request.answered_at = TalkRequest.DECLINED, timezone.now()
    request.save(update_fields=["status", "answered_at"])
