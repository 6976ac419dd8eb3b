"""Issue 13 in a real browser: a signed-out visitor chooses "Share a story", reads what sharing
involves, joins, follows the link in the real e-mail, and is back on the share journey signed in;
a form's error summary takes the focus; the pages met on the way pass axe at 375 and 1280 px.

Screenshots: tests/browser/screenshots/issue13-<page>-<width>.png (git-ignored).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from notifications.models import Follow
from tests.factories import PASSWORD, UserFactory, borough
from tests.feeds.test_feeds_and_meta import thread_in

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems, screenshot

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect


def _check_both_widths(page, name):
    """axe at 1280 and 375 px, and a screenshot at each; returns the problems found."""
    problems = []
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        problems.append(axe_problems(page, f"{name} at {width} px"))
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"{name} scrolls sideways at {width} px ({scroll} px wide)")
        screenshot(page, f"issue13-{name}-{width}")
    page.set_viewport_size({"width": DESKTOP, "height": 900})
    return [problem for problem in problems if problem]


def test_a_visitor_reads_about_sharing_joins_verifies_and_is_back_signed_in(page, site, mailoutbox):
    problems = []
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Share a story").click()

    # What sharing involves, before anything is asked.
    expect(page).to_have_url(site.url("/share/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Share a story")
    expect(page.get_by_text("A moderator reads it first.")).to_be_visible()
    for heading in ("What happens when you share", "You stay in control", "The family member role"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("link", name="Support services near you")).to_be_visible()
    problems += _check_both_widths(page, "share-start-signed-out")

    # Join.
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    problems += _check_both_widths(page, "sign-up")
    page.get_by_label("E-mail address").fill("ngozi@example.org")
    page.get_by_label("Display name").fill("Ngozi")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("I am 18 or over").check()
    page.get_by_label("I agree to the terms of service and the community guidelines").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    problems += _check_both_widths(page, "verification-sent")

    # The real e-mail: its link names the address the site is served on, and signs her in.
    assert [message.to for message in mailoutbox] == [["ngozi@example.org"]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    assert urlsplit(link).netloc == urlsplit(site.base).netloc, link
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")
    problems += _check_both_widths(page, "confirm-email")
    page.get_by_role("button", name="Confirm my e-mail address").click()

    # Back on the share journey, signed in: a new member is told how to ask for the family role.
    expect(page).to_have_url(site.url("/share/"))
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("heading", name="Ask for the family member role")).to_be_visible()
    user = get_user_model().objects.get(email="ngozi@example.org")
    assert user.emailaddress_set.get().verified

    assert not problems, "\n\n".join(problems)


def test_the_error_summary_takes_the_focus(page):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("someone@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.get_attribute("role") == "alert" and summary.get_attribute("tabindex") == "-1"
    expect(page.get_by_label("E-mail address")).to_have_value("someone@example.org")  # nothing typed is lost
    problems = _check_both_widths(page, "sign-in-with-errors")
    assert not problems, "\n\n".join(problems)


def test_sign_in_and_your_account_look_right_at_both_widths(new_page):
    rita = UserFactory(profile_and_email__display_name="Resident Rita")
    thread = thread_in("southwark", rita, "What would make our streets feel safer")
    Follow.objects.create(user=rita, page=thread)
    Follow.objects.create(user=rita, borough=borough("hackney"))
    page = new_page()
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    problems = _check_both_widths(page, "sign-in")

    member = new_page(user=rita)
    member.goto("/me/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Your account")
    for name in ("Your stories", "Your discussions", "Your notifications", "Your data", "Delete your account"):
        expect(member.locator("#main").get_by_role("link", name=name, exact=True)).to_be_visible()
    problems += _check_both_widths(member, "me")
    for path, name in (("/me/discussions/", "my-discussions"), ("/me/notifications/", "my-notifications")):
        member.goto(path)
        table = member.get_by_role("table")
        expect(table.locator("caption")).to_be_visible()
        assert table.locator("th[scope=row]").count() >= 1
        problems += _check_both_widths(member, name)
    member.goto("/accounts/logout/")
    problems += _check_both_widths(member, "sign-out")
    assert not problems, "\n\n".join(problems)
