"""The periodic tasks run with nobody to start them (`manage.py run_schedules`, core/schedules.py):
a gathering's reminder goes the day before in London, once per attendee, across both clock changes;
a bleed kit's guardian hears once per overdue check, when the London date says it is overdue.

The clock is moved by hand (`timezone.now`); the shared cache standing in for "the interval has
passed" is cleared between runs the way time would expire its keys.
"""

import io
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from core import schedules
from gatherings import booking
from gatherings.models import LONDON, Attendance
from gatherings.reminders import REMINDER_BEFORE
from tests.factories import UserFactory
from tests.support.test_youth_and_kits import make_kit

from .factories import GatheringPageFactory, london

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, monkeypatch):
        self.now = None
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def at(self, *utc):
        self.now = datetime(*utc, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def run_schedules():
    """One run of the command, after its interval has passed; the e-mails it sent."""
    cache.clear()
    mail.outbox.clear()
    out = io.StringIO()
    call_command("run_schedules", stdout=out)  # the test backend runs each queued task at once
    return list(mail.outbox), out.getvalue()


def test_both_reminders_are_registered_with_the_scheduler():
    names = {schedule.name: schedule.task.name for schedule in schedules.registered()}
    assert names == {"gathering-reminders": "send_due_reminders", "bleed-kit-reminders": "remind_guardians"}


@pytest.mark.parametrize(
    ("day", "hour", "a_day_before_utc"),
    [
        # Clocks go forward at 01:00 UTC on Sunday 29 March 2026: 18:00 BST is 17:00 UTC.
        (date(2026, 3, 29), 18, (2026, 3, 28, 17, 0)),
        # Clocks go back at 01:00 UTC on Sunday 25 October 2026: 10:00 GMT is 10:00 UTC.
        (date(2026, 10, 25), 10, (2026, 10, 24, 10, 0)),
    ],
    ids=["spring forward", "fall back"],
)
def test_a_gathering_on_the_clock_change_is_reminded_the_day_before_once_per_attendee(
    clock, family, day, hour, a_day_before_utc
):
    clock.at(2026, day.month, 1, 12)
    gathering = GatheringPageFactory(owner=family, starts_at=london(day, hour), ends_at=london(day, hour + 2))
    assert gathering.starts_at == datetime(*a_day_before_utc, tzinfo=UTC) + REMINDER_BEFORE
    first, second, waiting = UserFactory.create_batch(3)
    gathering.capacity = 2
    gathering.save()
    for member in (first, second, waiting):
        booking.join(gathering.pk, member)
    assert Attendance.objects.filter(gathering=gathering, status=Attendance.CONFIRMED).count() == 2

    clock.at(*a_day_before_utc[:3], a_day_before_utc[3] - 1, 50)  # 24 hours and 10 minutes before
    assert run_schedules()[0] == []

    clock.at(*a_day_before_utc[:3], a_day_before_utc[3], 5)  # 23 hours 55 minutes before
    sent, out = run_schedules()
    assert sorted(m.to[0] for m in sent) == sorted([first.email, second.email])
    assert "gathering-reminders" in out
    assert timezone.localtime(clock.now, LONDON).date() == day.replace(day=day.day - 1)  # the day before, in London

    for minutes in (10, 40):  # every few minutes after: nobody hears twice
        clock.at(*a_day_before_utc[:3], a_day_before_utc[3], minutes)
        assert run_schedules()[0] == []


def test_a_second_run_within_the_interval_queues_nothing_and_a_later_one_does(clock, tree):
    clock.at(2026, 6, 1, 9)
    cache.clear()
    assert set(schedules.run_due()) == {"gathering-reminders", "bleed-kit-reminders"}
    assert schedules.run_due() == []  # another runner (or cron a minute later) within the interval
    cache.clear()  # the interval passed
    assert set(schedules.run_due()) == {"gathering-reminders", "bleed-kit-reminders"}


def test_a_task_that_could_not_be_queued_is_tried_again_on_the_next_run(tree, monkeypatch):
    class QueueAway:
        def enqueue(self):
            raise ConnectionError("the queue's database is away")

    kits = next(s for s in schedules.registered() if s.name == "bleed-kit-reminders")
    cache.clear()
    monkeypatch.setitem(schedules._schedules, kits.name, schedules.Schedule(kits.name, kits.interval, QueueAway()))
    assert schedules.run_due() == ["gathering-reminders"]
    monkeypatch.setitem(schedules._schedules, kits.name, kits)
    assert schedules.run_due() == ["bleed-kit-reminders"]  # not held back by the failed claim


def test_a_guardian_is_emailed_once_per_overdue_check_by_the_london_date(clock, tree):
    clock.at(2026, 4, 1, 12)
    kit = make_kit(venue="Demo Corner Shop", guardian_email="guardian@example.org")
    kit.last_checked = date(2026, 3, 31)
    kit.save()

    clock.at(2026, 6, 30, 22, 30)  # 23:30 on 30 June in London: three months since 30 March only
    assert run_schedules()[0] == []
    clock.at(2026, 6, 30, 23, 30)  # 00:30 on 1 July in London (still 30 June in UTC): overdue
    sent, _ = run_schedules()
    assert [m.to for m in sent] == [["guardian@example.org"]] and "Demo Corner Shop" in sent[0].subject
    for hour in (1, 9, 15):  # every run after it, that day and the next: not again
        clock.at(2026, 7, 1, hour)
        assert run_schedules()[0] == []

    kit.last_checked = date(2026, 7, 2)  # checked again: a new period starts
    kit.save()
    clock.at(2026, 8, 1, 12)
    assert run_schedules()[0] == []
    clock.at(2026, 10, 3, 12)  # overdue again
    assert [m.to for m in run_schedules()[0]] == [["guardian@example.org"]]
    assert run_schedules()[0] == []
