"""Filing and deciding reports. Every decision is in the audit log; the reporter hears the outcome."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.mail import send_after_commit
from moderation import actions as moderation_actions
from moderation.screening import screen

from .models import Category, Report

REPORT_FILED = "safety.report"
REPORT_DECIDED = "safety.report_decided"

# A report whose own words threaten, taunt or accuse someone is itself for moderators (shown with it).
SCREENED_CODES = {"phrase", "postcode_callout", "accusation", "child_in_proceedings"}


def _screen_report(text):
    return [reason for reason in screen(text, trusted=True) if reason["code"] in SCREENED_CODES] if text else []


@transaction.atomic
def file_report(target, *, category, detail, email="", reporter=None):
    """Record a report; a member's report of a response also counts toward hiding it (moderation)."""
    report = Report.objects.create(
        content_type=target.content_type,
        object_id=target.obj.pk,
        target_label=target.label,
        target_url=target.url,
        category=category,
        detail=detail,
        email=email or (reporter.email if reporter else ""),
        reporter=reporter,
        screening=_screen_report(detail),
    )
    if target.is_comment and reporter is not None:
        # moderation's own flag: the same threshold hides the response; the signal links it here.
        moderation_actions.flag(target.obj, user=reporter, reason=category, detail=detail)
    log(
        instance=report, action=REPORT_FILED, user=reporter, data={"reference": report.reference, "category": category}
    )
    if report.email:
        send_after_commit("safety/email/report_received", {"report": report}, [report.email])
    tell_moderators_if_at_risk(report)
    return report


def tell_moderators_if_at_risk(report):
    """A person at risk cannot wait for the queue: every moderator is e-mailed at once."""
    if report.category == Category.AT_RISK:
        recipients = moderation_actions.moderator_emails()
        if recipients:
            send_after_commit("safety/email/person_at_risk", {"report": report}, recipients)


@transaction.atomic
def decide_report(report, *, outcome, note, by):
    if report.decided_at:
        return False
    report.outcome = outcome
    report.outcome_note = note
    report.decided_at = timezone.now()
    report.decided_by = by
    report.save()
    log(instance=report, action=REPORT_DECIDED, user=by, data={"reference": report.reference, "outcome": outcome})
    if report.email:
        send_after_commit("safety/email/report_outcome", {"report": report}, [report.email])
    return True


def close_reports_of_comment(comment_id, *, by, acted):
    """A moderator decided a reported response in the comment inbox: tell its reporters."""
    from django.contrib.contenttypes.models import ContentType
    from django_comments_xtd.models import XtdComment

    content_type = ContentType.objects.get_for_model(XtdComment)
    for report in Report.objects.filter(content_type=content_type, object_id=comment_id, decided_at__isnull=True):
        decide_report(
            report,
            outcome="acted" if acted else "no_action",
            note="The response was removed." if acted else "A moderator read it and it can stay.",
            by=by,
        )
