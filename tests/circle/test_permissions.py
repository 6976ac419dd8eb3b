"""Who may see and change what in the families' circle: every new URL × every role.

Reading: each page, per role, and a refusal shows none of the circle's content. Changing: the rows
go through the shared harness (tests/permission_matrix.py), as tests/gatherings' do: a refused call
leaves that state exactly as it was; GET changes nothing; a POST without a CSRF token is refused.
"suspended" is a family whose account is paused (an active suspension) and whose open session then
stops working (the harness deactivates it); "peer_supporter" holds only that role.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from circle.models import Discussion, FamilyListing, PeerSupporter, Reply, Status, TalkRequest
from tests.permission_matrix import ADMIN_LOGIN, OK, Action, check_action

from .helpers import SECRET_BODY, SECRET_TITLE, discussion, listing, people, talk_request

ROLES = ["visitor", "resident", "family", "other_family", "peer_supporter", "moderator", "suspended"]


@dataclass
class World:
    users: dict
    published: Discussion  # by "family"
    waiting: Discussion  # by "family", not yet read by a moderator
    family_listing: FamilyListing  # "family" chose to be found
    for_family: TalkRequest  # from "other_family" to "family", waiting for an answer
    with_moderator: TalkRequest
    held_reply: Reply

    def client(self, role, **kwargs):
        client = Client(**kwargs)
        if self.users.get(role):
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(tree):
    users = people()
    family, other = users["family"], users["other_family"]
    published = discussion(family)
    return World(
        users=users,
        published=published,
        waiting=discussion(family, title="Waiting words", status=Status.WAITING),
        family_listing=listing(family),
        for_family=talk_request(other, family),
        with_moderator=talk_request(family, other, status=TalkRequest.WITH_MODERATOR, route="moderator"),
        held_reply=Reply.objects.create(discussion=published, author=other, body="Held words", status=Status.WAITING),
    )


# Who may read ------------------------------------------------------------------------------------

CIRCLE = {"visitor": 403, "resident": 403, "suspended": 403} | dict.fromkeys(
    ["family", "other_family", "peer_supporter", "moderator"], 200
)
FAMILIES = dict.fromkeys(ROLES, 403) | {"family": 200, "other_family": 200}

PAGES = [
    ("the circle", lambda w: reverse("circle_home"), CIRCLE),
    ("start a discussion", lambda w: reverse("circle_start"), CIRCLE),
    ("a discussion", lambda w: reverse("circle_discussion", args=[w.published.pk]), CIRCLE),
    (
        "a discussion still waiting (its author only)",
        lambda w: reverse("circle_discussion", args=[w.waiting.pk]),
        CIRCLE | {"other_family": 404, "peer_supporter": 404, "moderator": 404},
    ),
    ("whether families can find you", lambda w: reverse("circle_findable"), FAMILIES),
    ("the directory", lambda w: reverse("circle_directory"), FAMILIES),
    (
        "ask a family to talk",
        lambda w: reverse("circle_ask", args=[w.family_listing.pk]),
        FAMILIES,
    ),
    ("requests to talk", lambda w: reverse("circle_requests"), FAMILIES),
]


@pytest.mark.parametrize(("name", "url", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_who_may_read(world, name, url, expected):
    assert set(expected) == set(ROLES)
    wrong = []
    for role in ROLES:
        response = world.client(role).get(url(world))
        if response.status_code != expected[role]:
            wrong.append(f"{role}: expected {expected[role]}, got {response.status_code}")
        html = response.content.decode()
        if response.status_code != 200 and (SECRET_TITLE in html or SECRET_BODY in html or "Family Fola" in html):
            wrong.append(f"{role}: refused, but the page showed what is inside")
        cache_control = response.get("Cache-Control", "")
        if not ("private" in cache_control and "no-store" in cache_control):
            wrong.append(f"{role}: Cache-Control was {cache_control!r}")
    assert not wrong, f"{name}:\n  " + "\n  ".join(wrong)


def test_the_refusals_are_kind_and_say_why(world):
    visitor = world.client("visitor").get(reverse("circle_home")).content.decode()
    assert "Sign in" in visitor and "family role" in visitor
    resident = world.client("resident").get(reverse("circle_home")).content.decode()
    assert "ask for the family role" in resident
    paused = world.client("suspended").get(reverse("circle_home")).content.decode()
    assert "Your account is paused" in paused
    peer = world.client("peer_supporter").get(reverse("circle_directory")).content.decode()
    assert "for members with the family role" in peer


# Who may change what -----------------------------------------------------------------------------


def _discussions(world, role):
    return list(Discussion.objects.order_by("pk").values_list("pk", "status", "title"))


def _replies(world, role):
    return list(Reply.objects.order_by("pk").values_list("pk", "status", "author_id"))


def _listings(world, role):
    return list(FamilyListing.objects.order_by("pk").values_list("user_id", "findable", "borough_id", "loss"))


def _supporters(world, role):
    return list(PeerSupporter.objects.order_by("pk").values_list("user_id", "note"))


def _requests(world, role):
    return list(TalkRequest.objects.order_by("pk").values_list("pk", "sender_id", "status", "recipient_contact"))


CIRCLE_POST = {"visitor": 403, "resident": 403, "suspended": 403} | dict.fromkeys(
    ["family", "other_family", "peer_supporter", "moderator"], OK
)
FAMILIES_POST = dict.fromkeys(ROLES, 403) | {"family": OK, "other_family": OK}
RECIPIENT_ONLY = FAMILIES_POST | {"other_family": 404}
ADMIN_ONLY = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": OK}

ACTIONS = [
    Action(
        "start a discussion",
        url=lambda w: reverse("circle_start"),
        data=lambda w: {"title": "Anniversaries", "body": "How do you spend the day?"},
        state=_discussions,
        expected=CIRCLE_POST,
    ),
    Action(
        "reply in a discussion",
        url=lambda w: reverse("circle_reply", args=[w.published.pk]),
        data=lambda w: {"body": "Thinking of you."},
        state=_replies,
        expected=CIRCLE_POST,
    ),
    Action(
        "reply in a discussion still waiting",
        url=lambda w: reverse("circle_reply", args=[w.waiting.pk]),
        data=lambda w: {"body": "Thinking of you."},
        state=_replies,
        expected=CIRCLE_POST | {role: 404 for role, want in CIRCLE_POST.items() if want == OK},
    ),
    Action(
        "choose to be findable",
        url=lambda w: reverse("circle_findable"),
        data=lambda w: {"findable": "on", "loss": "gun"},
        state=_listings,
        expected=FAMILIES_POST,
    ),
    Action(
        "ask a family to talk",
        url=lambda w: reverse("circle_ask", args=[w.family_listing.pk]),
        data=lambda w: {"message": "Hello, could we talk?", "route": "direct", "contact": "me@example.org"},
        state=_requests,
        # "family" is asking themselves; "other_family" has asked already (both 409, nothing sent).
        expected=FAMILIES_POST | {"family": 409, "other_family": 409},
    ),
    Action(
        "accept a request",
        url=lambda w: reverse("circle_accept", args=[w.for_family.pk]),
        data=lambda w: {"contact": "fola@example.org"},
        state=_requests,
        expected=RECIPIENT_ONLY,
    ),
    Action(
        "decline a request",
        url=lambda w: reverse("circle_decline", args=[w.for_family.pk]),
        state=_requests,
        expected=RECIPIENT_ONLY,
    ),
    Action(
        "moderator publishes a discussion",
        url=lambda w: reverse("circle_decide_discussion", args=[w.waiting.pk]),
        data=lambda w: {"decision": "yes"},
        state=_discussions,
        expected=ADMIN_ONLY,
    ),
    Action(
        "moderator publishes a reply",
        url=lambda w: reverse("circle_decide_reply", args=[w.held_reply.pk]),
        data=lambda w: {"decision": "yes"},
        state=_replies,
        expected=ADMIN_ONLY,
    ),
    Action(
        "moderator passes a request on",
        url=lambda w: reverse("circle_decide_request", args=[w.with_moderator.pk]),
        data=lambda w: {"decision": "yes"},
        state=_requests,
        expected=ADMIN_ONLY,
    ),
    Action(
        "moderator grants the peer supporter role",
        url=lambda w: reverse("peer-supporters:add"),
        data=lambda w: {"email": w.users["resident"].email, "note": "Trained"},
        state=_supporters,
        expected=ADMIN_ONLY,
    ),
    Action(
        "moderator removes the peer supporter role",
        url=lambda w: reverse("peer-supporters:delete", args=[w.users["peer_supporter"].peer_supporter.pk]),
        state=_supporters,
        expected=ADMIN_ONLY,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix(world, action, settings):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = settings.COMMENT_RATE_LIMIT_PER_DAY = 1000
    check_action(world, ROLES, action)
