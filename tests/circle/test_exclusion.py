"""Nothing of the circle leaves it: never in the page cache, search, the sitemap, the feeds, or a
page's meta tags; every circle response is `Cache-Control: private, no-store` and not for indexing.

Each test has a control (a borough discussion with the same words) so it proves the channel works
and it is the circle that is kept out of it.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from boroughs.models import BoroughPage
from caching import pagecache
from tests.conftest import signed_in_client
from tests.factories import ThreadPageFactory

from .helpers import SECRET_BODY, SECRET_TITLE, discussion, reply

WORD = "Zanzibar"  # in SECRET_TITLE


@pytest.fixture
def circle(family, other_family):
    published = discussion(family)
    reply(published, other_family, body=f"{WORD} evenings helped us too.")
    return published


@pytest.fixture
def control(resident):
    parent = BoroughPage.objects.get(slug="lambeth")
    return ThreadPageFactory(
        title=f"{WORD} control thread",
        slug="zanzibar-control",
        body=f"{WORD} in public.",
        owner=resident,
        borough=parent.borough,
    )


def _circle_urls(published):
    return [reverse("circle_home"), reverse("circle_discussion", args=[published.pk]), reverse("circle_directory")]


def test_never_in_the_page_cache(circle, control, family, settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    visitor = Client()
    # The control: a public page is stored for visitors, so the cache is really on.
    visitor.get(control.url)
    assert visitor.get(control.url)[pagecache.HEADER] == "hit"
    reader = signed_in_client(family)
    for url in _circle_urls(circle):
        for client in (visitor, reader, visitor):
            response = client.get(url)
            assert response.get(pagecache.HEADER) != "hit"
        assert cache.get(pagecache.entry_key(RequestFactory().get(url))) is None, url
    cache.clear()


def test_every_circle_response_is_private_and_never_stored(circle, family, resident):
    for client in (Client(), signed_in_client(resident), signed_in_client(family)):
        for url in _circle_urls(circle):
            response = client.get(url)
            cache_control = response["Cache-Control"]
            assert "private" in cache_control and "no-store" in cache_control, (url, cache_control)
            assert "noindex" in response["X-Robots-Tag"]


def test_never_in_search_results_for_anyone(circle, control, family, other_family, resident, moderator):
    for client in (Client(), signed_in_client(resident), signed_in_client(moderator), signed_in_client(family)):
        html = client.get("/search/", {"q": WORD}).content.decode()
        assert "1 result for" in html and "control thread" in html  # the control alone is found
        assert "inquest" not in html and "evenings helped us too" not in html and "/circle/" not in html
        html = client.get("/search/", {"q": "Quillwort"}).content.decode()
        assert "result for" not in html and "results for" not in html and "/circle/" not in html


def test_not_in_the_sitemap(circle, control):
    xml = Client().get("/sitemap.xml").content.decode()
    assert "zanzibar-control" in xml
    assert "/circle/" not in xml and "zanzibar-evenings" not in xml


FEEDS = ["threads_feed", "threads_feed_atom", "stories_feed", "stories_feed_atom"]


@pytest.mark.parametrize("feed", FEEDS)
def test_not_in_any_feed(circle, control, feed):
    xml = Client().get(reverse(feed)).content.decode()
    if feed.startswith("threads"):
        assert "Zanzibar control thread" in xml
    assert SECRET_TITLE not in xml and SECRET_BODY not in xml and "/circle/" not in xml


def test_borough_feed_holds_nothing_of_the_circle(circle, control):
    xml = Client().get(reverse("borough_feed", args=["lambeth"])).content.decode()
    assert "Zanzibar control thread" in xml
    assert SECRET_TITLE not in xml


def _head(html):
    return html.split("</head>", 1)[0]


def test_no_open_graph_or_meta_tag_names_a_discussion(circle, family):
    html = signed_in_client(family).get(reverse("circle_discussion", args=[circle.pk])).content.decode()
    assert SECRET_TITLE in html  # the family reads it...
    head = _head(html)
    assert SECRET_TITLE not in head and SECRET_BODY not in head  # ...but no tag in the head names it
    assert re.search(r'<meta name="robots" content="noindex', head)
    for tag in re.findall(r"<meta[^>]+>", head):
        assert WORD not in tag and "Quillwort" not in tag
