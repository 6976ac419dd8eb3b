"""The care features in a real browser, with no JavaScript of ours: the content-note disclosure
opens from the keyboard, a candle is lit with one button, and the new pages pass axe (WCAG 2.2 AA)."""

import pytest

from stories.models import Candle
from tests.browser.helpers import BROWSER_DB, WAGTAIL_RENDITION_LEAK, axe_problems
from tests.factories import MemorialPageFactory, UserFactory, borough
from tests.support.helpers import make_service

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect


@pytest.fixture
def noted(site):
    make_service("Samaritans", ["crisis"], phone="116 123", opening_hours="24 hours, every day")
    make_service("Southwark families group", ["bereavement"], ["southwark"], web_address="https://example.org/")
    return MemorialPageFactory(
        title="Noted Person",
        body="<p>What happened that night.</p>",
        note_violence=True,
        content_note="the family asks you to read gently",
        borough=borough("southwark"),
    )


def test_content_note_disclosure_opens_from_the_keyboard(noted, page):
    page.goto(noted.url)
    story = page.get_by_text("What happened that night.")
    expect(story).to_be_hidden()
    summary = page.locator("summary", has_text="Continue to the memorial")
    summary.focus()
    page.keyboard.press("Enter")
    expect(story).to_be_visible()
    assert not axe_problems(page, "noted memorial, opened")


def test_a_candle_is_lit_and_put_out_with_plain_buttons(noted, new_page):
    reader = UserFactory()
    page = new_page(user=reader)
    page.goto(noted.url)
    page.get_by_role("button", name="Light a candle for Noted Person").click()
    expect(page.get_by_text("1 candle lit, including yours.")).to_be_visible()
    assert Candle.objects.filter(user=reader).count() == 1
    assert not axe_problems(page, "memorial with a lit candle")
    page.get_by_role("button", name="Put out my candle").click()
    expect(page.get_by_text("No candles lit yet.")).to_be_visible()


@pytest.mark.parametrize("path", ["/support/", "/support/?borough=southwark&category=bereavement", "/me/"])
def test_care_pages_are_accessible(noted, new_page, path):
    page = new_page(user=UserFactory())
    page.goto(path)
    assert not axe_problems(page, path)


def test_need_support_now_reaches_the_crisis_lines(noted, page):
    page.goto("/")
    page.get_by_role("link", name="Need support now?").click()
    expect(page.get_by_role("heading", name="If you need help now")).to_be_visible()
    expect(page.locator("#help-now").get_by_text("116 123")).to_be_visible()
