"""Reminding bleed-kit guardians that a check is due (run by the task worker).

`manage.py run_schedules` queues `remind_guardians` every hour (core/schedules.py; production runs
it beside the task worker), and `manage.py remind_bleed_kit_guardians` queues it at once. Each
guardian hears once per overdue check; a new `last_checked` date starts the count again.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .bleed_kits import BleedKit, check_due_before

logger = logging.getLogger(__name__)


def kits_due_a_reminder(today=None):
    return (
        BleedKit.objects.filter(last_checked__lt=check_due_before(today))
        .filter(Q(reminded_about__isnull=True) | ~Q(reminded_about=F("last_checked")))
        .select_related("borough")
    )


@task()
def remind_guardians():
    """E-mail each guardian whose kit is overdue a check. Returns how many e-mails went."""
    sent = 0
    today = timezone.localdate()
    for kit in kits_due_a_reminder(today):
        context = {"kit": kit, "base_url": settings.WAGTAILADMIN_BASE_URL, "today": today}
        subject = render_to_string("support/email/kit_check_due_subject.txt", context).strip()
        body = render_to_string("support/email/kit_check_due.txt", context)
        try:
            send_mail(subject, body, None, [kit.guardian_email])
        except Exception:
            # Left unmarked, so tomorrow's run tries again.
            logger.exception("Could not remind the guardian of bleed kit %s", kit.pk)
            continue
        BleedKit.objects.filter(pk=kit.pk).update(reminded_about=kit.last_checked)
        sent += 1
    return sent
