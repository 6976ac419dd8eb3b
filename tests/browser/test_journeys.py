"""End-to-end journeys in a real browser, each as a person would take it: sharing a story and
its approval. The conversation journeys (a held first comment approved in the queue and announced
to a follower; a thread started; three reports hide a comment) are in test_conversation_journeys.py,
and a reader meeting a content note and continuing by keyboard in tests/care/test_care_in_a_browser.py.
"""

import re

import pytest
from wagtail.models import WorkflowState

from accounts.roles import family_role_changed
from core.workflow import submit_for_review
from stories.models import MemorialPage
from tests.factories import PASSWORD, FamilyFactory, MemorialPageFactory, ModeratorFactory, borough

from .helpers import BROWSER_DB, WAGTAIL_RENDITION_LEAK, assert_accessible, jpeg_file

pytestmark = [pytest.mark.browser, BROWSER_DB, WAGTAIL_RENDITION_LEAK]
expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect

PHOTO_ALT = "Amara smiling on her graduation day, holding a bunch of yellow flowers"


def _link_in(message, site):
    """The verification link from an e-mail, pointed at the live server instead of the site's domain."""
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    assert match, f"no verification link in:\n{message.body}"
    return site.url(match.group(1))


def test_family_member_signs_up_verifies_and_sends_a_memorial_with_a_photo(
    page, site, mailoutbox, tmp_path, django_user_model
):
    # Sign up.
    page.goto("/accounts/signup/")
    page.get_by_label("Display name").fill("Ngozi")
    page.get_by_label("E-mail address").fill("ngozi@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("I am 18 or over").check()
    page.get_by_label("I agree to the terms of service and the community guidelines").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page, "verification sent")

    # Verify the address with the link from the e-mail: that signs her in (same browser).
    assert [message.to for message in mailoutbox] == [["ngozi@example.org"]]
    page.goto(_link_in(mailoutbox[0], site))
    assert_accessible(page, "confirm e-mail")
    page.get_by_role("button", name="Confirm my e-mail address").click()
    page.get_by_role("button", name="Sign out").click()
    user = django_user_model.objects.get(email="ngozi@example.org")
    assert user.emailaddress_set.get().verified
    assert user.profile.display_name == "Ngozi"

    # A moderator gives her the family role (in the Wagtail admin; here straight in the database).
    user.profile.is_family = True
    user.profile.save()
    family_role_changed(user.profile, by=ModeratorFactory())

    # Sign in.
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("ngozi@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Write a memorial with a photo.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Share a story").click()
    page.get_by_role("link", name="Write a memorial").click()
    page.get_by_label("Their name").fill("Amara Okoye")
    page.get_by_label("Date of birth").fill("2001-05-02")
    page.get_by_label("Date they died").fill("2023-07-19")
    page.get_by_label("A photo of them").set_input_files(jpeg_file(tmp_path, "amara.jpg"))
    page.get_by_label("Describe the photo for people who cannot see it").fill(PHOTO_ALT)
    page.get_by_label("Borough").select_option(label="Hackney")
    page.get_by_label("Their story").fill("Amara sang in the church choir.\n\nShe wanted to be a midwife.")
    page.get_by_role("button", name="Save and preview").click()

    # The preview shows the story as it will look, photo and all; nobody else can see it yet.
    expect(page.get_by_text("This is a preview.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remembering Amara Okoye")
    photo = page.get_by_role("img", name=PHOTO_ALT)
    expect(photo).to_be_visible()
    # Visible comes before loaded on a busy machine: wait (up to 10 s) for the picture itself.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle(), timeout=10_000)
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0"), "the photo did not load"
    story = MemorialPage.objects.get(title="Amara Okoye")
    assert not story.live
    assert story.get_latest_revision_as_object().photo.description == PHOTO_ALT

    # Back to the form, and send it to the moderators.
    page.get_by_role("link", name="Go back and edit").click()
    expect(page.get_by_text("A photo is already saved with this story.")).to_be_visible()
    page.get_by_role("button", name="Send to the moderators").click()

    expect(page).to_have_url(site.url("/me/stories/"))
    expect(page.get_by_text("Your story has been sent to our moderators")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Amara Okoye")
    expect(row.get_by_text("Waiting for review")).to_be_visible()
    story.refresh_from_db()
    assert not story.live
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    page.goto("/stories/")
    expect(page.get_by_text("Amara Okoye")).to_have_count(0)


def test_moderator_approves_a_story_in_the_admin_and_it_is_published(page, site, mailoutbox):
    family = FamilyFactory(profile_and_email__display_name="Family Fola")
    story = MemorialPageFactory(title="Amara Okoye", owner=family, borough=borough("hackney"), live=False)
    submit_for_review(story, family)
    moderator = ModeratorFactory()

    # /admin/ asks for a sign-in (the site's own form, or Wagtail's), then comes back to the dashboard.
    page.goto("/admin/")
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill(moderator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.I)).click()
    expect(page).to_have_url(site.url("/admin/"))

    awaiting = page.locator("section", has=page.get_by_role("heading", name="Awaiting your review"))
    row = awaiting.get_by_role("row").filter(has_text="Amara Okoye")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(awaiting.get_by_role("row").filter(has_text="Amara Okoye")).to_have_count(0)

    story.refresh_from_db()
    assert story.live
    assert [message.to for message in mailoutbox] == [[family.email]]
    assert "now published" in mailoutbox[0].subject

    page.goto("/stories/")
    expect(page.get_by_role("link", name="Remembering Amara Okoye")).to_be_visible()
    page.goto("/boroughs/hackney/")
    page.get_by_role("link", name="Remembering Amara Okoye").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remembering Amara Okoye")


def test_wagtail_admin_asks_no_other_host(new_page):
    """Not even gravatar.com, which would learn a hash of each moderator's e-mail address."""
    page = new_page(user=ModeratorFactory())
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))  # the dashboard, signed in
    foreign = list(new_page.foreign_requests)
    new_page.foreign_requests.clear()  # reported here, so not again when the pages close
    assert not foreign, foreign
