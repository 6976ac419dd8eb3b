"""The reminder the day before, sent by the task worker.

When a gathering is published (or its time changes) a task is queued to run a day before it
starts, on backends that can run a task later (the database queue in production). Whatever
the backend, `send_due_reminders` sends every reminder now due: `manage.py run_schedules` queues it
every few minutes (core/schedules.py), and `manage.py send_gathering_reminders` runs it at once.
Each attendee is reminded once (`reminded_at`), so running all of them is safe. "The day before" is
24 hours before the start, so across a clock change it is still the day before in London.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=1)
REMINDER_CHECK_EVERY = timedelta(minutes=5)  # how often run_schedules queues the sweep


def schedule_reminder(gathering):
    run_after = gathering.starts_at - REMINDER_BEFORE

    def enqueue():
        try:
            if send_reminder.get_backend().supports_defer and run_after > timezone.now():
                send_reminder.using(run_after=run_after).enqueue(gathering.pk)
            elif run_after <= timezone.now():
                send_reminder.enqueue(gathering.pk)
            # Otherwise `send_due_reminders` (the periodic command) sends it when it is due.
        except Exception:
            logger.exception("Could not queue the reminder for gathering %s", gathering.pk)

    transaction.on_commit(enqueue)


def _remind(gathering):
    from core.mail import send_after_commit

    from .models import Attendance

    now = timezone.now()
    if not gathering.live or gathering.is_cancelled or gathering.starts_at <= now:
        return 0
    if gathering.starts_at - now > REMINDER_BEFORE + timedelta(hours=1):
        return 0  # the time moved later: a new reminder is queued for the new time
    sent = 0
    with transaction.atomic():
        due = list(
            gathering.attendances.select_for_update()
            .filter(status=Attendance.CONFIRMED, reminded_at__isnull=True)
            .select_related("user")
        )
        for attendance in due:
            send_after_commit(
                "gatherings/email/reminder",
                {"gathering": gathering, "member": attendance.user, "address": gathering.address},
                [attendance.user.email],
            )
            sent += 1
        gathering.attendances.filter(pk__in=[a.pk for a in due]).update(reminded_at=now)
    return sent


@task()
def send_reminder(gathering_id):
    from .models import GatheringPage

    gathering = GatheringPage.objects.filter(pk=gathering_id).first()
    return _remind(gathering) if gathering else 0


@task()
def send_due_reminders():
    from .models import GatheringPage

    soon = timezone.now() + REMINDER_BEFORE
    gatherings = GatheringPage.objects.live().filter(
        cancelled_at__isnull=True, starts_at__gt=timezone.now(), starts_at__lte=soon
    )
    return sum(_remind(gathering) for gathering in gatherings)
