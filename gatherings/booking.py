"""Places, the waiting list and what each person is told.

Every change to who holds a place runs inside one transaction that first locks the gathering's
row (`select_for_update`), so two members asking for the last place at once are served one
after the other: the second finds it taken and joins the waiting list. SQLite has no row
locks but serialises writers, so the same rule holds there.

The exact address is written only into messages to people holding a confirmed place.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.mail import send_after_commit

from .models import Attendance, GatheringPage


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int = 403


def places_left(gathering):
    taken = gathering.attendances.filter(status=Attendance.CONFIRMED).count()
    return max(gathering.capacity - taken, 0)


def _locked(gathering_id):
    # of=("self",): lock the gathering's own row, not Wagtail's page row every editor touches.
    return GatheringPage.objects.select_for_update(of=("self",)).get(pk=gathering_id)


def refusal_for(gathering, user):
    if not gathering.live:
        return Refusal("This gathering is not listed yet.", 404)
    if gathering.is_cancelled:
        return Refusal("This gathering has been cancelled, so places can no longer be taken.", 409)
    if gathering.is_past:
        return Refusal("This gathering has already happened.", 409)
    if not gathering.details_visible_to(user):
        return Refusal("This gathering is for bereaved families only.", 403)
    return None


def _tell(attendance, gathering, template):
    send_after_commit(
        f"gatherings/email/{template}",
        {
            "gathering": gathering,
            "member": attendance.user,
            "attendance": attendance,
            # The address only in a message to a confirmed attendee: the templates never read the page's.
            "address": gathering.address if attendance.status == Attendance.CONFIRMED else "",
        },
        [attendance.user.email],
    )


def join(gathering_id, user):
    """Take a place, or a place on the waiting list. Returns (attendance, refusal)."""
    with transaction.atomic():
        gathering = _locked(gathering_id)
        refusal = refusal_for(gathering, user)
        if refusal:
            return None, refusal
        attendance = Attendance.objects.filter(gathering=gathering, user=user).first()
        if attendance and attendance.status != Attendance.CANCELLED:
            return attendance, None  # already coming or waiting: asking twice changes nothing
        status = Attendance.CONFIRMED if places_left(gathering) > 0 else Attendance.WAITING
        if attendance is None:
            attendance = Attendance(gathering=gathering, user=user)
        attendance.status, attendance.joined_at, attendance.reminded_at = status, timezone.now(), None
        attendance.save()
        _tell(attendance, gathering, "confirmed" if status == Attendance.CONFIRMED else "waiting")
        return attendance, None


def promote(gathering):
    """Give freed places to the next people waiting, in the order they joined; each is told.

    Call with the gathering's row locked.
    """
    promoted = []
    free = places_left(gathering)
    if free <= 0 or gathering.is_cancelled or gathering.is_past:
        return promoted
    for attendance in gathering.attendances.filter(status=Attendance.WAITING).select_related("user")[:free]:
        attendance.status = Attendance.CONFIRMED
        attendance.save(update_fields=["status"])
        _tell(attendance, gathering, "promoted")
        promoted.append(attendance)
    return promoted


def leave(gathering_id, user):
    """The attendee gives up their place (or their place in the queue). Returns whether they held one."""
    with transaction.atomic():
        gathering = _locked(gathering_id)
        attendance = (
            Attendance.objects.filter(gathering=gathering, user=user).exclude(status=Attendance.CANCELLED).first()
        )
        if attendance is None:
            return False
        attendance.status = Attendance.CANCELLED
        attendance.save(update_fields=["status"])
        _tell(attendance, gathering, "left")
        promote(gathering)
        return True


def _everyone(gathering):
    return list(
        gathering.attendances.filter(status__in=[Attendance.CONFIRMED, Attendance.WAITING]).select_related("user")
    )


def change(gathering_id, *, by, **details):
    """The organiser changes when, where or how many: applied at once, everyone on the list is told."""
    with transaction.atomic():
        gathering = _locked(gathering_id)
        changed = {name for name, value in details.items() if getattr(gathering, name) != value}
        if not changed:
            return gathering, set()
        for name in changed:
            setattr(gathering, name, details[name])
        gathering.sequence += 1
        gathering.save(update_fields=[*changed, "sequence"], clean=False)
        for attendance in _everyone(gathering):
            _tell(attendance, gathering, "changed")
        promote(gathering)  # more places: the waiting list moves up
        from .reminders import schedule_reminder

        if "starts_at" in changed:
            gathering.attendances.update(reminded_at=None)
            schedule_reminder(gathering)
        return gathering, changed


def cancel(gathering_id, *, by):
    """The organiser (or a moderator) cancels: it stays in calendars as cancelled; everyone is told."""
    with transaction.atomic():
        gathering = _locked(gathering_id)
        if gathering.is_cancelled:
            return gathering
        gathering.cancelled_at = timezone.now()
        gathering.sequence += 1
        gathering.save(update_fields=["cancelled_at", "sequence"], clean=False)
        for attendance in _everyone(gathering):
            _tell(attendance, gathering, "cancelled")
        return gathering
