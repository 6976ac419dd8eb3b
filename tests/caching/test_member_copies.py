"""Whole pages shared among members shown the same page (caching/member_copies.py, issue 18).

The central check: whoever warmed the copy, every reader of every role is shown byte for byte
what a fresh render shows them, but for what differs on every request anyway (their CSRF token,
and the response form's signed timestamp). Then: a change is seen on the next request, the copy
carries each member's own token (a response posted from it is accepted), and nobody is given a
copy of a page they may not see.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from accounts.models import ContentNotePreference, Profile
from caching import fragments, member_copies
from circle.models import PeerSupporter
from moderation import actions
from moderation.models import CommentReview, CommentState, FlagReason
from notifications.models import Follow
from organisations.models import Ask, Backing, Membership, Organisation
from stories.models import Candle
from tests.conftest import signed_in_client
from tests.factories import (
    MemorialPageFactory,
    ModeratorFactory,
    SanctionFactory,
    TestimonyPageFactory,
    ThreadPageFactory,
    UserFactory,
    borough,
)
from tests.moderation.helpers import form_data, make_comment

SECRETS = re.compile(r'name="(csrfmiddlewaretoken|timestamp|security_hash)" value="[^"]+"')


@pytest.fixture(autouse=True)
def _copies_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.MEMBER_PAGE_COPIES = True
    fragments.forget_local()
    yield
    fragments.forget_local()


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return SECRETS.sub("", response.content.decode()), response.get(member_copies.HEADER)


def fresh(settings, client, url):
    settings.MEMBER_PAGE_COPIES = False
    settings.FRAGMENT_CACHE_SECONDS = 0
    try:
        return page_html(client, url)[0]
    finally:
        settings.MEMBER_PAGE_COPIES = True
        settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def place(tree, family):
    """A memorial, a testimony and a discussion that is an ask, and one reader of every kind."""
    memorial = MemorialPageFactory(owner=family, title="Jordan", content_note="Describes the night he died.")
    testimony = TestimonyPageFactory(owner=family, title="What we were never offered")
    starter = UserFactory(profile_and_email__display_name="Starter Sam")
    thread = ThreadPageFactory(owner=starter, title="Lights on the estate", borough=borough("southwark"))
    ask = Ask.objects.create(thread=thread)
    people = {
        "reader": UserFactory(profile_and_email__display_name="Reader Rob"),
        "other reader": UserFactory(profile_and_email__display_name="Reader Ria"),
        "family": family,
        "other family": UserFactory(profile_and_email__display_name="Aunt Ama", profile_and_email__family=True),
        "writer": UserFactory(profile_and_email__display_name="Writer Wes"),
        "reporter": UserFactory(profile_and_email__display_name="Reporter Rae"),
        "lighter": UserFactory(profile_and_email__display_name="Candle Cal"),
        "follower": UserFactory(profile_and_email__display_name="Follower Fay"),
        "borough follower": UserFactory(profile_and_email__display_name="Follower Fin"),
        "reads directly": UserFactory(profile_and_email__display_name="Direct Dee"),
        "peer supporter": UserFactory(profile_and_email__display_name="Peer Pat"),
        "backer": UserFactory(profile_and_email__display_name="Backer Bo"),
        "staff": UserFactory(profile_and_email__display_name="Officer Oli"),
        "starter": starter,
        "moderator": ModeratorFactory(),
        "suspended": UserFactory(profile_and_email__display_name="Suspended Sid"),
    }
    for page in (memorial, testimony, thread):
        first = make_comment(page, people["other family"], f"We remember, on {page.title}")
        make_comment(page, people["writer"], "A reply from Wes", parent=first)
        make_comment(page, people["writer"], "Wes, still waiting", state=CommentState.HELD)
        reported = make_comment(page, people["other family"], "A response Rae reported")
        actions.flag(reported, user=people["reporter"], reason=FlagReason.OTHER)
        Follow.objects.create(user=people["follower"], page=page)
    Candle.objects.create(memorial=memorial, user=people["lighter"])
    Follow.objects.create(user=people["borough follower"], borough=thread.borough)
    PeerSupporter.objects.create(user=people["peer supporter"], note="Trained in the spring")
    make_comment(testimony, people["peer supporter"], "Here if you want to talk")
    Profile.objects.filter(user=people["reads directly"]).update(content_notes=ContentNotePreference.SHOW)
    Backing.objects.create(ask=ask, user=people["backer"])
    council = Organisation.objects.create(name="Example Council", slug="example-council", kind="council")
    Organisation.objects.filter(pk=council.pk).update(is_verified=True)
    Membership.objects.create(user=people["staff"], organisation=council)
    SanctionFactory(user=people["suspended"])
    return {
        # The story, testimony and discussion, then the pages that list them.
        "urls": [memorial.url, testimony.url, thread.url, "/", "/stories/", thread.get_parent().url],
        "people": people,
        "memorial": memorial,
        "testimony": testimony,
    }


@pytest.mark.parametrize("warmer", ["reader", "other family", "lighter", "backer"])
def test_every_reader_is_shown_what_a_fresh_render_shows_them_whoever_warmed_the_copy(settings, place, warmer):
    clients = {who: signed_in_client(user) for who, user in place["people"].items()}
    clients["visitor"] = Client()
    for url in place["urls"]:
        page_html(clients[warmer], url)  # stores the copy that member may share
        for who, client in clients.items():
            expected = fresh(settings, client, url)
            assert page_html(client, url)[0] == expected, (url, who)
            assert page_html(client, url)[0] == expected, (url, who)  # and again, from the copy


def test_a_member_with_nothing_on_the_page_is_given_the_copy_without_a_comment_query(place):
    url = place["urls"][0]
    assert page_html(signed_in_client(UserFactory()), url)[1] == "miss"
    second = signed_in_client(UserFactory())
    with CaptureQueriesContext(connection) as captured:
        html, served = page_html(second, url)
    assert served == "hit"
    assert "We remember, on Jordan" in html
    sql = " ".join(query["sql"] for query in captured)
    assert "django_comments_xtd_xtdcomment" not in sql.split("EXISTS")[0]  # only "anything of mine here?"
    # Routing, the session, the member, their permissions and one query for what is theirs: no
    # more than a page of the site with nothing on it (the count of a fresh render is 15 or so).
    assert len(captured) <= 9, "\n".join(query["sql"][:300] for query in captured)


# Who has something of their own on which pages (0 memorial, 1 testimony, 2 discussion; 3-5 are
# the home page, the stories and the borough page, where only moderators have controls).
THEIRS = {
    "family": [0, 1],  # their story: the family's controls
    "starter": [2],  # their discussion
    "writer": [0, 1, 2],  # their responses, one still held
    "reporter": [0, 1, 2],  # "You reported this"
    "moderator": [0, 1, 2, 3, 4, 5],  # moderators' controls
    "peer supporter": [1],  # their response
    "staff": [0, 1, 2, 3, 4, 5],  # may answer for their organisation: organisations renders theirs everywhere
}


@pytest.mark.parametrize("who", THEIRS)
def test_a_page_with_something_of_the_members_own_is_rendered_for_them_and_never_stored(place, who):
    client = signed_in_client(place["people"][who])
    for index, url in enumerate(place["urls"]):
        page_html(client, url)
        served = page_html(client, url)[1]
        assert served is None if index in THEIRS[who] else served == "hit", (who, url, served)


def test_an_approved_response_and_a_lit_candle_show_at_once(place):
    url = place["memorial"].url
    reader = signed_in_client(place["people"]["reader"])
    page_html(reader, url)
    held = make_comment(place["memorial"], UserFactory(), "Held until a moderator looked", state=CommentState.HELD)
    actions.approve(CommentReview.for_comment(held), by=place["people"]["moderator"])
    assert "Held until a moderator looked" in page_html(reader, url)[0]

    before = page_html(reader, url)[0]
    Candle.objects.create(memorial=place["memorial"], user=place["people"]["reader"])
    after = page_html(reader, url)[0]
    assert after != before
    assert "including yours" in after and "Put out my candle" in after


def test_the_copy_carries_each_members_own_token_and_the_response_form_posts(place):
    url = place["memorial"].url
    page_html(signed_in_client(UserFactory()), url)  # warmed by someone else
    member = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.get(url)
    assert response[member_copies.HEADER] == "hit"
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "\x00" not in html
    data = form_data(place["memorial"], text="Sent from a shared copy of the page.")
    for name in ("timestamp", "security_hash"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
    posted = client.post("/comments/post/", {**data, "csrfmiddlewaretoken": token})
    assert posted.status_code == 302, posted.content[:500]


def test_nobody_is_given_a_copy_of_a_page_they_may_not_see(place):
    testimony = place["testimony"]
    insiders = Group.objects.create(name="Insiders")
    restriction = PageViewRestriction.objects.create(page=testimony, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(insiders)
    insider = UserFactory()
    insider.groups.add(insiders)
    assert signed_in_client(insider).get(testimony.url).status_code == 200
    assert signed_in_client(insider).get(testimony.url)[member_copies.HEADER] == "hit"
    outsider = signed_in_client(UserFactory()).get(testimony.url)
    assert outsider.status_code != 200 and member_copies.HEADER not in outsider


def test_a_queued_confirmation_is_shown_on_a_fresh_page(place):
    url = place["memorial"].url
    member = signed_in_client(UserFactory())
    page_html(member, url)
    lit = member.post(reverse("light_candle", args=[place["memorial"].pk]), follow=True)
    assert lit.status_code == 200
    assert lit.get(member_copies.HEADER) is None  # rendered for them, with the confirmation


@pytest.mark.parametrize("index", [3, 4, 5], ids=["home", "stories", "borough"])
def test_the_pages_that_list_stories_and_discussions_are_shared_in_a_few_queries(place, index):
    url = place["urls"][index]
    assert page_html(signed_in_client(UserFactory()), url)[1] == "miss"
    second = signed_in_client(UserFactory())
    with CaptureQueriesContext(connection) as captured:
        html, served = page_html(second, url)
    assert served == "hit"
    assert "Lights on the estate" in html or "Jordan" in html
    assert len(captured) <= 9, "\n".join(query["sql"][:300] for query in captured)


def test_following_a_borough_shows_at_once_on_its_shared_page(place):
    borough_page = place["urls"][5]
    member = UserFactory()
    reader = signed_in_client(member)
    assert "Stop following" not in page_html(reader, borough_page)[0]
    Follow.objects.create(user=member, borough=borough("southwark"))
    html, served = page_html(reader, borough_page)
    assert "Stop following" in html and served == "miss"
