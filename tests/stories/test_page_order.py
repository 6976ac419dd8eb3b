"""The person first (issue 13): on a memorial their name, dates, photo and story come before the
candles, the responses and a compact support panel; testimonies and discussions read the same way.
Borough pages keep the full panel. Pages are parsed with html5lib (the browsers' algorithm) and the
positions of elements compared in document order.

A candle's confirmation is shown inside the candles region the page comes back to, not at the top.
"""

import datetime

import html5lib
import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from boroughs.models import BoroughPage
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory, borough
from tests.moderation.helpers import make_comment
from tests.support.helpers import make_service

pytestmark = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def services(tree):
    return [
        make_service("Samaritans", ["crisis"], phone="116 123", opening_hours="24 hours, every day"),
        make_service("Southwark families group", ["bereavement"], ["southwark"], phone="020 7946 0000"),
        make_service("Bereavement line", ["bereavement"], phone="0808 000 0000"),
    ]


@pytest.fixture
def memorial(tree, family, resident, services):
    photo = Image.objects.create(title="Their photo", file=get_test_image_file(filename="their-photo.png"))
    page = MemorialPageFactory(
        title="Daniel Mensah",
        owner=family,
        body="<p>Daniel coached the under-elevens on Saturday mornings.</p>",
        date_of_birth=datetime.date(2004, 3, 27),
        date_of_death=datetime.date(2022, 9, 14),
        photo=photo,
        borough=borough("southwark"),
    )
    make_comment(page, resident, "Thinking of you all.")
    return page


class Document:
    """A page as a browser builds it, with each element's position in document order."""

    def __init__(self, html):
        self.root = html5lib.parse(html, namespaceHTMLElements=False)
        self.order = {id(element): n for n, element in enumerate(self.root.iter())}

    def find(self, path):
        element = self.root.find(path)
        assert element is not None, f"nothing at {path}"
        return element

    def position(self, path):
        return self.order[id(self.find(path))]

    def text(self, path):
        return " ".join("".join(self.find(path).itertext()).split())


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Document(response.content.decode())


def test_a_memorial_shows_the_person_first_then_candles_responses_and_a_compact_panel(memorial):
    doc = page_of(Client(), memorial.url)
    assert doc.text(".//h1") == "Remembering Daniel Mensah"
    assert doc.text(".//*[@class='story-dates']") == "2004 – 2022"
    person = [
        doc.position(".//h1"),
        doc.position(".//*[@class='story-dates']"),
        doc.position(".//figure[@class='story-photo']/img"),
        doc.position(".//div[@class='prose story-body']"),
    ]
    after = [
        doc.position(".//section[@id='candles']"),
        doc.position(".//section[@id='responses']"),
        doc.position(".//aside[@class='support-panel']"),
    ]
    assert person == sorted(person), "name, dates, photo, story, in that order"
    assert max(person) < min(after), "the person comes before everything else"
    assert after == sorted(after), "candles, then responses, then the support panel"
    assert doc.position(".//li[@class='comment']") < doc.position(".//aside[@class='support-panel']")
    assert doc.find(".//aside[@class='support-panel']").get("data-size") == "compact"


def test_with_content_notes_the_notes_guard_the_story_and_everything_else_follows(memorial):
    memorial.note_violence = True
    memorial.save_revision().publish()
    doc = page_of(Client(), memorial.url)
    gate = doc.position(".//details[@class='content-gate']")
    assert doc.position(".//h1") < doc.position(".//section[@class='content-note']") < gate
    folded = doc.find(".//details[@class='content-gate']")
    assert folded.find(".//figure[@class='story-photo']") is not None
    assert folded.find(".//div[@class='prose story-body']") is not None
    assert gate < doc.position(".//section[@id='candles']") < doc.position(".//section[@id='responses']")
    assert doc.position(".//section[@id='responses']") < doc.position(".//aside[@class='support-panel']")


