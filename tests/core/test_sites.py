"""core/sites.py: the request's Wagtail site and root page come from the worker's memory while
the `site` and root page versions are unchanged, and are read afresh as soon as either changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import pagecache
from core import sites
from tests.conftest import signed_in_client


def site_reads(client, url):
    """(status, how many queries read the Site table) for one request."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, sum('FROM "wagtailcore_site"' in q["sql"] for q in captured)


@pytest.fixture
def member(tree, resident):
    return signed_in_client(resident)


def test_after_the_first_request_the_site_is_not_read_again(member):
    status, reads = site_reads(member, "/stories/")
    assert status == 200 and reads >= 1  # Wagtail's lookup, then read again to be remembered
    assert site_reads(member, "/stories/") == (200, 0)
    assert site_reads(member, "/boroughs/lambeth/") == (200, 0)


def test_a_changed_site_is_read_afresh_on_the_next_request(tree, member):
    member.get("/stories/")
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.site_name = "London Listens, renamed"
    site.save()
    status, reads = site_reads(member, "/stories/")
    assert status == 200
    assert reads >= 1  # read again (Wagtail's own site-root-paths cache is refreshed too)
    assert site_reads(member, "/stories/") == (200, 0)


def test_the_home_page_is_served_afresh_and_a_new_slug_still_routes(tree, member):
    member.get("/stories/")
    home = tree.home
    home.intro = "<p>A new welcome for today</p>"
    home.save()
    assert "A new welcome for today" in member.get("/").content.decode()
    home.slug = "london-listens-renamed"
    home.save()  # every page's url_path under it changes
    assert member.get("/stories/").status_code == 200
    assert member.get("/boroughs/lambeth/").status_code == 200


def test_nothing_is_remembered_when_the_versions_cannot_be_read(member, monkeypatch):
    monkeypatch.setattr(pagecache, "current_versions", lambda tags: dict.fromkeys(tags))
    member.get("/stories/")
    assert site_reads(member, "/stories/") == (200, 1)
    assert sites._known == {}


def test_a_request_that_serves_no_page_does_not_touch_the_database_for_the_site(client):
    # No database access is allowed in this test: looking the site up here would raise.
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert sites._known == {}


def test_a_flood_of_made_up_host_names_is_not_remembered(member):
    for i in range(sites.MOST_HOSTS + 20):
        member.get("/stories/", HTTP_HOST=f"host{i}.example")
    assert len(sites._known) <= sites.MOST_HOSTS
