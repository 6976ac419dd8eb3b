"""A trained peer supporter is marked wherever their name is shown (accounts/marks.py): on their
responses to stories and replies in borough discussions, on a discussion they started, and in the
circle. Granting or removing the role in the admin shows or hides the mark on the very next render,
from the anonymous page cache and from the members' shared copies alike."""

import pytest
from django.test import Client
from django.urls import reverse

from caching import fragments, member_copies, pagecache
from circle.models import PeerSupporter
from tests.circle.helpers import discussion, reply
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, ThreadPageFactory, UserFactory
from tests.moderation.helpers import make_comment

pytestmark = pytest.mark.django_db

MARK = ' <span class="badge">trained peer supporter</span>'


@pytest.fixture(autouse=True)
def _every_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.MEMBER_PAGE_COPIES = True
    fragments.forget_local()
    yield
    fragments.forget_local()


@pytest.fixture
def pat(tree):
    return UserFactory(profile_and_email__display_name="Peer Pat")


def html(client, url, header=None, expect=None):
    response = client.get(url)
    assert response.status_code == 200, url
    if expect is not None:
        assert response.get(header) == expect, (url, header, response.get(header))
    return response.content.decode()


def grant(staff, member):
    response = staff.post(reverse("peer-supporters:add"), {"email": member.email, "note": "Trained in the spring"})
    assert response.status_code == 302, response.content.decode()[:2000]


def remove(staff, member):
    supporter = PeerSupporter.objects.get(user=member)
    assert staff.post(reverse("peer-supporters:delete", args=[supporter.pk])).status_code == 302


def warm(url, anonymous, member):
    """Both caches hold the page (the second request of each comes from its copy), unmarked."""
    for client, header in ((anonymous, pagecache.HEADER), (member, member_copies.HEADER)):
        html(client, url)
        assert f"Peer Pat{MARK}" not in html(client, url, header, "hit")


def test_the_mark_shows_and_goes_on_a_story_response_and_a_discussion_reply_and_opener(pat, family, moderator):
    story = MemorialPageFactory(owner=family, title="Jordan")
    make_comment(story, pat, "Thinking of you all")
    thread = ThreadPageFactory(owner=pat, title="Where to find help in Lambeth")
    make_comment(thread, pat, "The youth club on Tuesdays is good")
    staff, anonymous, member = signed_in_client(moderator), Client(), signed_in_client(UserFactory())
    urls = (story.url, thread.url)
    for url in urls:
        warm(url, anonymous, member)

    grant(staff, pat)
    for client in (anonymous, member):
        page = html(client, story.url)
        assert page.count(f"Peer Pat{MARK}") == 1  # on the response
        page = html(client, thread.url)
        assert page.count(f"Peer Pat{MARK}") == 1  # the reply (not yet "Started by": boroughs/models.py)
    listing = html(anonymous, thread.get_parent().url)
    assert f"started by Peer Pat{MARK}" in listing  # the borough's list of discussions

    for url in urls:
        html(anonymous, url), html(member, url)  # the marked pages are the cached copies now
    remove(staff, pat)
    for client in (anonymous, member):
        for url in urls:
            page = html(client, url)
            assert "Peer Pat" in page and MARK not in page


def test_the_mark_shows_in_the_circle_on_a_discussion_and_a_reply(pat, family, moderator):
    grant(signed_in_client(moderator), pat)
    opened = discussion(pat, title="Evenings are hardest")
    reply(opened, family, body="For us too")
    reply(opened, pat, body="You are not alone in this")
    reader = signed_in_client(family)
    assert f"Peer Pat{MARK}" in html(reader, reverse("circle_home"))
    page = html(reader, reverse("circle_discussion", args=[opened.pk]))
    assert page.count(f"Peer Pat{MARK}") == 2
    assert f"{family.public_name}{MARK}" not in page
    remove(signed_in_client(moderator), pat)
    assert MARK not in html(signed_in_client(family), reverse("circle_discussion", args=[opened.pk]))


def test_the_mark_is_words_a_screen_reader_reads_with_the_name(pat, family, moderator):
    """Not a colour alone: the badge is text inside the author's heading, which labels the response."""
    story = MemorialPageFactory(owner=family, title="Jordan")
    comment = make_comment(story, pat, "Thinking of you all")
    grant(signed_in_client(moderator), pat)
    page = html(Client(), story.url)
    assert f'<h3 class="comment__author" id="c{comment.pk}-by">Peer Pat{MARK}</h3>' in page