def test_the_compact_panel_has_the_crisis_line_and_a_link_to_local_support(memorial):
    doc = page_of(Client(), memorial.url)
    panel = doc.find(".//aside[@class='support-panel']")
    text = doc.text(".//aside[@class='support-panel']")
    assert "Samaritans 116 123" in text
    assert panel.find(".//a[@href='tel:116123']") is not None
    link = panel.find(".//a[@href='/support/?borough=southwark']")
    assert "".join(link.itertext()) == "All support for Southwark"
    assert "including Southwark families group and Bereavement line" in text
    # Compact: no list of services with their numbers and websites, as on a borough page.
    assert panel.find(".//ul") is None
    assert "020 7946 0000" not in text and "24 hours" not in text


def test_a_borough_page_keeps_the_full_panel(memorial):
    doc = page_of(Client(), "/boroughs/southwark/")
    panel = doc.find(".//aside[@class='support-panel']")
    assert panel.get("data-size") is None
    assert panel.find(".//ul[@class='support-panel__services']") is not None
    text = doc.text(".//aside[@class='support-panel']")
    assert "Southwark families group: 020 7946 0000" in text
    assert "(24 hours, every day)" in text


def test_a_testimony_reads_the_same_way(tree, resident, services):
    page = TestimonyPageFactory(title="After the trial", body="<p>Nobody called us.</p>", borough=borough("southwark"))
    make_comment(page, resident, "We are with you.")
    doc = page_of(Client(), page.url)
    order = [
        doc.position(".//h1"),
        doc.position(".//div[@class='prose story-body']"),
        doc.position(".//section[@id='responses']"),
        doc.position(".//aside[@class='support-panel']"),
    ]
    assert order == sorted(order)
    assert doc.find(".//aside[@class='support-panel']").get("data-size") == "compact"


def test_a_discussions_replies_follow_its_opening_post_directly(tree, resident, family, services):
    southwark = BoroughPage.objects.get(slug="southwark")
    thread = ThreadPageFactory(
        title="Safer routes", body="Which routes feel safe?", borough=southwark.borough, owner=None
    )
    make_comment(thread, family, "The path by the leisure centre has no lights.")
    doc = page_of(Client(), thread.url)
    opening = doc.position(".//div[@class='prose thread-body']")
    responses = doc.position(".//section[@id='responses']")
    panel = doc.position(".//aside[@class='support-panel']")
    assert opening < responses < panel
    # Nothing but the end of the opening post's article lies between it and the replies.
    between = [
        el.tag
        for el in doc.root.iter()
        if opening < doc.order[id(el)] < responses and el.tag in ("aside", "section", "form")
    ]
    assert between == []
    assert doc.find(".//aside[@class='support-panel']").get("data-size") == "compact"


def test_lighting_a_candle_shows_the_confirmation_inside_the_candles_region(memorial, resident_client):
    response = resident_client.post(f"/memorials/{memorial.pk}/candle/light/")
    assert response["Location"] == f"{memorial.url}#candles"
    doc = Document(resident_client.get(response["Location"]).content.decode())
    status = [el for el in doc.find(".//section[@id='candles']").iter() if el.get("role") == "status"]
    assert ["".join(el.itertext()).strip() for el in status] == ["You lit a candle for Daniel Mensah."]
    assert doc.root.find(".//div[@class='wrap messages']") is None  # not at the top as well
    assert doc.text(".//section[@id='candles']").count("You lit a candle") == 1


def test_putting_a_candle_out_is_confirmed_in_the_region_too(memorial, resident_client):
    resident_client.post(f"/memorials/{memorial.pk}/candle/light/", follow=True)
    resident_client.post(f"/memorials/{memorial.pk}/candle/put-out/")
    doc = Document(resident_client.get(memorial.url).content.decode())
    assert "Your candle has been put out." in doc.text(".//section[@id='candles']")
    assert doc.root.find(".//div[@class='wrap messages']") is None


def test_a_message_for_no_region_still_shows_at_the_top(memorial, resident, resident_client):
    from tests.moderation.helpers import post

    post(resident_client, memorial, "Thinking of Daniel today.")
    doc = Document(resident_client.get(memorial.url).content.decode())
    assert doc.root.find(".//div[@class='wrap messages']") is not None
