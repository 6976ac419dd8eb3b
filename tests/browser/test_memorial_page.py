"""A memorial in a real browser (issue 13): the person first, and every confirmation shown beside
the action that caused it, inside the viewport, at phone (375 px) and desktop (1280 px) widths.

Lighting a candle, saving who may respond, asking to hide a response (confirmed first) and undoing
it: after each the page comes back at the action's own place, and its confirmation is on screen
(Playwright's bounding box lies within the viewport). axe-core finds no WCAG 2.2 A/AA violation on
any page on the way. Screenshots: tests/browser/screenshots/memorial-*.png (git-ignored).
"""

import datetime
from types import SimpleNamespace

import pytest

from moderation.models import CommentReview, CommentState
from support.demo import load_demo_services
from tests.factories import FamilyFactory, MemorialPageFactory, UserFactory, borough
from tests.moderation.helpers import make_comment

from .helpers import (
    BROWSER_DB,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    WAGTAIL_RENDITION_LEAK,
    axe_problems,
    screenshot,
    story_photo,
)

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

HEIGHT = {PHONE: 740, DESKTOP: 900}
TRIBUTE = (
    "<p>Daniel was the one who remembered everybody's birthday. He coached the under-elevens on Saturday "
    "mornings and never once missed a session, even in the rain.</p>"
    "<p>We remember him every day: in the songs he sang too loudly, and in the quiet he left behind.</p>"
)


@pytest.fixture
def memorial(site, tmp_path):
    load_demo_services()
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    resident = UserFactory(profile_and_email__display_name="Resident Rita")
    writer = UserFactory(profile_and_email__display_name="Writer Wes")
    page = MemorialPageFactory(
        title="Daniel Mensah",
        owner=family,
        body=TRIBUTE,
        borough=borough("southwark"),
        date_of_birth=datetime.date(2004, 3, 27),
        date_of_death=datetime.date(2022, 9, 14),
        photo=story_photo(tmp_path, family, "Daniel laughing at a family barbecue, wearing a green football shirt"),
    )
    for i in range(6):  # enough responses that the page is long, as a loved memorial's is
        make_comment(page, UserFactory(), f"Thinking of you all. Daniel coached my nephew ({i}).")
    hurtful = make_comment(page, writer, "Words that hurt the family.")
    make_comment(page, resident, "Sending love to Daniel's family.")
    return SimpleNamespace(page=page, family=family, resident=resident, hurtful=hurtful)


def in_viewport(page, locator):
    """Whether the element is wholly on screen, as the reader sees the page now."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] and box["x"] >= 0, box


def assert_on_screen(page, locator, what):
    inside, box = in_viewport(page, locator)
    assert inside, f"{what} is off-screen at {page.viewport_size['width']} px: {box}"


def screen_shot(page, name):
    """What the reader has on screen now (not the whole page): where the confirmation must be."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def assert_no_axe(page, where):
    report = axe_problems(page, where)
    assert not report, report


def test_the_memorial_shows_the_person_first_at_both_widths(new_page, memorial):
    for width in (PHONE, DESKTOP):
        page = new_page(width=width, height=HEIGHT[width])
        page.goto(memorial.page.url)
        name = page.get_by_role("heading", level=1, name="Remembering Daniel Mensah")
        photo = page.get_by_role("img", name="Daniel laughing at a family barbecue")
        # The name, the dates and the photo are what a reader sees first, without scrolling.
        for what, locator in [("the name", name), ("the dates", page.locator(".story-dates"))]:
            assert_on_screen(page, locator, what)
        photo_top = photo.bounding_box()["y"]
        assert photo_top < HEIGHT[width], f"the photo starts below the first screen at {width} px"
        # Then the story, the candles, the responses, and the short support panel last.
        tops = [
            page.locator(".story-body").bounding_box()["y"],
            page.locator("#candles").bounding_box()["y"],
            page.locator("#responses").bounding_box()["y"],
            page.locator("aside.support-panel").bounding_box()["y"],
        ]
        assert tops == sorted(tops), tops
        panel = page.locator("aside.support-panel")
        expect(panel).to_have_attribute("data-size", "compact")
        expect(panel.get_by_role("link", name="116 123")).to_be_visible()
        expect(panel.get_by_role("link", name="All support for Southwark")).to_be_visible()
        compact = panel.bounding_box()["height"]
        assert_no_axe(page, f"memorial at {width} px")
        screenshot(page, f"memorial-{'phone' if width == PHONE else 'desktop'}")
        # The borough page keeps the whole panel, for the same services: the memorial's is much shorter.
        page.goto("/boroughs/southwark/")
        full = page.locator("aside.support-panel")
        expect(full).to_contain_text("(24 hours, every day)")
        assert compact < full.bounding_box()["height"] * 0.6, (compact, full.bounding_box()["height"])


