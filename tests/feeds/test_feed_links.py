"""Pages with a feed say so (issue 13): `<link rel="alternate">` in the head and a visible
"Follow by RSS"; a feed's links name the address it was asked for, whatever the Site row says."""

import re

from defusedxml import ElementTree
from django.contrib.sites.models import Site as DjangoSite
from django.test import Client

from tests.factories import MemorialPageFactory, UserFactory
from tests.feeds.test_feeds_and_meta import thread_in


def alternates(html):
    head = html.split("</head>")[0]
    return re.findall(r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)">', head)


def test_the_stories_index_borough_pages_and_discussions_announce_their_feeds(tree):
    thread = thread_in("hackney", UserFactory(), "Safer streets")
    client = Client()
    expected = {
        "/stories/": ["/stories/feed/"],
        "/boroughs/": ["/boroughs/discussions/feed/"],
        "/boroughs/hackney/": ["/boroughs/hackney/feed/"],
        thread.url: ["/boroughs/discussions/feed/", "/boroughs/hackney/feed/"],
        "/": ["/stories/feed/", "/boroughs/discussions/feed/"],
    }
    for path, feeds in expected.items():
        html = client.get(path).content.decode()
        assert alternates(html) == feeds, path
        footer = html.split('<footer class="site-footer">')[1]
        assert "Follow by RSS" in footer, path
        for feed in feeds:
            assert f'href="{feed}"' in footer, (path, feed)
            assert client.get(feed).status_code == 200


def test_a_page_without_a_feed_has_no_feed_links(tree):
    html = Client().get("/support/").content.decode()
    assert alternates(html) == [] and "Follow by RSS" not in html


def test_feed_links_follow_the_address_the_site_is_served_on(tree):
    DjangoSite.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1:8000"})
    story = MemorialPageFactory(title="Amara")
    response = Client(HTTP_HOST="127.0.0.1:8123").get("/stories/feed/")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "http://127.0.0.1:8123/stories/"
    assert channel.find("item").findtext("link") == f"http://127.0.0.1:8123{story.url}"
    assert "127.0.0.1:8000" not in response.content.decode()
