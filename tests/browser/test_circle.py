"""The families' circle in a real browser: a family chooses to be found, another finds them and asks
to talk, the first accepts and both see each other's contact; a family starts a discussion, a
moderator publishes it from the inbox, and it shows to families only. axe-core checks every circle
page at 375 and 1280 px; screenshots go to /tmp/circle-shots/."""

import re
from pathlib import Path

import pytest

from circle.models import Discussion, FamilyListing, TalkRequest
from tests.circle.helpers import peer_supporter
from tests.factories import FamilyFactory, ModeratorFactory, UserFactory

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, assert_accessible

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

SHOTS = Path("/tmp/circle-shots")


def check(page, name):
    """axe at a phone's width and a desktop's, with a screenshot of each."""
    SHOTS.mkdir(exist_ok=True)
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name} at {width}px")
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_findable_request_accept_and_both_see_the_contact(new_page, site, mailoutbox):
    fola = FamilyFactory(profile_and_email__display_name="Fola")
    frank = FamilyFactory(profile_and_email__display_name="Frank")

    # Fola opens the circle from "Your account" and chooses to be found.
    first = new_page(user=fola)
    first.goto("/me/")
    first.get_by_role("link", name="The families' circle").click()
    expect(first).to_have_url(re.compile(r"/circle/$"))
    check(first, "circle-empty")
    first.get_by_role("link", name="Whether families can find you").click()
    check(first, "findable")
    expect(first.get_by_label("Let other families find me")).not_to_be_checked()
    first.get_by_label("Let other families find me").check()
    first.get_by_label("Borough").select_option(label="Southwark")
    first.get_by_role("radio", name="Someone lost to knife violence").check()
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Other families in the circle can now find you")).to_be_visible()
    expect(first.get_by_label("Let other families find me")).to_be_checked()  # the form shows what was saved
    listing = FamilyListing.objects.get(user=fola)
    assert listing.findable and listing.borough.slug == "southwark" and listing.loss == "knife"

    # Frank finds her by borough and kind of loss, and asks directly.
    second = new_page(user=frank)
    second.goto("/circle/families/")
    second.get_by_label("Borough").select_option(label="Southwark")
    second.get_by_label("Who they lost").select_option(label="Someone lost to knife violence")
    second.get_by_role("button", name="Show families").click()
    check(second, "directory")
    second.get_by_role("link", name="Ask to talk with Fola").click()
    check(second, "ask")
    second.get_by_label("A few words to the family").fill("Hello Fola, our losses sound alike. Could we talk?")
    second.get_by_role("radio", name=re.compile("^Directly")).check()
    second.get_by_label("How they can reach you, if they agree").fill("frank-chosen@example.org")
    second.get_by_role("button", name="Send the request").click()
    expect(second).to_have_url(re.compile(r"/circle/requests/$"))
    expect(second.get_by_text("It has reached them")).to_be_visible()
    check(second, "requests-sent")
    assert [m.to for m in mailoutbox] == [[fola.email]]

    # Fola accepts, choosing the contact she shares; both now see each other's.
    first.goto("/circle/requests/")
    expect(first.get_by_text("Hello Fola, our losses sound alike.")).to_be_visible()
    assert "frank-chosen@example.org" not in first.content()
    check(first, "requests-received")
    first.get_by_label("How Frank can reach you").fill("fola-chosen@example.org")
    first.get_by_role("button", name="Accept the request from Frank").click()
    expect(first.get_by_text("frank-chosen@example.org")).to_be_visible()
    check(first, "requests-accepted")
    assert TalkRequest.objects.get().status == TalkRequest.ACCEPTED
    second.reload()
    expect(second.get_by_text("fola-chosen@example.org")).to_be_visible()


def test_a_discussion_is_published_by_a_moderator_and_shows_to_families_only(new_page, site):
    fola = FamilyFactory(profile_and_email__display_name="Fola")
    frank = FamilyFactory(profile_and_email__display_name="Frank")
    resident = UserFactory(profile_and_email__display_name="Rita")
    moderator = ModeratorFactory()
    pat = peer_supporter(profile_and_email__display_name="Pat")

    author = new_page(user=fola)
    author.goto("/circle/")
    author.get_by_role("link", name="Start a discussion").click()
    check(author, "start")
    author.get_by_label("Title").fill("The first anniversary")
    author.get_by_label("What would you like to talk about?").fill("How did you get through the first one?")
    author.get_by_role("button", name="Send to the moderators").click()
    expect(author.get_by_text("A moderator will read your discussion")).to_be_visible()
    check(author, "circle-waiting")
    discussion = Discussion.objects.get()
    assert discussion.status == "waiting"

    admin = new_page(user=moderator)
    admin.goto("/admin/inbox/?tab=circle_discussions")
    check(admin, "inbox-circle")
    admin.get_by_role("link", name="Read and decide on “The first anniversary”").click()
    check(admin, "decide-discussion")
    admin.get_by_role("radio", name="Publish", exact=True).check()
    admin.get_by_role("button", name="Record the decision").click()
    expect(admin.get_by_text("Published in the circle")).to_be_visible()
    discussion.refresh_from_db()
    assert discussion.status == "published"

    reader = new_page(user=frank)
    reader.goto("/circle/")
    reader.get_by_role("link", name="The first anniversary").click()
    check(reader, "discussion")
    reader.get_by_label("Your reply").fill("We went to the river and read a poem.")
    reader.get_by_role("button", name="Send your reply").click()
    expect(reader.get_by_text("We went to the river")).to_be_visible()

    supporter = new_page(user=pat)
    supporter.goto(f"/circle/discussions/{discussion.pk}/")
    supporter.get_by_label("Your reply").fill("Be gentle with yourself on the day.")
    supporter.get_by_role("button", name="Send your reply").click()
    expect(supporter.get_by_text("trained peer supporter").first).to_be_visible()
    check(supporter, "discussion-with-peer-supporter")

    outsider = new_page(user=resident)
    outsider.goto(f"/circle/discussions/{discussion.pk}/")
    assert "The first anniversary" not in outsider.content()
    expect(outsider.get_by_role("heading", name="The families' circle")).to_be_visible()
    check(outsider, "not-for-residents")
    visitor = new_page()
    visitor.goto("/circle/")
    assert "The first anniversary" not in visitor.content()
    check(visitor, "not-for-visitors")