def test_lighting_a_candle_shows_its_confirmation_on_screen(new_page, memorial):
    for width in (PHONE, DESKTOP):
        page = new_page(user=memorial.resident, width=width, height=HEIGHT[width])
        page.goto(memorial.page.url)
        page.get_by_role("button", name="Light a candle for Daniel Mensah").click()
        page.wait_for_load_state()
        assert page.url.endswith("#candles")
        status = page.locator("#candles [role=status]")
        expect(status).to_have_text("You lit a candle for Daniel Mensah.")
        assert_on_screen(page, status, "the candle's confirmation")
        assert_on_screen(page, page.get_by_role("button", name="Put out my candle"), "the button beside it")
        expect(page.locator(".messages")).to_have_count(0)  # not at the top of the page as well
        assert_no_axe(page, f"memorial after lighting a candle at {width} px")
        screen_shot(page, f"memorial-candle-screen-{'phone' if width == PHONE else 'desktop'}")

        page.get_by_role("button", name="Put out my candle").click()
        page.wait_for_load_state()
        expect(status).to_have_text("Your candle has been put out.")
        assert_on_screen(page, status, "putting the candle out's confirmation")


def test_the_family_saves_who_may_respond_and_sees_it_confirmed_there(new_page, memorial):
    for width, choice in ((PHONE, "Every response is read by a moderator first"), (DESKTOP, "Open: responses")):
        page = new_page(user=memorial.family, width=width, height=HEIGHT[width])
        page.goto(memorial.page.url)
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Save who may respond").click()
        page.wait_for_load_state()
        status = page.locator("#comment-policy [role=status]")
        expect(status).to_contain_text("Saved.")
        assert_on_screen(page, status, "the policy's confirmation")
        expect(page.locator(".messages")).to_have_count(0)


def test_the_family_asks_to_hide_a_response_confirms_and_can_undo_it(new_page, memorial):
    hurtful = memorial.hurtful
    for width in (PHONE, DESKTOP):
        label = "phone" if width == PHONE else "desktop"
        page = new_page(user=memorial.family, width=width, height=HEIGHT[width])
        page.goto(memorial.page.url)
        page.get_by_role("link", name="Ask to hide the response by Writer Wes").click()

        # A confirmation page first, saying what will happen; nothing is hidden yet.
        expect(page.get_by_role("heading", level=1, name="Hide this response?")).to_be_visible()
        expect(page.get_by_text("It is hidden from everyone straight away.")).to_be_visible()
        expect(page.get_by_text("A moderator reads it and decides.", exact=False)).to_be_visible()
        assert CommentReview.objects.get(comment=hurtful).state == CommentState.PUBLISHED
        assert_no_axe(page, f"the ask-to-hide confirmation at {width} px")
        screenshot(page, f"memorial-ask-to-hide-{label}")
        page.get_by_role("button", name="Hide the response").click()
        page.wait_for_load_state()

        # Back at the response's own place: the confirmation and the Undo are on screen.
        assert page.url.endswith(f"#c{hurtful.pk}")
        assert CommentReview.objects.get(comment=hurtful).state == CommentState.HIDDEN
        status = page.locator(f"#c{hurtful.pk} [role=status]")
        expect(status).to_have_text("Done: the response is hidden from everyone now. A moderator will look at it.")
        assert_on_screen(page, status, "the hide's confirmation")
        undo = page.get_by_role("button", name="Undo: show it again (the response by Writer Wes)")
        assert_on_screen(page, undo, "the Undo button")
        expect(page.get_by_text("Words that hurt the family.")).to_have_count(0)
        expect(page.locator(".messages")).to_have_count(0)
        assert_no_axe(page, f"memorial after asking to hide at {width} px")
        screen_shot(page, f"memorial-hidden-screen-{label}")

        undo.click()
        page.wait_for_load_state()
        assert CommentReview.objects.get(comment=hurtful).state == CommentState.PUBLISHED
        expect(status).to_have_text("Done: the response is showing again, as it was before.")
        assert_on_screen(page, status, "the undo's confirmation")
        expect(page.get_by_text("Words that hurt the family.")).to_be_visible()
        assert_no_axe(page, f"memorial after undoing at {width} px")
        screen_shot(page, f"memorial-undone-screen-{label}")
