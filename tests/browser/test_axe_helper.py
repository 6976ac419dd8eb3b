"""axe reads colours as drawn, so the helper waits for fades to end (CI once caught a message mid-fade)."""

import pytest

from .helpers import BROWSER_DB, WAGTAIL_RENDITION_LEAK, run_axe, settle_animations

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]

FADING_IN = """
<!doctype html><html lang="en"><head><title>Fading in</title>
<style>
  .message { background: #0b6b3a; color: #fff; opacity: 0; transition: opacity 1.5s linear; }
  .shown .message { opacity: 1; }
</style></head>
<body><main><p class="message">Saved.</p></main>
<script>requestAnimationFrame(() => document.body.classList.add("shown"));</script>
</body></html>
"""


def test_settling_waits_for_a_fade_in_to_end(new_page):
    page = new_page()
    page.set_content(FADING_IN)
    message = page.locator(".message")
    settle_animations(page)
    assert message.evaluate("element => getComputedStyle(element).opacity") == "1"


def test_axe_sees_the_message_as_shown_not_mid_fade(new_page):
    page = new_page()
    page.set_content(FADING_IN)
    assert [violation["id"] for violation in run_axe(page)] == []
