"""Reporting, appealing and complaining, end to end as a visitor, a member and a moderator do it."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from moderation import actions
from moderation.models import CommentFlagReport, CommentReview, CommentState, ModerationSettings, Sanction
from safety import appeals
from safety.models import Appeal, AppealKind, Complaint, Report
from tests.factories import MemorialPageFactory, ModeratorFactory, SanctionFactory, ThreadPageFactory, UserFactory
from tests.moderation.helpers import make_comment

pytestmark = pytest.mark.django_db
REFERENCE = re.compile(r"LL-[2-9A-Z]{4}-[2-9A-Z]{2}")


def report_url(obj, type_name):
    return reverse("safety_report", args=[type_name, obj.pk])


@pytest.fixture
def memorial(tree):
    return MemorialPageFactory()


def test_visitor_reports_a_memorial_moderator_acts_reporter_told(memorial):
    page = Client().get(memorial.url)
    link = report_url(memorial, "stories.memorialpage")
    assert link.encode() in page.content

    visitor = Client()
    response = visitor.post(
        link, {"category": "identifies", "detail": "It names a witness.", "email": "reader@example.org"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert REFERENCE.fullmatch(report.reference)
    thanks = visitor.get(response["Location"])
    assert report.reference in thanks.content.decode()
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert report.reference in mail.outbox[0].subject

    moderator = ModeratorFactory()
    staff = Client()
    staff.force_login(moderator)
    inbox = staff.get(reverse("moderation_inbox") + "?tab=reports")
    assert report.reference in inbox.content.decode()
    mail.outbox.clear()
    decided = staff.post(
        reverse("safety_decide_report", args=[report.pk]), {"outcome": "acted", "note": "We took the name out."}
    )
    assert decided.status_code == 302
    report.refresh_from_db()
    assert report.outcome == "acted" and report.decided_by == moderator
    assert mail.outbox[0].to == ["reader@example.org"] and "We took the name out." in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="safety.report_decided", object_id=str(report.pk)).exists()


def test_person_at_risk_goes_first_with_crisis_guidance(memorial):
    Client().post(report_url(memorial, "stories.memorialpage"), {"category": "spam"})
    Client().post(
        report_url(memorial, "stories.memorialpage"), {"category": "at_risk", "detail": "She sounds desperate."}
    )
    staff = Client()
    staff.force_login(ModeratorFactory())
    body = staff.get(reverse("moderation_inbox") + "?tab=all").content.decode()
    at_risk = Report.objects.get(category="at_risk")
    spam = Report.objects.get(category="spam")
    assert body.index(f"inbox-reports-{at_risk.pk}") < body.index(f"inbox-reports-{spam.pk}")
    assert "116 123" in body


def test_member_report_of_a_response_counts_toward_hiding(memorial):
    ModerationSettings.objects.update_or_create(pk=ModerationSettings.load().pk, defaults={"flags_to_hide": 2})
    comment = make_comment(memorial, UserFactory())
    for _ in range(2):
        member = Client()
        member.force_login(UserFactory())
        assert (
            member.post(report_url(comment, "django_comments_xtd.xtdcomment"), {"category": "harassment"}).status_code
            == 302
        )
    assert CommentFlagReport.objects.count() == 2
    assert Report.objects.filter(flag__isnull=False).count() == 2  # one each, not two
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN


def test_moderations_own_report_form_makes_a_safety_report_and_reporters_hear_the_decision(memorial):
    comment = make_comment(memorial, UserFactory())
    reporter = UserFactory()
    actions.flag(comment, user=reporter, reason="threat")
    report = Report.objects.get()
    assert report.category == "threat" and report.flag is not None
    mail.outbox.clear()
    actions.reject(CommentReview.objects.get(comment=comment), by=ModeratorFactory(), reason="A threat.")
    report.refresh_from_db()
    assert report.outcome == "acted"
    assert reporter.email in [m.to[0] for m in mail.outbox]


def test_a_threat_in_a_report_is_flagged_for_moderators(memorial):
    Client().post(
        report_url(memorial, "stories.memorialpage"), {"category": "other", "detail": "SE15 on top, you are next"}
    )
    assert Report.objects.get().screening


def test_appeal_by_signed_link_without_an_account_once_and_overturned(memorial):
    comment = make_comment(memorial, UserFactory(), text="He was my friend.")
    decider, other = ModeratorFactory(), ModeratorFactory()
    review = CommentReview.objects.get(comment=comment)
    mail.outbox.clear()
    actions.reject(review, by=decider, reason="Off topic.")
    link = re.search(r"https?://\S+/appeal/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]

    visitor = Client()  # not signed in
    assert "Off topic." in visitor.get(path).content.decode()
    sent = visitor.post(path, {"reason": "It was a memory of him, not off topic.", "email": ""})
    assert sent.status_code == 200
    appeal = Appeal.objects.get()
    assert appeal.assigned_to == other  # not the moderator who decided
    assert appeal.original_moderator == decider
    again = visitor.post(path, {"reason": "Again."})
    assert "appealed already" in again.content.decode()
    assert Appeal.objects.count() == 1

    staff = Client()
    staff.force_login(other)
    assert appeal.reference in staff.get(reverse("moderation_inbox") + "?tab=appeals").content.decode()
    staff.post(reverse("safety_decide_appeal", args=[appeal.pk]), {"outcome": "overturned", "reason": "Fair point."})
    review.refresh_from_db()
    comment.refresh_from_db()
    assert review.state == CommentState.PUBLISHED and comment.is_public
    appeal.refresh_from_db()
    assert appeal.outcome == "overturned"
    for action in ("safety.appeal", "safety.appeal_decided"):
        assert ModelLogEntry.objects.filter(action=action, object_id=str(appeal.pk)).exists()


def test_overturning_a_sanction_lifts_it(tree):
    sanction = SanctionFactory(created_by=ModeratorFactory())
    ModeratorFactory()
    decision = appeals.decision_for(AppealKind.SANCTION, sanction.pk)
    appeal = appeals.file_appeal(decision, reason="I was quoting someone.")
    assert appeal.assigned_to != sanction.created_by
    appeals.decide_appeal(appeal, outcome="overturned", reason="Agreed.", by=appeal.assigned_to)
    assert not Sanction.objects.active().filter(pk=sanction.pk).exists()


def test_upheld_changes_nothing(memorial):
    comment = make_comment(memorial, UserFactory())
    review = CommentReview.objects.get(comment=comment)
    actions.reject(review, by=ModeratorFactory(), reason="Names a suspect.")
    appeal = appeals.file_appeal(appeals.decision_for(AppealKind.RESPONSE, review.pk), reason="Please.")
    appeals.decide_appeal(appeal, outcome="upheld", reason="It named someone.", by=ModeratorFactory())
    review.refresh_from_db()
    assert review.state == CommentState.REJECTED


def test_forged_or_expired_links_are_refused(memorial, settings):
    assert Client().get(reverse("safety_appeal", args=["not-a-token"])).status_code == 404
    sanction = SanctionFactory()
    settings.APPEAL_LINK_MAX_AGE_DAYS = -1
    assert Client().get(appeals.appeal_path(AppealKind.SANCTION, sanction.pk)).status_code == 404


def test_only_one_moderator_is_assigned_their_own_decision(tree):
    only = ModeratorFactory()
    sanction = SanctionFactory(created_by=only)
    appeal = appeals.file_appeal(appeals.decision_for(AppealKind.SANCTION, sanction.pk), reason="Why?")
    assert appeal.assigned_to == only


def test_complaint_reaches_administrators_and_the_admin(tree, settings):
    settings.ADMINS = [("Admin", "admins@example.org")]
    settings.MANAGERS = [("Manager", "managers@example.org")]
    response = Client().post(
        reverse("safety_complaint"), {"name": "Ann", "email": "ann@example.org", "about": "Slow replies."}
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.reference in response.content.decode()
    to = {address for m in mail.outbox for address in m.to}
    assert {"admins@example.org", "managers@example.org", "ann@example.org"} <= to


def test_overdue_appeals_are_flagged(memorial, settings):
    from datetime import timedelta

    from django.utils import timezone

    sanction = SanctionFactory()
    appeal = appeals.file_appeal(appeals.decision_for(AppealKind.SANCTION, sanction.pk), reason="Why?")
    Appeal.objects.filter(pk=appeal.pk).update(
        created_at=timezone.now() - timedelta(days=settings.SAFETY_OVERDUE_DAYS + 1)
    )
    staff = Client()
    staff.force_login(ModeratorFactory())
    assert "Waiting longer than it should" in staff.get(reverse("moderation_inbox") + "?tab=appeals").content.decode()


def test_report_controls_everywhere(tree):
    thread = ThreadPageFactory()
    comment = make_comment(thread, UserFactory())
    body = Client().get(thread.url).content.decode()
    assert report_url(thread, "boroughs.threadpage") in body
    assert report_url(thread.owner, "accounts.user") in body
    assert report_url(comment, "django_comments_xtd.xtdcomment") in body


def test_transparency_page_counts(memorial):
    Client().post(report_url(memorial, "stories.memorialpage"), {"category": "hate"})
    body = Client().get(reverse("safety_transparency")).content.decode()
    assert "<caption>" in body and "Hate" in body


def test_a_sent_back_story_is_appealed_from_the_status_page_and_overturning_publishes_it(tree):
    from core.workflow import submit_for_review
    from tests.factories import FamilyFactory

    family = FamilyFactory()
    story = MemorialPageFactory(owner=family, live=False)
    submit_for_review(story, family)
    moderator = ModeratorFactory()
    ModeratorFactory()
    task_state = story.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Please remove the school's name.")
    member = Client()
    member.force_login(family)
    body = member.get(reverse("my_stories")).content.decode()
    path = re.search(r'href="(/appeal/[^"]+/)"', body).group(1)
    assert "Please remove the school" in Client().get(path).content.decode()
    member.post(path, {"reason": "The school is closed; nobody can be identified."})
    appeal = Appeal.objects.get()
    assert appeal.original_moderator == moderator and appeal.assigned_to != moderator
    appeals.decide_appeal(appeal, outcome="overturned", reason="Agreed.", by=appeal.assigned_to)
    story.refresh_from_db()
    assert story.live
