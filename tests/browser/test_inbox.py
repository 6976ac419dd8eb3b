"""The moderator inbox in a real browser: sign in, open it from the menu, approve a story in two clicks
and a response in one, at desktop and phone widths, with axe-core finding nothing on any inbox page."""

import re

import pytest
from playwright.sync_api import expect

from care import actions as care_actions
from core.workflow import submit_for_review
from moderation import actions
from moderation.models import CommentReview, CommentState, RejectionReason
from tests.factories import (
    PASSWORD,
    FamilyFactory,
    MemorialPageFactory,
    ModeratorFactory,
    ThreadPageFactory,
    UserFactory,
    borough,
)
from tests.moderation.helpers import make_comment

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems, screenshot

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]

STORY = "Amara Okoye"  # the page title (the public heading adds "Remembering")


@pytest.fixture
def waiting(site):
    """Something of every kind waiting, and a page under a legal hold."""
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    story = MemorialPageFactory(title="Amara Okoye", owner=family, live=False)
    submit_for_review(story, family)
    starter = UserFactory(profile_and_email__display_name="Resident Rita")
    thread = ThreadPageFactory(
        title="Safer routes home",
        body="Which streets feel safe after dark?",
        owner=starter,
        borough=borough("lambeth"),
        live=False,
    )
    submit_for_review(thread, starter)
    published = MemorialPageFactory(title="Daniel Mensah", owner=family)
    moderator = ModeratorFactory(profile_and_email__display_name="Moderator Mo")
    care_actions.set_legal_hold(published, by=moderator)
    writer = UserFactory(profile_and_email__display_name="Neighbour Nia")
    to_approve = make_comment(published, writer, "Thinking of you all today.", state=CommentState.HELD)
    to_reject = make_comment(published, writer, "Everyone knows who did it.", state=CommentState.HELD)
    hidden = make_comment(published, UserFactory(), "Someone should sort them out.")
    for _ in range(3):
        actions.flag(hidden, user=UserFactory(), reason="harassment")
    asking = UserFactory(profile_and_email__display_name="Asking Ama")
    asking.profile.request_family_role("I am his sister.")
    return {"story": story, "moderator": moderator, "to_approve": to_approve, "to_reject": to_reject}


def _sign_in_to_admin(page, user, site):
    page.goto("/admin/")
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.I)).click()
    expect(page).to_have_url(site.url("/admin/"))


def test_moderator_works_the_inbox_at_desktop_and_phone_widths(new_page, site, waiting):
    page = new_page()
    problems = []
    _sign_in_to_admin(page, waiting["moderator"], site)
    expect(page.get_by_role("heading", name="Moderator inbox")).to_be_visible()
    page.reload()
    problems.append(axe_problems(page, "the dashboard with the inbox panel"))

    # A story in two clicks: the menu's "Inbox", then the row's "Approve".
    page.get_by_role("link", name=re.compile(r"^Inbox \(\d+\)")).click()  # click 1
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inbox")
    expect(page.get_by_role("link", name="All waiting (6)")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Reported (1)")).to_be_visible()  # hidden by three reports, still counted
    expect(page.locator("details#legal-hold-checklist")).to_have_count(1)
    expect(page.locator("details#legal-hold-checklist")).not_to_have_attribute("open", "")
    problems.append(axe_problems(page, f"the inbox at {DESKTOP} px"))
    screenshot(page, "inbox-desktop")
    page.set_viewport_size({"width": PHONE, "height": 800})
    expect(page.get_by_role("link", name="All waiting (6)")).to_be_visible()
    problems.append(axe_problems(page, f"the inbox at {PHONE} px"))
    screenshot(page, "inbox-phone")
    page.set_viewport_size({"width": DESKTOP, "height": 900})

    row = page.get_by_role("row").filter(has_text=STORY)
    expect(row).to_contain_text("Story")
    row.get_by_role("button", name=f"Approve “{STORY}”").click()  # click 2
    expect(page.get_by_text(f"“{STORY}” is approved and published.")).to_be_visible()
    problems.append(axe_problems(page, "the inbox showing Wagtail's success message"))
    waiting["story"].refresh_from_db()
    assert waiting["story"].live
    expect(page.get_by_role("link", name="Stories and discussions (1)")).to_be_visible()

    # A response in one click from the held tab; another rejected with a ready-made reason.
    page.get_by_role("link", name="Held (2)").click()
    approve = waiting["to_approve"]
    page.get_by_role("button", name=f"Approve response {approve.pk}").click()
    expect(page.get_by_text("1 response(s) approved and published.")).to_be_visible()
    assert CommentReview.objects.get(comment=approve).state == CommentState.PUBLISHED
    reject = waiting["to_reject"]
    reason = RejectionReason.objects.get(title="Names or points at someone")
    page.get_by_label(f"Reason for rejecting response {reject.pk}").select_option(label=reason.title)
    page.get_by_role("button", name=f"Reject response {reject.pk}", exact=True).click()
    expect(page.get_by_text("1 response(s) rejected. Each author has been told why.")).to_be_visible()
    review = CommentReview.objects.get(comment=reject)
    assert review.state == CommentState.REJECTED and review.rejection_reason == reason.text
    expect(page.get_by_text("Nothing waiting here. Thank you.")).to_be_visible()

    # Every other inbox page, and the forms it opens.
    for tab in ["pages", "held", "flagged", "hidden", "family", "care"]:
        page.goto(f"/admin/inbox/?tab={tab}")
        problems.append(axe_problems(page, f"the inbox's {tab} tab"))
    page.goto("/admin/inbox/?tab=pages")
    page.get_by_role("link", name="Send back… “Safer routes home”").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send back “Safer routes home”")
    problems.append(axe_problems(page, "the send-back form"))
    page.goto(f"/admin/comment-moderation/{CommentReview.objects.get(state=CommentState.HIDDEN).pk}/reject/")
    problems.append(axe_problems(page, "the reject page"))
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)
