"""Content notes on discussions: set when starting one, shown first, the opening post folded, listings without words."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import ContentNotePreference
from boroughs.models import BoroughPage, ThreadPage
from tests.conftest import signed_in_client
from tests.factories import ThreadPageFactory

START = "/boroughs/lambeth/start-a-discussion/"
BODY = "The night it happened I heard everything from my window."


def thread(owner, title="After the stabbing on our road", body=BODY, **notes):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    page = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body=body, owner=owner, borough=lambeth.borough, **notes
    )
    return page


def test_resident_sets_content_notes_when_starting_a_discussion(resident, resident_client):
    cache.clear()
    form = resident_client.get(START).content.decode()
    assert "Describes violence" in form and "Anything else readers should know first" in form
    resident_client.post(
        START,
        {
            "title": "After the stabbing",
            "body": BODY,
            "content_notes": ["note_violence", "note_suicide_self_harm"],
            "content_note": "<script>alert(1)</script>talks about <b>the night</b>",
        },
    )
    page = ThreadPage.objects.get(title="After the stabbing")
    assert page.note_violence and page.note_suicide_self_harm
    assert not page.note_court_case and not page.note_photo
    assert "<" not in page.content_note and page.content_note.endswith("talks about the night")  # sanitised
    assert page.content_note_labels == ["Describes violence", "Mentions suicide or self-harm"]
    revision = page.latest_revision.as_object()  # what the moderator approves keeps the notes
    assert revision.note_violence and revision.content_note == page.content_note


def test_a_thread_with_notes_shows_them_first_and_folds_the_opening_post(resident):
    page = thread(resident, note_violence=True, content_note="describes the night it happened")
    html = Client().get(page.url).content.decode()
    assert html.index("Content notes") < html.index('<details class="content-gate"') < html.index(BODY)
    assert "Describes violence" in html and "describes the night it happened" in html
    assert "Continue to the discussion" in html
    assert "The discussion is folded away below" in html


def test_a_thread_without_notes_shows_the_post_directly(resident):
    page = thread(resident)
    html = Client().get(page.url).content.decode()
    assert BODY in html and "content-gate" not in html


def test_always_show_readers_see_the_post_with_the_notes_above(resident, other_resident):
    page = thread(resident, note_court_case=True)
    other_resident.profile.content_notes = ContentNotePreference.SHOW
    other_resident.profile.save()
    html = signed_in_client(other_resident).get(page.url).content.decode()
    assert "Describes a court case" in html and BODY in html and '<details class="content-gate"' not in html


@pytest.mark.parametrize("url", ["/boroughs/lambeth/", "/", "/search/?q=night"])
def test_listings_show_the_notes_and_never_the_words(resident, url):
    thread(resident, title="Night on our road", note_violence=True)
    html = Client().get(url).content.decode()
    assert "on our road" in html  # search highlights the matched title word
    assert "describes violence" in html
    assert "heard everything from my window" not in html


def test_borough_page_costs_the_same_with_one_noted_thread_and_with_many(resident):
    client = Client()
    thread(resident, title="First", note_violence=True)
    client.get("/boroughs/lambeth/")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        client.get("/boroughs/lambeth/")
    for i in range(6):
        thread(resident, title=f"More {i}", note_court_case=True, content_note="a trial")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        html = client.get("/boroughs/lambeth/").content.decode()
    assert "More 5" in html
    assert len(many) == len(few)
