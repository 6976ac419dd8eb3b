"""A page with 200 responses costs the same number of queries as one with 5, on any page of responses."""

import pytest
from django.core.cache import cache
from django.test import Client

from moderation import responses_pages
from moderation.models import CommentState

from .helpers import make_comment


def _fill(story, authors, n):
    comments = []
    for i in range(n):
        author = authors[i % len(authors)]
        parent = comments[-1] if i % 3 and comments and comments[-1].level < 2 else None
        comments.append(make_comment(story, author, f"Response {i}", parent=parent))
    make_comment(story, authors[0], "A held one", state=CommentState.HELD)
    return comments


@pytest.mark.parametrize("who", ["visitor", "resident", "family", "moderator"])
def test_query_count_does_not_grow_with_responses(
    story, resident, other_resident, family, moderator, who, django_assert_max_num_queries
):
    client = Client()
    viewer = {"visitor": None, "resident": resident, "family": family, "moderator": moderator}[who]
    if viewer:
        client.force_login(viewer)
    _fill(story, [resident, other_resident, family], 5)
    client.get(story.url)  # warm Wagtail's site cache
    cache.clear()  # measure rendering, not a stored copy of the page
    with django_assert_max_num_queries(50) as five:
        assert client.get(story.url).status_code == 200
    _fill(story, [resident, other_resident, family], 195)
    cache.clear()
    with django_assert_max_num_queries(len(five.captured_queries)):
        first = client.get(story.url).content.decode()
    assert "Response 0<" in first
    assert "Responses (200)" in first
    # The last page of responses (200 comments, one in three top-level: 67 conversations).
    last_page = (67 - 1) // responses_pages.RESPONSES_PER_PAGE + 1
    with django_assert_max_num_queries(len(five.captured_queries)):
        last = client.get(f"{story.url}?responses={last_page}").content.decode()
    assert "Response 194" in last
    assert "Response 0<" not in last
