"""The new support pages in a real browser: axe-core 0 violations at 375 and 1280 px, with screenshots."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from support.models import BleedKit
from tests.factories import MemorialPageFactory, borough
from tests.support.helpers import make_service

from .helpers import BROWSER_DB, DESKTOP, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")

SHOTS = Path("/tmp/circle-shots")


@pytest.fixture
def kits(site):
    memorial = MemorialPageFactory(title="Example Person", borough=borough("southwark"))
    make_service("Samaritans", ["crisis"], phone="116 123", opening_hours="24 hours, every day")
    make_service(
        "Mentors for schools",
        ["youth"],
        ["southwark"],
        for_young_people=True,
        age_from=11,
        age_to=16,
        referral_school=True,
        referral_parent=True,
        schools_and_clubs="Example Academy",
        sessions_cost="free",
    )
    for venue, where in [("Corner Shop", "Behind the counter"), ("Demo Gym", "By the front desk")]:
        BleedKit.objects.create(
            venue=venue,
            venue_kind="shop",
            street_address="1 Example Lane",
            borough=borough("southwark"),
            where_in_venue=where,
            access_hours="Every day 7am–11pm",
            guardian_name="Guardian",
            guardian_email="guardian@example.org",
            last_checked=timezone.localdate() - datetime.timedelta(days=5),
            in_memory_of=memorial,
        )
    return memorial


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_new_support_pages_pass_axe(kits, new_page, width):
    SHOTS.mkdir(exist_ok=True)
    pages = {
        "bleed-kits": "/support/bleed-kits/",
        "bleed-kits-southwark": "/support/bleed-kits/southwark/",
        "youth-filter": "/support/?young=1&borough=southwark",
        "memorial-with-kits": kits.url,
        "borough-panel": "/boroughs/southwark/",
    }
    page = new_page(width=width)
    problems = []
    for name, path in pages.items():
        page.goto(path)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        problems.append(axe_problems(page, f"{name} at {width} px"))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)
