"""Keyboard only: the skip link works, and every control on the share form can be reached with
Tab and shows where the focus is (WCAG 2.1.1, 2.4.1, 2.4.7)."""

import io
import re

import pytest

from tests.factories import FamilyFactory

from .helpers import BROWSER_DB, WAGTAIL_RENDITION_LEAK

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

# Everything a keyboard user should be able to reach (visible, not disabled, not taken out of
# the order), each numbered so the Tab walk can tell which one has the focus.
LIST_CONTROLS = """() => [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
    .filter(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .map((el, index) => {
        el.dataset.control = index;
        const text = (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 40);
        return {index, group: el.type === 'radio' ? el.name : null,
                label: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`};
    })"""

FOCUSED_CONTROL = """() => {
    const el = document.activeElement;
    return !el || el === document.body ? null : Number(el.dataset.control ?? -1);
}"""

FOCUSED_BOX = """() => {
    const r = document.activeElement.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""


def _changed_pixels(before, after):
    from PIL import Image, ImageChops

    difference = ImageChops.difference(Image.open(io.BytesIO(before)).convert("RGB"), Image.open(io.BytesIO(after)))
    return difference.convert("L").point(lambda value: 255 if value > 24 else 0).histogram()[255]


def _focus_indicator_pixels(page):
    """How many pixels around the focused element change when it loses focus (its focus indicator)."""
    box = page.evaluate(FOCUSED_BOX)
    viewport = page.viewport_size
    x, y = max(box["x"] - 12, 0), max(box["y"] - 12, 0)
    clip = {
        "x": x,
        "y": y,
        "width": min(box["x"] + box["width"] + 12, viewport["width"]) - x,
        "height": min(box["y"] + box["height"] + 12, viewport["height"]) - y,
    }
    focused = page.screenshot(clip=clip)
    page.evaluate("() => { window.__focused = document.activeElement; document.activeElement.blur(); }")
    unfocused = page.screenshot(clip=clip)
    # Put the focus back, so the next Tab continues from here.
    page.evaluate("() => window.__focused.focus()")
    return _changed_pixels(focused, unfocused), box


def test_skip_link_is_the_first_stop_and_takes_the_focus_to_the_main_content(page, site):
    page.goto("/stories/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until it has the focus

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content (the story filters), not the header's links.
    expect(page.get_by_label("Borough")).to_be_focused()


def test_every_control_on_the_memorial_form_is_reached_by_tab_and_shows_its_focus(new_page, site):
    page = new_page(user=FamilyFactory())
    page.goto("/share/memorial/")
    controls = page.evaluate(LIST_CONTROLS)
    expect(page.get_by_label("A photo of them")).to_be_visible()

    reached, faint = [], []
    for _ in range(3 * len(controls)):
        page.keyboard.press("Tab")
        index = page.evaluate(FOCUSED_CONTROL)
        if index is None or (reached and index == reached[0]):
            break  # out of the page, or round again
        assert index >= 0, f"the focus went somewhere that is not a control: {page.evaluate(FOCUSED_BOX)}"
        if reached and index == reached[-1]:
            continue  # Tab moves between the day, month and year of a date field
        reached.append(index)
        changed, box = _focus_indicator_pixels(page)
        # At least a 1 px ring all round the control must change when it takes the focus.
        if changed < 2 * (box["width"] + box["height"]):
            faint.append(f"{controls[index]['label']}: {changed} pixels change")
    assert not faint, "focus is hard to see on:\n  " + "\n  ".join(faint)

    groups_reached = {controls[index]["group"] for index in reached}
    missed = [
        control["label"]
        for control in controls
        # Tab visits a radio group once; the arrow keys move within it (checked below).
        if control["index"] not in reached and not (control["group"] and control["group"] in groups_reached)
    ]
    tab_order = "\n  ".join(controls[index]["label"] for index in reached)
    assert not missed, f"Tab never reaches: {missed}\nTab order was:\n  {tab_order}"
    assert len(reached) >= 15, f"suspiciously few stops:\n  {tab_order}"

    # Within the comment-policy group the arrow keys reach every choice.
    radios = page.locator("input[type=radio][name=comment_policy]")
    radios.first.focus()
    for index in range(1, radios.count()):
        page.keyboard.press("ArrowDown")
        expect(radios.nth(index)).to_be_focused()
        expect(radios.nth(index)).to_be_checked()
