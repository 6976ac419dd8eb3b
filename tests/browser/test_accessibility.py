"""Every public page type in a real browser: WCAG 2.2 A/AA (axe-core), reflow at 320 px,
200 % zoom, screenshots at phone and desktop widths, and no request to any other host.

Screenshots land in tests/browser/screenshots/ (git-ignored) as `<page>-phone.png` and
`<page>-desktop.png`: look at them after changing templates or CSS.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import get_resolver

from core.workflow import submit_for_review
from tests.factories import (
    FamilyFactory,
    MemorialPageFactory,
    TestimonyPageFactory,
    ThreadPageFactory,
    UserFactory,
    borough,
)
from tests.moderation.helpers import make_comment

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems, screenshot, story_photo

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

TRIBUTE = (
    "<p>Daniel was the one who remembered everybody's birthday. He coached the under-elevens on Saturday "
    "mornings and never once missed a session, even in the rain.</p>"
    "<p>We remember him every day: in the songs he sang too loudly, and in the quiet he left behind.</p>"
)


@pytest.fixture
def content(site, tmp_path):
    """A small forum: published stories in two boroughs, a family's drafts, a resident."""
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    resident = UserFactory(profile_and_email__display_name="Resident Rita")
    memorial = MemorialPageFactory(
        title="Daniel Mensah",
        owner=family,
        body=TRIBUTE,
        date_of_birth=datetime.date(2004, 3, 27),
        date_of_death=datetime.date(2022, 9, 14),
        photo=story_photo(tmp_path, family, "Daniel laughing at a family barbecue, wearing a green football shirt"),
    )
    testimony = TestimonyPageFactory(
        title="The year after we lost our son",
        owner=family,
        content_note="describes a knife attack and its aftermath",
        body="<p>The first year was the hardest. We remember the kindness of our neighbours most of all.</p>",
    )
    MemorialPageFactory(title="Grace Adeyemi", borough=borough("lambeth"))
    draft = MemorialPageFactory(title="Kofi Boateng", owner=family, live=False)
    waiting = TestimonyPageFactory(title="What the court did not hear", owner=family, live=False)
    submit_for_review(waiting, family)
    thread = _published_thread(resident)
    make_comment(memorial, resident, "Thinking of you all. Daniel coached my nephew, and he still talks about him.")
    make_comment(thread, family, "A youth club open in the evenings would help more than anything.")
    return SimpleNamespace(
        family=family, resident=resident, memorial=memorial, testimony=testimony, draft=draft, thread=thread
    )


def _published_thread(owner):
    return ThreadPageFactory(
        title="What would make our streets feel safer?",
        slug="safer-streets",
        body="We have had three stabbings near the estate this year. What would help?",
        owner=owner,
        borough=borough("southwark"),
    )


def _goto(path):
    return lambda page, content: page.goto(path)


def _memorial_form_with_errors(page, content):
    page.goto("/share/memorial/")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()


def _sign_in_with_errors(page, content):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()


def _sign_up_with_errors(page, content):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()


def _sign_up_under_18(page, content):
    page.goto("/accounts/signup/")
    page.get_by_label("I am under 18").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You need to be 18 or over to join")


# name: (who is signed in, how to reach the page)
PAGES = {
    "home": (None, _goto("/")),
    "stories-list": (None, _goto("/stories/")),
    "stories-filtered": (None, _goto("/stories/?borough=lambeth&kind=memorial")),
    "memorial": (None, lambda page, content: page.goto(content.memorial.url)),
    "testimony": (None, lambda page, content: page.goto(content.testimony.url)),
    "memorial-signed-in": ("resident", lambda page, content: page.goto(content.memorial.url)),
    "borough-list": (None, _goto("/boroughs/")),
    "borough": (None, _goto("/boroughs/southwark/")),
    "thread": (None, lambda page, content: page.goto(content.thread.url)),
    "start-thread": ("resident", _goto("/boroughs/southwark/start-a-discussion/")),
    "my-discussions": ("resident", _goto("/me/discussions/")),
    "support": (None, _goto("/support/")),
    "search-results": (None, _goto("/search/?q=remember")),
    "search-no-results": (None, _goto("/search/?q=zebra")),
    "standard-page": (None, _goto("/about/")),
    "not-found": (None, _goto("/no-such-page/")),
    "sign-in": (None, _goto("/accounts/login/")),
    "sign-up": (None, _goto("/accounts/signup/")),
    "sign-up-errors": (None, _sign_up_with_errors),
    "sign-up-under-18": (None, _sign_up_under_18),
    "password-reset": (None, _goto("/accounts/password/reset/")),
    "share-start-signed-out": (None, _goto("/share/")),
    "verification-sent": (None, _goto("/accounts/confirm-email/")),
    "confirm-email-expired": (None, _goto("/accounts/confirm-email/no-such-key/")),
    "sign-in-errors": (None, _sign_in_with_errors),
    "sign-out": ("resident", _goto("/accounts/logout/")),
    "change-password": ("resident", _goto("/accounts/password/change/")),
    "family-role-needed": ("resident", _goto("/share/")),
    "share-start": ("family", _goto("/share/")),
    "memorial-form": ("family", _goto("/share/memorial/")),
    "memorial-form-errors": ("family", _memorial_form_with_errors),
    "testimony-form": ("family", _goto("/share/testimony/")),
    "my-stories": ("family", _goto("/me/stories/")),
    "story-preview": ("family", lambda page, content: page.goto(f"/me/stories/{content.draft.pk}/preview/")),
    "my-settings": ("resident", _goto("/me/")),
    "notification-settings": ("resident", _goto("/me/notifications/")),
    "story-edit": ("family", lambda page, content: page.goto(f"/me/stories/{content.memorial.pk}/edit/")),
    "story-withdraw": ("family", lambda page, content: page.goto(f"/me/stories/{content.memorial.pk}/withdraw/")),
    "quiet-period": ("family", lambda page, content: page.goto(f"/me/stories/{content.memorial.pk}/quiet/")),
    "ask-about-testimony": (
        "family",
        lambda page, content: page.goto(f"/me/stories/{content.testimony.pk}/ask-an-organisation/"),
    ),
    "discussion-edit": ("resident", lambda page, content: page.goto(f"/me/discussions/{content.thread.pk}/edit/")),
    "my-data": ("resident", _goto("/me/data/")),
    "delete-account": ("resident", _goto("/me/delete/")),
    "account-deleted": (None, _goto("/me/deleted/")),
}

