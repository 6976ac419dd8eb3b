"""Setting and ending quiet periods and legal holds, each written to Wagtail's audit log."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import LegalHold, QuietPeriod

QUIET_SET = "care.quiet_period_set"
QUIET_END = "care.quiet_period_end"
LEGAL_HOLD_SET = "care.legal_hold_set"
LEGAL_HOLD_CLEAR = "care.legal_hold_clear"

LOG_ACTIONS = [
    (QUIET_SET, "Set quiet period", "Quiet period set by the family"),
    (QUIET_END, "End quiet period", "Quiet period ended early by the family"),
    (LEGAL_HOLD_SET, "Set legal hold", "Legal hold set: every new comment waits for a moderator"),
    (LEGAL_HOLD_CLEAR, "Clear legal hold", "Legal hold cleared"),
]


@transaction.atomic
def set_quiet_period(story, *, starts_at, ends_at, by):
    """One quiet period at a time: a new one replaces any current or planned one."""
    now = timezone.now()
    for period in QuietPeriod.objects.not_over(now).filter(story=story):
        _end(period, now)
    period = QuietPeriod.objects.create(story=story, starts_at=starts_at, ends_at=ends_at, created_by=by)
    log(
        instance=story,
        action=QUIET_SET,
        user=by,
        data={"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
    )
    return period


def _end(period, now):
    if period.starts_at > now:
        period.delete()  # never began: nothing to keep
        return
    period.ends_at = now
    period.ended_early_at = now
    period.save(update_fields=["ends_at", "ended_early_at"])


@transaction.atomic
def end_quiet_period(story, *, by):
    now = timezone.now()
    periods = list(QuietPeriod.objects.not_over(now).filter(story=story))
    for period in periods:
        _end(period, now)
    if periods:
        log(instance=story, action=QUIET_END, user=by, data={})
    return bool(periods)


@transaction.atomic
def set_legal_hold(page, *, by, note="", stage="", reason="", proceedings_since=None, watch_names=""):
    """Returns the active hold (the existing one if the page was already under a hold)."""
    existing = LegalHold.objects.active().select_for_update().filter(page=page).first()
    if existing:
        return existing
    hold = LegalHold.objects.create(
        page=page,
        set_by=by,
        note=note,
        stage=stage,
        reason=reason,
        proceedings_since=proceedings_since,
        watch_names=watch_names,
    )
    since = hold.proceedings_since.isoformat() if hold.proceedings_since else ""
    data = {"note": hold.note, "stage": hold.stage, "reason": hold.reason, "since": since}
    log(instance=page, action=LEGAL_HOLD_SET, user=by, data=data)
    return hold


@transaction.atomic
def clear_legal_hold(page, *, by):
    holds = list(LegalHold.objects.active().select_for_update().filter(page=page))
    for hold in holds:
        hold.cleared_at = timezone.now()
        hold.cleared_by = by
        hold.save(update_fields=["cleared_at", "cleared_by"])
    if holds:
        log(instance=page, action=LEGAL_HOLD_CLEAR, user=by, data={})
    return bool(holds)
