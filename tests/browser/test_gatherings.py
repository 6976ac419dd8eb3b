"""A gathering from proposal to a freed place, in a real browser: a family proposes it, a moderator
approves it in the admin, a resident takes the only place and sees the address, a second resident
joins the waiting list and moves up when the first gives the place up. axe-core checks every new
page at 375 and 1280 px; screenshots go to /tmp/gatherings-shots/."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from gatherings.models import GatheringPage
from tests.factories import FamilyFactory, ModeratorFactory, UserFactory

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, assert_accessible

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

SHOTS = Path("/tmp/gatherings-shots")
ADDRESS = "St Example's Hall, 12 Example Road"


def check(page, name):
    """axe at a phone's width and a desktop's, with a screenshot of each."""
    SHOTS.mkdir(exist_ok=True)
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page, f"{name} at {width}px")
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_propose_approve_take_the_place_wait_and_move_up(new_page, site, mailoutbox):
    family = FamilyFactory(profile_and_email__display_name="Fola")
    moderator = ModeratorFactory()
    first, second = (
        UserFactory(profile_and_email__display_name="Rita"),
        UserFactory(profile_and_email__display_name="Ravi"),
    )
    day = (timezone.localdate() + timedelta(days=14)).isoformat()

    # The family proposes a gathering from their borough's page.
    proposer = new_page(user=family)
    proposer.goto("/boroughs/southwark/")
    proposer.get_by_role("link", name="Propose a gathering in Southwark").click()
    check(proposer, "propose")
    proposer.get_by_label("Name of the gathering").fill("A sharing evening")
    proposer.get_by_label("What happens").fill("Tea, food and time to talk about the people we have lost.")
    proposer.get_by_role("radio", name="Everyone").check()
    proposer.get_by_label("Date it starts").fill(day)
    proposer.get_by_label("Time it starts").fill("18:30")
    proposer.get_by_label("Date it ends").fill(day)
    proposer.get_by_label("Time it ends").fill("21:00")
    proposer.get_by_label("Area (shown to everyone)").fill("A church hall near the high street")
    proposer.get_by_label("Exact address").fill(ADDRESS)
    proposer.get_by_label("Places", exact=True).fill("1")
    proposer.get_by_label("Step-free access").check()
    proposer.get_by_role("button", name="Send to the moderators").click()
    expect(proposer).to_have_url(re.compile(r"/me/gatherings/$"))
    expect(proposer.get_by_text("Waiting for review")).to_be_visible()
    check(proposer, "my-gatherings-organiser")
    gathering = GatheringPage.objects.get(title="A sharing evening")
    assert not gathering.live

    # A moderator approves it in the admin.
    admin = new_page(user=moderator)
    admin.goto("/admin/")
    awaiting = admin.locator("section", has=admin.get_by_role("heading", name="Awaiting your review"))
    row = awaiting.get_by_role("row").filter(has_text="A sharing evening")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(awaiting.get_by_role("row").filter(has_text="A sharing evening")).to_have_count(0)
    gathering.refresh_from_db()
    assert gathering.live

    # The first resident finds it on the borough page and takes the only place.
    rita = new_page(user=first)
    rita.goto("/boroughs/southwark/")
    check(rita, "borough-with-gatherings")
    rita.get_by_role("link", name="A sharing evening").click()
    expect(rita.get_by_role("heading", level=1)).to_have_text("A sharing evening")
    expect(rita.get_by_text(ADDRESS)).to_have_count(0)
    check(rita, "gathering-page")
    rita.get_by_role("button", name="Take a place").click()
    expect(rita).to_have_url(re.compile(r"/me/gatherings/$"))
    expect(rita.get_by_text(ADDRESS)).to_be_visible()
    check(rita, "my-gatherings-attendee")
    (confirmation,) = [m for m in mailoutbox if m.to == [first.email]]
    assert ADDRESS in confirmation.body

    # The second resident finds it full and joins the waiting list: no address for them yet.
    ravi = new_page(user=second)
    ravi.goto(gathering.url)
    ravi.get_by_role("button", name="Join the waiting list").click()
    expect(ravi.locator(".card__meta").filter(has_text="On the waiting list")).to_be_visible()
    expect(ravi.get_by_text(ADDRESS)).to_have_count(0)
    (waiting,) = [m for m in mailoutbox if m.to == [second.email]]
    assert ADDRESS not in waiting.body

    # The first gives up her place; the second moves up, is told, and now sees the address.
    rita.get_by_role("button", name=re.compile("Give up my place")).click()
    expect(rita.get_by_text("You have given up your place")).to_be_visible()
    ravi.reload()
    expect(ravi.get_by_text(ADDRESS)).to_be_visible()
    promoted = [m for m in mailoutbox if m.to == [second.email] and "freed up" in m.subject]
    assert len(promoted) == 1 and ADDRESS in promoted[0].body

    # The organiser's pages: who is coming, the change form, the cancel confirmation; the home page.
    proposer.goto(f"/me/gatherings/{gathering.pk}/")
    expect(proposer.get_by_text("Ravi")).to_be_visible()
    check(proposer, "manage")
    proposer.get_by_role("link", name="Cancel the gathering").click()
    check(proposer, "cancel-confirm")
    visitor = new_page()
    visitor.goto("/")
    expect(visitor.get_by_role("link", name="A sharing evening")).to_be_visible()
    check(visitor, "home-with-gatherings")
    visitor.goto(gathering.url)
    check(visitor, "gathering-page-visitor")


def test_families_only_and_not_yet_pages_are_accessible(new_page, site):
    from gatherings.models import FAMILIES
    from tests.gatherings.helpers import make_gathering

    family = FamilyFactory()
    gathering = make_gathering(family, audience=FAMILIES, title="Evening for families")
    resident = new_page(user=UserFactory())
    resident.goto(gathering.url)
    expect(resident.get_by_role("heading", level=1)).to_have_text("A gathering for bereaved families")
    check(resident, "families-only-for-a-resident")
    resident.goto("/boroughs/southwark/propose-a-gathering/")
    expect(resident.get_by_role("heading", level=1)).to_have_text("Proposing a gathering")
    check(resident, "propose-not-yet")
    past = make_gathering(family, days=-2, title="Last week's walk")
    organiser = new_page(user=family)
    organiser.goto(f"/me/gatherings/{past.pk}/afterwards/")
    check(organiser, "afterwards")


def test_the_admin_edit_page_of_a_gathering_is_accessible(new_page, site):
    """What a moderator opens when reviewing a gathering (the practical details are not there)."""
    from tests.gatherings.helpers import make_gathering

    gathering = make_gathering(FamilyFactory(), title="Walk by the river")
    admin = new_page(user=ModeratorFactory())
    admin.goto(f"/admin/pages/{gathering.pk}/edit/")
    expect(admin.get_by_text("Manage this gathering")).to_be_visible()
    check(admin, "admin-edit")
