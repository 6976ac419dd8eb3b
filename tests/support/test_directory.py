"""The support directory: `/support/`, the "Support near you" panel and the header link."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from support.models import SupportService
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory, borough

from .helpers import make_service


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def services(tree):
    """Crisis lines for all London, London-wide and local services, and one for another borough."""
    return {
        "emergency": make_service("Emergency services", ["crisis"], phone="999", position=0),
        "samaritans": make_service("Samaritans", ["crisis"], phone="116 123", opening_hours="24 hours, every day"),
        "cruse": make_service("Bereavement line", ["bereavement"], phone="0808 000 0000"),
        "southwark": make_service("Southwark families group", ["bereavement", "youth"], ["southwark"]),
        "newham": make_service("Newham youth project", ["youth"], ["newham"]),
        "first_aid": make_service("Bleed-kit training", ["first-aid"], web_address="https://first-aid.example.org"),
    }


def panel_of(html):
    start = html.index('<aside class="support-panel"')
    return html[start : html.index("</aside>", start)]


def test_every_page_header_has_a_need_support_now_link(tree, visitor):
    for path in ["/", "/stories/", "/boroughs/southwark/", "/support/", "/search/"]:
        html = visitor.get(path).content.decode()
        assert '<a class="support-link" href="/support/#help-now">Need support now?</a>' in html, path


def test_directory_lists_crisis_lines_first_then_the_other_services(services, visitor):
    html = visitor.get("/support/").content.decode()
    positions = [html.index(name) for name in ("Emergency services", "Samaritans", "Bereavement line")]
    assert positions == sorted(positions)
    assert html.index("If you need help now") < html.index("Emergency services")
    assert '<a href="tel:116123">116 123</a>' in html
    for service in services.values():
        assert service.name in html


def test_directory_filters_by_borough_keeping_london_wide_services(services, visitor):
    html = visitor.get("/support/?borough=southwark").content.decode()
    assert "Support in Southwark" in html
    assert "Southwark families group" in html and "Bereavement line" in html and "Samaritans" in html
    assert "Newham youth project" not in html


def test_directory_filters_by_category_and_still_shows_crisis_lines_first(services, visitor):
    html = visitor.get("/support/?category=youth").content.decode()
    assert "Southwark families group" in html and "Newham youth project" in html
    assert "Bereavement line" not in html and "Bleed-kit training" not in html
    assert html.index("Samaritans") < html.index("Southwark families group")
    assert "2 services found." in html


def test_directory_filters_by_borough_and_category_together(services, visitor):
    html = visitor.get("/support/?borough=newham&category=youth").content.decode()
    assert "Newham youth project" in html
    assert "Southwark families group" not in html


def test_asking_for_crisis_lines_lists_them_once(services, visitor):
    html = visitor.get("/support/?category=crisis").content.decode()
    assert (
        html.count('<h3 class="service__name" id="service-{}">Samaritans</h3>'.format(services["samaritans"].pk)) == 1
    )
    assert "Bereavement line" not in html


def test_unknown_filters_are_ignored(services, visitor):
    response = visitor.get("/support/?borough=atlantis&category=<script>")
    assert response.status_code == 200
    assert "Bereavement line" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_directory_marks_services_whose_details_are_unchecked(tree, visitor):
    make_service("Unchecked line", check_before_launch=True)
    make_service("Checked line")
    html = visitor.get("/support/").content.decode()
    assert html.count("Details still to be checked before launch.") == 1


def test_directory_shows_who_each_service_is_for(services, visitor):
    html = visitor.get("/support/").content.decode()
    assert "<dt>For</dt><dd>Southwark</dd>" in html
    assert "<dt>For</dt><dd>Everyone in London</dd>" in html


def test_story_panel_lists_crisis_lines_first_and_the_borough_services(services, visitor):
    page = MemorialPageFactory(borough=borough("southwark"))
    panel = panel_of(visitor.get(page.url).content.decode())
    assert panel.index("Emergency services") < panel.index("Samaritans") < panel.index("Southwark families group")
    # Local services come before London-wide ones.
    assert panel.index("Southwark families group") < panel.index("Bereavement line")
    assert "Newham youth project" not in panel
    assert 'href="/support/?borough=southwark"' in panel


def test_panel_appears_on_testimonies_and_borough_pages(services, visitor):
    testimony = TestimonyPageFactory(borough=borough("newham"))
    for url in (testimony.url, "/boroughs/newham/"):
        panel = panel_of(visitor.get(url).content.decode())
        assert "Samaritans" in panel and "Newham youth project" in panel
        assert "Southwark families group" not in panel


def test_panel_shows_a_few_services_and_links_to_the_rest(tree, visitor):
    for n in range(8):
        make_service(f"Local service {n}", boroughs=["hackney"])
    panel = panel_of(visitor.get("/boroughs/hackney/").content.decode())
    assert panel.count("Local service") == 4
    assert "All support for Hackney" in panel


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_panel_and_directory_queries_do_not_grow_with_the_number_of_services(tree, visitor):
    page = MemorialPageFactory(borough=borough("southwark"))
    make_service("First", ["crisis"], ["southwark"])
    before = {url: count_queries(visitor, url) for url in (page.url, "/support/", "/boroughs/southwark/")}
    for n in range(10):
        make_service(f"More {n}", ["bereavement", "youth"], ["southwark", "lambeth"])
    after = {url: count_queries(visitor, url) for url in before}
    assert after == before


def test_text_typed_into_the_admin_is_stripped_of_markup(tree):
    service = make_service(
        "<b>Helpline</b>",
        summary="Listens <script>alert(1)</script>",
        opening_hours="<i>24 hours</i>",
        web_address="javascript:alert(1)",
    )
    service.refresh_from_db()
    assert service.name == "Helpline"
    assert "<" not in service.summary and "<" not in service.opening_hours
    assert service.safe_web_address == ""  # never linked, even if saved outside the admin form


def test_admin_form_refuses_a_bad_phone_number_or_web_address(tree):
    from django.core.exceptions import ValidationError

    service = SupportService(name="X", summary="Y", phone="call me maybe", web_address="ftp://example.org")
    with pytest.raises(ValidationError) as error:
        service.full_clean(exclude=["categories", "boroughs"])
    assert set(error.value.message_dict) == {"phone", "web_address"}


def test_moderators_can_add_a_service_in_the_admin(services, moderator_client):
    from support.models import SupportCategory

    listing = moderator_client.get("/admin/snippets/support/supportservice/")
    assert listing.status_code == 200 and "Samaritans" in listing.content.decode()
    response = moderator_client.post(
        "/admin/snippets/support/supportservice/add/",
        {
            "name": "New <em>line</em>",
            "summary": "Listens.",
            "phone": "0800 000 000",
            "web_address": "https://example.org/",
            "opening_hours": "",
            "categories": [SupportCategory.objects.get(slug="bereavement").pk],
            "boroughs": [borough("croydon").pk],
            "position": "100",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = SupportService.objects.get(name="New line")
    assert list(service.boroughs.values_list("slug", flat=True)) == ["croydon"]


def test_residents_cannot_reach_the_directory_admin(services, resident_client):
    response = resident_client.get("/admin/snippets/support/supportservice/")
    assert response.status_code in (302, 403)


def test_panel_appears_on_discussion_threads(services, resident, visitor):
    thread = ThreadPageFactory(
        title="What would help", body="Talk to me.", borough=borough("southwark"), owner=resident
    )
    panel = panel_of(visitor.get(thread.url).content.decode())
    assert panel.index("Samaritans") < panel.index("Southwark families group")
    assert "Newham youth project" not in panel
