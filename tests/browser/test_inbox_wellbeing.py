"""Moderators are people too, in a real browser: distressing text folded until opened (by keyboard),
the day's count and a gentle break prompt, a story photo blurred until the named button (or a click)
shows it; axe-core finds nothing at phone and desktop widths, folded and opened."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.workflow import submit_for_review
from moderation import actions
from moderation.models import CommentReview, CommentState
from tests.factories import FamilyFactory, MemorialPageFactory, ModeratorFactory, UserFactory
from tests.moderation.helpers import make_comment

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems, screenshot

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]

THREAT = "I will kill whoever did this to you."


@pytest.fixture
def queue(site, settings):
    settings.MODERATOR_BREAK_AFTER = 2
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    photo = Image.objects.create(title="Their photo", file=get_test_image_file(filename="their-photo.png"))
    story = MemorialPageFactory(title="Amara Okoye", owner=family, live=False, photo=photo)
    story.save_revision(user=family)
    submit_for_review(story, family)
    published = MemorialPageFactory(title="Daniel Mensah", owner=family)
    writer = UserFactory(profile_and_email__display_name="Neighbour Nia")
    make_comment(published, writer, THREAT, state=CommentState.HELD)
    make_comment(published, writer, "Thinking of you all today.", state=CommentState.HELD)
    moderator = ModeratorFactory(profile_and_email__display_name="Moderator Mo")
    for text in ("Gonna kill him.", "Ride out tonight."):
        review = CommentReview.objects.get(comment=make_comment(published, writer, text, state=CommentState.HELD))
        actions.reject(review, by=moderator, reason="A threat")
    return {"moderator": moderator}


def _filter_of(locator):
    return locator.evaluate("element => getComputedStyle(element).filter")


def test_distressing_text_and_photos_wait_until_the_moderator_chooses_to_see_them(new_page, queue):
    page = new_page(user=queue["moderator"])
    problems = []
    page.goto("/admin/inbox/")
    note = page.get_by_role("note").filter(has_text="You have read 2 distressing items today.")
    expect(note).to_be_visible()
    expect(note.get_by_role("link", name="Support for moderators (opens in a new tab)")).to_be_visible()

    # The threat is folded: its words are not shown until the moderator opens it, here by keyboard.
    fold = page.locator("details.inbox-fold")
    expect(fold).to_have_count(1)
    expect(fold).not_to_have_attribute("open", "")
    expect(page.get_by_text(THREAT)).to_be_hidden()
    expect(page.get_by_text("Thinking of you all today.")).to_be_visible()

    # The story's photo is blurred behind a named button.
    photo = page.locator("[data-inbox-photo-image]")
    expect(photo).to_be_visible()
    assert "blur" in _filter_of(photo)
    button = page.get_by_role("button", name="Show photo of “Amara Okoye”")
    expect(button).to_be_visible()
    problems.append(axe_problems(page, f"the inbox, folded, at {DESKTOP} px"))
    screenshot(page, "inbox-wellbeing-folded-desktop")

    summary = fold.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(fold).to_have_attribute("open", "")
    expect(page.get_by_text(THREAT)).to_be_visible()

    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Blur photo again of “Amara Okoye”")).to_be_visible()
    assert _filter_of(photo) == "none"
    page.keyboard.press("Space")
    expect(button).to_be_visible()
    assert "blur" in _filter_of(photo)
    photo.click()  # a click on the photo itself shows it too
    assert _filter_of(photo) == "none"
    problems.append(axe_problems(page, f"the inbox, opened, at {DESKTOP} px"))
    screenshot(page, "inbox-wellbeing-opened-desktop")

    # Reduced motion: the blur goes without a transition.
    assert photo.evaluate("element => getComputedStyle(element).transitionDuration") == "0s"

    page.set_viewport_size({"width": PHONE, "height": 800})
    page.reload()
    expect(page.locator("details.inbox-fold")).not_to_have_attribute("open", "")
    problems.append(axe_problems(page, f"the inbox, folded, at {PHONE} px"))
    screenshot(page, "inbox-wellbeing-phone")
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)


def test_the_take_down_form_round_trip_and_axe(new_page, site):
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    story = MemorialPageFactory(title="Daniel Mensah", owner=family)
    page = new_page(user=ModeratorFactory())
    problems = []
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/admin/stories/{story.pk}/take-down/")
        problems.append(axe_problems(page, f"the take-down form at {width} px"))
        screenshot(page, f"take-down-{width}")
    page.get_by_role("button", name="Take it down and tell the family").click()
    expect(page.get_by_text("Please tell the family why")).to_be_visible()
    problems.append(axe_problems(page, "the take-down form with its error"))
    page.get_by_label("Why it is being taken down (sent to the family)").fill("It names a witness.")
    page.get_by_role("button", name="Take it down and tell the family").click()
    expect(page.get_by_text("is taken down. The family has been told why.")).to_be_visible()
    story.refresh_from_db()
    assert not story.live
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)


def test_the_legal_hold_form_and_a_members_decisions_page_pass_axe(new_page, site):
    from tests.factories import SanctionFactory

    moderator = ModeratorFactory()
    story = MemorialPageFactory(title="Daniel Mensah", owner=FamilyFactory())
    sanction = SanctionFactory(created_by=moderator, kind="premoderate", reason="Unkind words after a warning.")
    problems = []
    staff = new_page(user=moderator)
    member = new_page(user=sanction.user)
    for width in (DESKTOP, PHONE):
        staff.set_viewport_size({"width": width, "height": 900})
        staff.goto(f"/admin/legal-holds/page/{story.pk}/")
        problems.append(axe_problems(staff, f"the legal hold form at {width} px"))
        screenshot(staff, f"legal-hold-form-{width}")
        member.set_viewport_size({"width": width, "height": 900})
        member.goto("/me/")
        expect(member.get_by_role("link", name=re.compile(r"^Appeal this decision"))).to_be_visible()
        problems.append(axe_problems(member, f"/me/ with a sanction at {width} px"))
        screenshot(member, f"me-decisions-{width}")
    staff.get_by_label("Someone has been arrested").check()
    staff.get_by_label("Since (optional)").fill("2026-11-30")
    staff.get_by_label("Reason").fill("A man was arrested; police statement.")
    staff.get_by_role("button", name="Put under a legal hold").click()
    expect(staff.get_by_text("Reason: A man was arrested; police statement.", exact=True)).to_be_visible()
    problems = [problem for problem in problems if problem]
    assert not problems, "\n\n".join(problems)
