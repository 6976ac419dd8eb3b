"""Reports and appeals in the moderator inbox (registered with moderation.inbox.register_source)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from moderation import distress, inbox
from support.panel import services_near

from .models import Appeal, Category, Report


def open_reports():
    # A member's report of a response (it has a flag) is already in "Reported"; a person at risk shows here too.
    return Report.objects.filter(decided_at__isnull=True).filter(Q(flag__isnull=True) | Q(category=Category.AT_RISK))


def open_appeals():
    return Appeal.objects.filter(decided_at__isnull=True)


def overdue_before():
    return timezone.now() - timedelta(days=settings.SAFETY_OVERDUE_DAYS)


# Reports the moderator may find distressing to read: their words are folded until opened.
DISTRESSING = (Category.THREAT, Category.AT_RISK)


def distressing_reports_handled(user, since):
    """Reports of a threat or of a person at risk `user` decided since `since` (those of a response
    are counted with the response, unless they were of a person at risk, which shows here too)."""
    decided = Report.objects.filter(decided_by=user, decided_at__gte=since, category__in=DISTRESSING)
    return decided.filter(Q(flag__isnull=True) | Q(category=Category.AT_RISK)).count()


def _report_keys():
    return [
        ("reports", pk, when, "urgent" if category == Category.AT_RISK else "")
        for pk, when, category in open_reports().values_list("pk", "created_at", "category")
    ]


def _load_reports(pks):
    if not pks:
        return []
    reports = list(Report.objects.filter(pk__in=pks).select_related("content_type", "reporter"))
    crisis_lines = []
    if any(report.urgent for report in reports):
        crisis_lines, _services = services_near(None)
    before = overdue_before()
    items = []
    for report in reports:
        report.crisis_lines = crisis_lines if report.urgent else []
        items.append(
            inbox.InboxItem(
                "reports",
                report.pk,
                report.created_at,
                obj=report,
                distressing=report.category in DISTRESSING,
                extra={"cells": CELLS["reports"], "overdue": report.created_at < before},
            )
        )
    return items


def _appeal_keys():
    return [("appeals", pk, when, "") for pk, when in open_appeals().values_list("pk", "created_at")]


def _load_appeals(pks):
    if not pks:
        return []
    appeals = list(
        Appeal.objects.filter(pk__in=pks).select_related(
            "assigned_to__profile", "original_moderator__profile", "appellant__profile"
        )
    )
    page_ids = [appeal.object_id for appeal in appeals if appeal.kind == "page"]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids)} if page_ids else {}
    before = overdue_before()
    items = []
    for appeal in appeals:
        appeal.page = pages.get(appeal.object_id)
        items.append(
            inbox.InboxItem(
                "appeals",
                appeal.pk,
                appeal.created_at,
                obj=appeal,
                extra={"cells": CELLS["appeals"], "overdue": appeal.created_at < before},
            )
        )
    return items


def _cells(kind):
    return {column: f"safety/admin/inbox/{kind}_{column}.html" for column in ("item", "why", "actions")}


CELLS = {"reports": _cells("report"), "appeals": _cells("appeal")}


def register():
    distress.register_handled_today(distressing_reports_handled)
    inbox.register_source(
        "reports",
        inbox.Source("Reports", "Report", keys=_report_keys, load=_load_reports, count=lambda: open_reports().count()),
    )
    inbox.register_source(
        "appeals",
        inbox.Source("Appeals", "Appeal", keys=_appeal_keys, load=_load_appeals, count=lambda: open_appeals().count()),
    )
