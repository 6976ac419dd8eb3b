"""Work that must run on a clock with nobody to start it, enqueued by `manage.py run_schedules`.

Each app registers its periodic tasks from its `AppConfig.ready()` (core imports no domain app):

    schedules.every("gathering-reminders", timedelta(minutes=5), send_due_reminders)

Production runs `run_schedules --loop 300` beside the `db_worker` (scripts/serve-prod.sh), or
`run_schedules` from cron or a systemd timer every few minutes. Each task is idempotent by itself
(a reminder is marked sent per attendee, a guardian's e-mail per check date), so running the command
more often, or on two machines at once, sends nothing twice. `every` only keeps the queue short: a
task is enqueued when none was in the last `every`, which `cache.add` settles between runners
sharing the cache (Redis in production).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    name: str
    interval: timedelta
    task: object  # a django-tasks Task taking no arguments


_schedules = {}


def every(name, interval, task):
    _schedules[name] = Schedule(name, interval, task)


def registered():
    return list(_schedules.values())


def _claim(schedule):
    """True for one runner per interval (a key that expires with it)."""
    return cache.add(f"schedules:{schedule.name}", True, timeout=max(int(schedule.interval.total_seconds()), 1))


def run_due():
    """Enqueue every task whose interval has passed since it was last enqueued; returns their names."""
    queued = []
    for schedule in registered():
        if not _claim(schedule):
            continue
        try:
            schedule.task.enqueue()
        except Exception:
            cache.delete(f"schedules:{schedule.name}")  # not queued: the next run tries again
            logger.exception("Could not queue the scheduled task %s", schedule.name)
            continue
        queued.append(schedule.name)
    return queued
