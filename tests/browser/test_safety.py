"""Reporting a memorial and appealing a decision in a real browser, at phone and desktop widths,
with axe-core finding nothing on any of safety's pages (public and the moderators' own)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from moderation import actions
from moderation.models import CommentReview
from safety import appeals
from safety.models import Appeal, AppealKind, Report
from tests.factories import MemorialPageFactory, ModeratorFactory, UserFactory
from tests.moderation.helpers import make_comment

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
SHOTS = Path("/tmp/reports-shots")


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_visitor_reports_a_memorial_and_a_member_appeals(new_page, site, width):
    memorial = MemorialPageFactory(title="Jordan Example")
    problems = []
    page = new_page(width=width)
    page.goto(memorial.url)
    page.get_by_role("link", name=re.compile(r"^Report Jordan Example")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report this memorial to a moderator")
    problems.append(axe_problems(page, f"the report form at {width} px"))
    page.get_by_role("button", name="Send the report").click()  # nothing chosen: a kind message
    expect(page.locator("#id_category_error")).to_contain_text("Please choose what is wrong")
    problems.append(axe_problems(page, f"the report form with an error at {width} px"))
    shot(page, f"report-error-{width}")
    page.get_by_label("Self-harm, or a person at risk").check()
    page.get_by_label("Anything a moderator should know").fill("A reply sounds like someone is not safe.")
    page.get_by_label("Your e-mail address").fill("reader@example.org")
    page.get_by_role("button", name="Send the report").click()
    report = Report.objects.get()
    expect(page.get_by_text(report.reference)).to_be_visible()
    expect(page.locator("#main").get_by_text("116 123")).to_be_visible()
    problems.append(axe_problems(page, f"the report's acknowledgement at {width} px"))
    shot(page, f"report-received-{width}")

    comment = make_comment(memorial, UserFactory(), "He was my best friend at school.")
    review = CommentReview.objects.get(comment=comment)
    actions.reject(review, by=ModeratorFactory(), reason="It named a school.")
    page.goto(appeals.appeal_path(AppealKind.RESPONSE, review.pk))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask us to look again")
    problems.append(axe_problems(page, f"the appeal form at {width} px"))
    shot(page, f"appeal-{width}")
    page.get_by_label("Why should we look at it again?").fill("I did not name anyone; the school is closed now.")
    page.get_by_role("button", name="Send my appeal").click()
    expect(page.get_by_text(Appeal.objects.get().reference)).to_be_visible()
    problems.append(axe_problems(page, f"the appeal's acknowledgement at {width} px"))

    for path in ("/complaints/", "/transparency/"):
        page.goto(path)
        problems.append(axe_problems(page, f"{path} at {width} px"))
        shot(page, f"{path.strip('/')}-{width}")

    moderator = new_page(user=ModeratorFactory(), width=width)
    for path in (
        "/admin/inbox/?tab=reports",
        "/admin/inbox/?tab=appeals",
        f"/admin/safety/reports/{report.pk}/decide/",
        f"/admin/safety/appeals/{Appeal.objects.get().pk}/decide/",
    ):
        moderator.goto(path)
        problems.append(axe_problems(moderator, f"{path} at {width} px"))
        shot(moderator, f"admin-{path.strip('/').replace('/', '-').replace('?', '-')}-{width}")
    problems = [p for p in problems if p]
    assert not problems, "\n\n".join(problems)
