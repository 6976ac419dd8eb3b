"""Demo reports (one of a person at risk), an appeal and a complaint, so a moderator trying the demo
finds them in the inbox's "Reports" and "Appeals" tabs and the transparency page has figures.

Called from `home`'s `load_demo_data` with one line. Idempotent: it looks for what it made before.
Everyone and everything here is fictional.
"""

from django_comments_xtd.models import XtdComment

from boroughs.models import ThreadPage
from moderation.models import Sanction, SanctionKind
from stories.models import MemorialPage

from . import appeals, reports, targets
from .models import Appeal, AppealKind, Complaint, Report

DEMO = "(Demo, fictional.)"
SANCTION_REASON = f"Speculated about who was responsible in a discussion. {DEMO}"


def _target(obj):
    return targets.resolve(targets.type_key(obj), obj.pk) if obj is not None else None


def load_demo_safety(accounts):
    if Report.objects.filter(detail__endswith=DEMO).exists():
        return
    memorial = MemorialPage.objects.live().order_by("pk").first()
    thread = ThreadPage.objects.live().order_by("pk").first()
    comment = XtdComment.objects.filter(is_public=True, is_removed=False).order_by("pk").first()
    wanted = [
        (
            memorial,
            "identifies",
            f"This names a witness who gave evidence at the trial. {DEMO}",
            "visitor@example.org",
            None,
        ),
        (thread, "at_risk", f"Someone replying here sounds like they might hurt themselves tonight. {DEMO}", "", None),
        (comment, "threat", f"This reads like a threat to the family. {DEMO}", "", None),
        (accounts.get("resident"), "spam", f"This name looks like an advert. {DEMO}", "", accounts.get("family")),
    ]
    for obj, category, detail, email, reporter in wanted:
        target = _target(obj)
        if target is not None:
            reports.file_report(target, category=category, detail=detail, email=email, reporter=reporter)

    resident, moderator = accounts.get("resident"), accounts.get("moderator")
    if resident is not None and not Appeal.objects.filter(reason__endswith=DEMO).exists():
        sanction = Sanction.objects.filter(reason=SANCTION_REASON).first() or Sanction.objects.create(
            user=resident, kind=SanctionKind.WARN, reason=SANCTION_REASON, created_by=moderator
        )
        decision = appeals.decision_for(AppealKind.SANCTION, sanction.pk)
        if decision is not None:
            appeals.file_appeal(
                decision, reason=f"I was repeating what the news said, not accusing anyone. {DEMO}", appellant=resident
            )
    if not Complaint.objects.filter(about__endswith=DEMO).exists():
        Complaint.objects.create(
            name="A. Example",
            about=f"It took a week to hear back about my report. {DEMO}",
            email="complainer@example.org",
        )
