"""Feeds, the sitemap and link previews: they say what a page is, never what a story says."""

import pytest
from defusedxml import ElementTree
from django.test import Client

from boroughs.models import Borough, BoroughPage
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory


@pytest.fixture
def visitor():
    return Client()


def thread_in(borough_slug, owner, title):
    parent = BoroughPage.objects.get(slug=borough_slug)
    thread = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Let us talk.", owner=owner, borough=parent.borough
    )
    return thread


def rss_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")]


def test_stories_feed_lists_published_stories_newest_first_without_their_words(tree, visitor):
    MemorialPageFactory(title="First", body="<p>Private words one.</p>", content_note="describes an attack")
    TestimonyPageFactory(title="Second", body="<p>Private words two.</p>")
    TestimonyPageFactory(title="Draft", live=False)
    response = visitor.get("/stories/feed/")
    assert rss_titles(response) == ["Second", "Remembering First"]
    body = response.content.decode()
    assert "Private words" not in body and "describes an attack" not in body
    assert "A testimony from Southwark on London Listens." in body


def test_atom_feeds_exist_for_stories_threads_and_boroughs(tree, visitor, resident):
    MemorialPageFactory(title="Atom person")
    thread_in("lambeth", resident, "Lambeth youth clubs")
    for url in ("/stories/feed/atom/", "/boroughs/discussions/feed/atom/", "/boroughs/lambeth/feed/atom/"):
        response = visitor.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
    assert "Lambeth youth clubs" in visitor.get("/boroughs/discussions/feed/").content.decode()


def test_borough_feed_has_that_boroughs_stories_and_threads_only(tree, visitor, resident):
    MemorialPageFactory(title="In Lambeth", borough=Borough.objects.get(slug="lambeth"))
    MemorialPageFactory(title="In Brent", borough=Borough.objects.get(slug="brent"))
    thread_in("lambeth", resident, "Lambeth talk")
    titles = rss_titles(visitor.get("/boroughs/lambeth/feed/"))
    assert set(titles) == {"Remembering In Lambeth", "Lambeth talk"}
    assert visitor.get("/boroughs/atlantis/feed/").status_code == 404


def test_stories_kept_from_search_engines_are_left_out_of_sitemap_and_feeds(tree, visitor):
    listed = MemorialPageFactory(title="Listed")
    private = MemorialPageFactory(title="Unlisted", search_engines_allowed=False)
    sitemap = visitor.get("/sitemap.xml")
    assert sitemap.status_code == 200
    xml = sitemap.content.decode()
    assert listed.full_url in xml
    assert private.full_url not in xml
    assert "/boroughs/southwark/" in xml
    assert "Unlisted" not in visitor.get("/stories/feed/").content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in visitor.get(private.url).content.decode()
    assert 'name="robots"' not in visitor.get(listed.url).content.decode()


def test_link_previews_never_carry_a_storys_words_or_content_notes(tree, visitor):
    page = MemorialPageFactory(
        title="Preview Person",
        body="<p>Words that should only be read on the page.</p>",
        content_note="describes a stabbing",
        borough=Borough.objects.get(slug="newham"),
    )
    html = visitor.get(page.url).content.decode()
    head = html.split("</head>")[0]
    assert '<meta property="og:title" content="Remembering Preview Person">' in head
    assert '<meta property="og:description" content="A memorial from Newham, shared on London Listens.">' in head
    assert '<meta property="og:type" content="article">' in head
    assert f'<meta property="og:url" content="http://testserver{page.url}">' in head
    assert "stabbing" not in head and "Words that should" not in head
    assert "og:image" not in head


def test_editors_description_is_used_when_set(tree, visitor):
    html = visitor.get("/about/").content.decode()
    assert '<meta property="og:title" content="About London Listens">' in html
    assert "bereaved by violent crime to be heard" in html