# Every page of yours under /me/ that a browser can open, by its URL pattern; the rest only take a POST.
ME_PAGES = {
    "me/": "my-settings",
    "me/stories/": "my-stories",
    "me/stories/<int:pk>/edit/": "story-edit",
    "me/stories/<int:pk>/preview/": "story-preview",
    "me/stories/<int:pk>/withdraw/": "story-withdraw",
    "me/stories/<int:pk>/quiet/": "quiet-period",
    "me/stories/<int:pk>/ask-an-organisation/": "ask-about-testimony",
    "me/discussions/": "my-discussions",
    "me/discussions/<int:pk>/edit/": "discussion-edit",
    "me/notifications/": "notification-settings",
    "me/data/": "my-data",
    "me/delete/": "delete-account",
    "me/deleted/": "account-deleted",
}
# Checked by axe at both widths in the journey that reaches them (tests/browser/test_gatherings.py).
CHECKED_IN_THEIR_JOURNEY = {
    "me/gatherings/",
    "me/gatherings/<int:pk>/",
    "me/gatherings/<int:pk>/cancel/",
    "me/gatherings/<int:pk>/afterwards/",
    "me/terms/",  # shown only when the terms changed: test_posting_nudge.py checks it, error and all
}
POST_ONLY = {"me/stories/<int:pk>/submit/", "me/stories/<int:pk>/quiet/end/", "me/notifications/<int:pk>/remove/"}


def _url_patterns(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _url_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def test_every_page_of_yours_is_checked_by_axe():
    """A new /me/ page fails here until it is added to PAGES (and so to axe at both widths)."""
    mine = {pattern for pattern in _url_patterns() if pattern.startswith("me/")}
    assert mine - POST_ONLY - CHECKED_IN_THEIR_JOURNEY == set(ME_PAGES), "add the new /me/ page to PAGES and ME_PAGES"
    assert set(ME_PAGES.values()) <= set(PAGES)


def _horizontal_overflow(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return ""
    wide = page.evaluate(
        """width => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 5).map(el => el.outerHTML.slice(0, 120))""",
        width,
    )
    return f"scrolls sideways at {width} px (content is {scroll_width} px wide); too wide: {wide}"


@pytest.mark.parametrize("name", PAGES)
def test_public_page_is_accessible_at_every_width(name, new_page, content):
    who, visit = PAGES[name]
    page = new_page(user=getattr(content, who) if who else None)
    response = visit(page, content)
    if response is not None:
        assert response.status == (404 if name == "not-found" else 200), f"{name}: HTTP {response.status}"

    problems = [axe_problems(page, f"{name} at {DESKTOP} px")]
    screenshot(page, f"{name}-desktop")
    # Reflow (WCAG 1.4.10): nothing scrolls sideways at 320 CSS px; axe again for the phone layout.
    problems.append(_horizontal_overflow(page, 320))
    problems.append(axe_problems(page, f"{name} at 320 px"))
    # 200 % zoom (WCAG 1.4.4) on a 1280 px window lays the page out in 640 CSS px.
    problems.append(_horizontal_overflow(page, 640))
    page.set_viewport_size({"width": PHONE, "height": 800})
    screenshot(page, f"{name}-phone")

    problems = [problem for problem in problems if problem]
    assert not problems, f"{name}:\n" + "\n\n".join(problems)
