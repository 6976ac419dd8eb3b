"""Forms in Chromium itself: its date input shows and sends only yyyy-mm-dd, so a form saved
untouched keeps its dates; the story box shows words; radio buttons sit beside their labels."""

import datetime

import pytest
from django.utils import timezone

from care.models import QuietPeriod
from stories.models import CommentPolicy, MemorialPage
from tests.factories import FamilyFactory, MemorialPageFactory

from .helpers import BROWSER_DB, PHONE, WAGTAIL_RENDITION_LEAK, axe_problems

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect


@pytest.fixture
def family_story(site):
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    story = MemorialPageFactory(
        owner=family,
        title="Sam Example",
        body="<p>He loved the sea.</p><p>He wanted to be a nurse.<br>Or a teacher.</p>",
        date_of_birth=datetime.date(2001, 4, 12),
        date_of_death=datetime.date(2022, 8, 30),
        comment_policy=CommentPolicy.PREMODERATED,
    )
    return family, story


def test_a_memorial_saved_untouched_keeps_its_dates_and_words(family_story, new_page):
    family, story = family_story
    page = new_page(user=family)
    page.goto(f"/me/stories/{story.pk}/edit/")
    # What Chromium's date input holds (its value is empty when it could not read the one sent).
    expect(page.get_by_label("Date of birth")).to_have_value("2001-04-12")
    expect(page.get_by_label("Date they died")).to_have_value("2022-08-30")
    expect(page.get_by_label("Their story")).to_have_value(
        "He loved the sea.\n\nHe wanted to be a nurse.\nOr a teacher."
    )
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    draft = MemorialPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert (draft.date_of_birth, draft.date_of_death) == (datetime.date(2001, 4, 12), datetime.date(2022, 8, 30))
    assert draft.body == story.body
    assert draft.comment_policy == CommentPolicy.PREMODERATED


def test_a_quiet_time_saved_untouched_keeps_its_days(family_story, new_page):
    family, story = family_story
    today = timezone.localdate()
    ends_at = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=6), datetime.time.min))
    period = QuietPeriod.objects.create(
        story=story, starts_at=timezone.now() - datetime.timedelta(hours=2), ends_at=ends_at, created_by=family
    )
    before = QuietPeriod.objects.filter(story=story).values("pk", "starts_at", "ends_at").get()
    page = new_page(user=family)
    page.goto(f"/me/stories/{story.pk}/quiet/")
    expect(page.get_by_label("First quiet day")).to_have_value(timezone.localtime(period.starts_at).date().isoformat())
    expect(page.get_by_label("Last quiet day")).to_have_value((today + datetime.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Save the quiet time").click()
    expect(page.get_by_text("Nothing has changed: your quiet time stays as it is.")).to_be_visible()
    assert QuietPeriod.objects.filter(story=story).values("pk", "starts_at", "ends_at").get() == before


def test_a_new_quiet_time_starts_today_in_the_date_box(family_story, new_page):
    family, story = family_story
    page = new_page(user=family)
    page.goto(f"/me/stories/{story.pk}/quiet/")
    expect(page.get_by_label("First quiet day")).to_have_value(timezone.localdate().isoformat())
    page.get_by_label("Last quiet day").fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Save the quiet time").click()
    expect(page.get_by_text("Your quiet time has begun.")).to_be_visible()
    assert QuietPeriod.objects.filter(story=story).count() == 1


def test_radio_buttons_sit_beside_their_own_labels_on_a_phone(family_story, new_page):
    family, story = family_story
    page = new_page(user=family, width=PHONE)
    for path, legend in [
        (f"/me/stories/{story.pk}/edit/", "Responses to this story"),
        (story.url, "Who may respond to your story"),
    ]:
        page.goto(path)
        group = page.locator("fieldset", has=page.locator("legend", has_text=legend))
        expect(group).to_have_count(1)
        radios = group.locator("input[type=radio]")
        assert radios.count() == 3
        for index in range(radios.count()):
            radio = radios.nth(index)
            label = page.locator(f"label[for='{radio.get_attribute('id')}']")
            box, text = radio.bounding_box(), label.bounding_box()
            # Beside: the label starts to the right of its radio, on the same line (not underneath).
            assert text["x"] >= box["x"] + box["width"], (path, index, box, text)
            assert text["y"] < box["y"] + box["height"] and box["y"] < text["y"] + text["height"], (path, box, text)
            assert label.evaluate("el => getComputedStyle(el).fontWeight") == "400"
        assert not axe_problems(page, path)
