"""Content notes: the notes come first, the story stays folded until the reader opens it
(a <details> element: no JavaScript), readers may choose "always show" at /me/, and cards
never show the words or photo of a story with notes."""

import re

import pytest
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from accounts.models import ContentNotePreference
from stories.models import MemorialPage, StoryPage
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, TestimonyPageFactory, borough

from .helpers import fields_for_memorial

BODY = "Nobody should read this unprepared"

# Wagtail 8.0 never closes the SpooledTemporaryFile it renders an image rendition into; these
# tests render story photos, so they ignore exactly that warning (as tests/browser does).
pytestmark = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def photo(tree):
    return Image.objects.create(title="Their photo", file=get_test_image_file(filename="their-photo.png"))


@pytest.fixture
def noted(tree, photo):
    return MemorialPageFactory(
        title="Noted Person",
        body=f"<p>{BODY}.</p>",
        note_violence=True,
        note_photo=True,
        content_note="the family’s own words",
        photo=photo,
        borough=borough("lambeth"),
    )


def folded_part(html):
    """The HTML inside the <details> element, which browsers keep closed until the reader opens it."""
    match = re.search(r"<details class=\"content-gate\">(.*?)</details>", html, re.S)
    return match and match.group(1)


def test_notes_come_first_and_the_story_and_photo_stay_folded_until_the_reader_opens_them(noted, visitor):
    html = visitor.get(noted.url).content.decode()
    folded = folded_part(html)
    assert folded is not None, "the story must be inside a closed <details> element"
    assert '<details class="content-gate" open' not in html
    # Everything the reader chose not to see yet is inside the folded part, and nowhere else.
    assert BODY in folded and html.count(BODY) == 1
    assert "their-photo" in folded and html.count("their-photo") == 1
    # The notes come first, in words, before the control that opens the story.
    notes = html.index("Content notes")
    assert notes < html.index("Describes violence") < html.index("Shows a photo of the person who died")
    assert html.index("the family’s own words") < html.index("<details")
    # The control is a real <summary> with a clear label: keyboard operable with no script.
    assert '<summary class="content-gate__summary">Continue to the memorial</summary>' in folded
    assert "<script" not in html


def test_a_story_without_notes_is_shown_directly(tree, visitor):
    page = TestimonyPageFactory(body=f"<p>{BODY}.</p>")
    html = visitor.get(page.url).content.decode()
    assert BODY in html
    assert "<details" not in html and "Content notes" not in html


def test_free_text_note_alone_also_folds_the_story(tree, visitor):
    page = TestimonyPageFactory(body=f"<p>{BODY}.</p>", content_note="describes a court case")
    html = visitor.get(page.url).content.decode()
    assert BODY in folded_part(html)
    assert "Continue to the testimony" in html


def test_reader_who_chose_always_show_sees_the_story_directly_with_the_notes_above(noted, resident):
    resident.profile.content_notes = ContentNotePreference.SHOW
    resident.profile.save()
    html = signed_in_client(resident).get(noted.url).content.decode()
    assert "<details" not in html
    assert BODY in html and "their-photo" in html
    assert html.index("Describes violence") < html.index(BODY)


def test_reader_who_chose_always_ask_sees_the_notes_first(noted, resident_client):
    html = resident_client.get(noted.url).content.decode()
    assert BODY in folded_part(html)
    assert 'href="/me/">Always show stories without asking</a>' in html


def test_settings_page_saves_the_reading_preference(resident, resident_client):
    page = resident_client.get("/me/").content.decode()
    assert "<legend>When a story has content notes</legend>" in page
    assert 'value="ask"' in page and "checked" in page

    response = resident_client.post("/me/", {"content_notes": "show"}, follow=True)
    assert response.redirect_chain == [("/me/", 302)]
    assert "Your settings are saved." in response.content.decode()
    resident.profile.refresh_from_db()
    assert resident.profile.content_notes == "show"

    resident_client.post("/me/", {"content_notes": "ask"})
    resident.profile.refresh_from_db()
    assert resident.profile.content_notes == "ask"


def test_settings_page_refuses_an_unknown_choice(resident, resident_client):
    response = resident_client.post("/me/", {"content_notes": "never"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    resident.profile.refresh_from_db()
    assert resident.profile.content_notes == "ask"


def test_settings_page_needs_signing_in(tree, visitor):
    response = visitor.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert visitor.post("/me/", {"content_notes": "show"}).status_code == 302


@pytest.mark.parametrize(
    "path", ["/", "/stories/", "/stories/?borough=lambeth", "/boroughs/lambeth/", "/search/?q=Noted"]
)
def test_cards_never_show_the_words_or_photo_of_a_story_with_notes(noted, visitor, path):
    html = visitor.get(path).content.decode()
    assert "Remembering Noted Person" in re.sub(r"<[^>]+>", "", html), path  # search highlights the words
    assert BODY not in html
    assert "their-photo" not in html and 'class="card__photo"' not in html
    assert (
        "Content notes:</strong> describes violence; shows a photo of the person who died; the family’s own words"
        in html
    )


def test_cards_still_show_the_words_and_photo_of_a_story_without_notes(tree, photo, visitor):
    MemorialPageFactory(title="Open Person", body=f"<p>{BODY}.</p>", photo=photo)
    html = visitor.get("/stories/").content.decode()
    assert BODY in html and 'class="card__photo"' in html


def test_family_ticks_content_notes_when_sharing_and_sees_them_when_editing(family_client):
    response = family_client.post(
        "/share/memorial/",
        fields_for_memorial(
            borough=borough("newham").pk,
            content_notes=["note_court_case", "note_suicide_self_harm"],
            content_note="",
        ),
    )
    assert response.status_code == 302
    page = StoryPage.objects.get(title="Sam Example").specific
    draft = page.get_latest_revision_as_object()
    assert draft.content_note_labels == ["Describes a court case", "Mentions suicide or self-harm"]
    assert draft.has_content_notes

    form = family_client.get(f"/me/stories/{page.pk}/edit/").content.decode()
    assert "<legend>Content notes" in form
    assert re.search(r'<input type="checkbox" name="content_notes" value="note_court_case"[^>]*checked', form)
    assert not re.search(r'<input type="checkbox" name="content_notes" value="note_violence"[^>]*checked', form)


def test_share_form_refuses_an_unknown_content_note(family_client):
    response = family_client.post(
        "/share/memorial/", fields_for_memorial(borough=borough("newham").pk, content_notes=["note_made_up"])
    )
    assert response.status_code == 200
    assert not MemorialPage.objects.filter(title="Sam Example").exists()


def test_content_notes_survive_a_moderators_approval(tree, family):
    page = MemorialPageFactory(owner=family, live=False, note_violence=True)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.live and page.note_violence and page.content_note_labels == ["Describes violence"]
