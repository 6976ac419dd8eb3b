"""What the browser tests share: where Chromium and axe-core live, signing in, axe, screenshots."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# WCAG 2.2 levels A and AA (axe tags each rule with its success criterion's version and level).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE, DESKTOP = 375, 1280

# Every browser test module starts with
# `pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]`.
# A live server needs a transactional database; `serialized_rollback` restores the rows
# that migrations create (boroughs, Wagtail's root page, groups, the moderation workflow)
# before each test, since the flush after a transactional test removes them.
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)
# Wagtail 8.0 never closes the SpooledTemporaryFile it renders an image rendition into
# (wagtail/images/models.py, Image.generate_rendition_file); the warning comes when the
# live server renders a story photo. Ignore exactly that warning in the browser tests.
WAGTAIL_RENDITION_LEAK = pytest.mark.filterwarnings(
    "ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning"
)


def missing(what, how):
    """Skip (or, in CI, fail) a test whose tools are not installed."""
    message = f"browser tests need {what}: {how}"
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(message + " (BROWSER_TESTS_REQUIRED=1 makes this a failure, not a skip)")
    pytest.skip(message)


def sign_in(context, user, base_url):
    """Give a browser context a signed-in session for `user` (signing in by form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def settle_animations(page):
    """Wait for every finite CSS animation and transition on the page to end.

    axe reads colours as drawn: Wagtail's messages fade in, and a message caught at 68 % opacity
    fails colour contrast though it passes once shown (CI found exactly that). Infinite animations
    (spinners) never end, so they are left alone.
    """
    page.evaluate(
        """async () => {
            // Two frames first, so a transition that a script starts on load has begun.
            for (let i = 0; i < 2; i++) await new Promise(resolve => requestAnimationFrame(resolve));
            await Promise.all(document.getAnimations()
                .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
                .map(animation => animation.finished.catch(() => null)));
        }"""
    )


def run_axe(page):
    """Run axe-core's WCAG 2.2 A and AA rules on the page; return the violations."""
    if not AXE_JS.exists():
        missing(f"axe-core at {AXE_JS}", "run `npm ci` at the repository root")
    settle_animations(page)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(str(target) for target in node['target'])}")
            lines.append(f"       {node['html'][:200]}")
            lines.extend(f"       {line}" for line in (node.get("failureSummary") or "").splitlines())
    return "\n".join(lines)


def axe_problems(page, where):
    """A readable report of axe's violations on the page, or "" when there are none."""
    violations = run_axe(page)
    if not violations:
        return ""
    return f"axe: WCAG 2.2 A/AA violations on {where} ({page.url}):\n" + describe_violations(violations)


def assert_accessible(page, where=""):
    report = axe_problems(page, where or page.url)
    assert not report, report


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def jpeg_file(folder, name="photo.jpg", size=(480, 360)):
    """A small real JPEG on disk, for the photo upload field: a calm two-tone picture."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (214, 226, 222))
    ImageDraw.Draw(image).ellipse(
        (size[0] // 3, size[1] // 5, 2 * size[0] // 3, 4 * size[1] // 5), fill=(94, 128, 120)
    )
    path = Path(folder) / name
    image.save(path, "JPEG", quality=85)
    return path


def story_photo(folder, owner, alt_text):
    """A Wagtail image stored as the share form would store it (checked, metadata removed)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stories.photos import save_story_photo

    path = jpeg_file(folder)
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/jpeg")
    return save_story_photo(upload, alt_text=alt_text, title="A photo", user=owner)


def tab_to(page, target, limit=80):
    """Press Tab (only Tab) until `target` (a locator) has the focus; fail if it never does."""
    stops = []
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return len(stops)
        page.keyboard.press("Tab")
        stops.append(page.evaluate("() => document.activeElement?.outerHTML.slice(0, 80) ?? ''"))
    if target.evaluate("el => el === document.activeElement"):
        return len(stops)
    raise AssertionError(f"Tab never reached {target} in {limit} presses; last stops:\n  " + "\n  ".join(stops[-8:]))
