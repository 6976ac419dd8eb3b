"""Who may change what in organisations: every new state-changing URL × every role, as tests/security does.

Organisation staff answer only for their own organisation, never see held answers, and cannot
touch residents' words; the lead or a moderator removes staff; moderators verify, invite and decide.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from boroughs.models import Borough
from organisations import actions
from organisations.models import Answer, Backing, Invitation, Membership, Organisation, Status
from tests.factories import FamilyFactory, ModeratorFactory, TestimonyPageFactory, UserFactory
from tests.permission_matrix import ADMIN_LOGIN, LOGIN, OK, Action, check_action, signed_in_clients

from .helpers import ask, organisation, staff_of

ROLES = [
    "visitor", "resident", "other_resident", "family", "other_family", "moderator", "suspended",
    "org_staff", "org_lead", "other_org_staff",
]  # fmt: skip


@dataclass
class World:
    users: dict
    council: Organisation
    other: Organisation
    ask: object
    held: Answer
    unverified: Organisation
    testimony: object = None  # the family's published testimony
    testimony_ask: object = None  # the family asked the other organisation to answer it

    def client(self, role, **kwargs):
        client = Client(**kwargs)
        if self.users.get(role):
            client.force_login(self.users[role])
        return client


def _backings(w, role):
    return list(Backing.objects.values_list("pk", "user_id"))


def _answers(w, role):
    return list(Answer.objects.values_list("pk", "organisation_id", "state", "status", "body"))


def _memberships(w, role):
    return list(Membership.objects.values_list("pk", "user_id", "organisation_id", "is_lead"))


def _organisations(w, role):
    return list(Organisation.objects.values_list("pk", "name", "is_verified", "is_trusted"))


def _invitations(w, role):
    return list(Invitation.objects.values_list("pk", "organisation_id"))


def _revisions(w, role):
    return Revision.objects.count()


def _removable(w):
    """The council's next non-lead extra member, so each allowed role has someone left to remove."""
    membership = Membership.objects.filter(organisation=w.council, user__email__startswith="extra").order_by("pk")
    return reverse("organisation_remove_staff", args=[w.council.slug, membership.first().pk])


SIGNED_OUT = {"visitor": LOGIN, "suspended": LOGIN}
EVERY_SIGNED_IN = {role: OK for role in ROLES if role not in SIGNED_OUT}
ADMIN_ONLY = dict.fromkeys(ROLES, ADMIN_LOGIN) | {"moderator": OK}

ACTIONS = [
    Action(
        "back an ask",
        url=lambda w: reverse("back_ask", args=[w.ask.pk]),
        state=_backings,
        expected={**SIGNED_OUT, **EVERY_SIGNED_IN},
    ),
    Action(
        "answer an ask for my organisation",
        url=lambda w: reverse("answer_ask", args=[w.ask.pk]),
        data=lambda w: {"organisation": w.council.pk, "status": Status.HEARD, "body": "We have heard you."},
        state=_answers,
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 403), "org_staff": OK, "org_lead": OK},
    ),
    Action(
        "answer an ask as another organisation",
        url=lambda w: reverse("answer_ask", args=[w.ask.pk]),
        data=lambda w: {"organisation": w.other.pk, "status": Status.MADE, "body": "Pretending."},
        state=_answers,
        # The council's own staff get the form back (kindly refused); the other organisation is not invited here.
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 403), "org_staff": 200, "org_lead": 200},
    ),
    Action(
        "ask an organisation to answer a testimony (the family's own)",
        url=lambda w: reverse("ask_about_testimony", args=[w.testimony.pk]),
        data=lambda w: {"organisation": w.council.pk, "consent": "on"},
        state=_invitations,
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 404), "family": OK},
    ),
    Action(
        "answer a testimony the family asked another organisation about",
        url=lambda w: reverse("answer_ask", args=[w.testimony_ask.pk]),
        data=lambda w: {"organisation": w.other.pk, "status": Status.HEARD, "body": "We hear you."},
        state=_answers,
        # Only the organisation the family named: the council covers no right to answer a family's words.
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 403), "other_org_staff": OK},
    ),
    Action(
        "remove a staff member",
        url=_removable,
        state=_memberships,
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 404), "org_lead": OK, "moderator": OK},
    ),
    Action(
        "edit a resident's discussion",
        url=lambda w: reverse("edit_thread", args=[w.ask.thread_id]),
        data=lambda w: {"title": "Changed by someone", "body": "Other words."},
        state=_revisions,
        expected={**SIGNED_OUT, **dict.fromkeys(EVERY_SIGNED_IN, 404), "resident": OK},
    ),
    Action(
        "verify an organisation (admin)",
        url=lambda w: reverse("organisations_verify", args=[w.unverified.pk]),
        state=_organisations,
        expected=ADMIN_ONLY,
    ),
    Action(
        "add an organisation (admin)",
        url=lambda w: reverse("organisations:add"),
        data=lambda w: {
            "name": "Eastgate Youth Service",
            "slug": "eastgate-youth-service",
            "kind": "youth",
            "boroughs": [Borough.objects.get(slug="lambeth").pk],
            "website": "https://example.org/",
        },
        state=_organisations,
        expected=ADMIN_ONLY,
    ),
    Action(
        "add a staff member (admin)",
        url=lambda w: reverse("organisation_staff:add"),
        data=lambda w: {"user": w.users["resident"].pk, "organisation": w.council.pk},
        state=_memberships,
        expected=ADMIN_ONLY,
    ),
    Action(
        "invite organisations to an ask (admin)",
        url=lambda w: reverse("organisations_invite", args=[w.ask.pk]),
        data=lambda w: {"organisations": [w.other.pk]},
        state=_invitations,
        expected=ADMIN_ONLY,
    ),
    Action(
        "publish a held answer (admin)",
        url=lambda w: reverse("organisations_decide", args=[w.held.pk]),
        data=lambda w: {"decision": "publish"},
        state=_answers,
        expected=ADMIN_ONLY,
    ),
]


@pytest.fixture
def world(tree):
    council = organisation()
    other = organisation("Riverside Youth Trust", boroughs=("hackney",), kind="charity")
    users = {
        "visitor": None,
        "resident": UserFactory(),
        "other_resident": UserFactory(),
        "family": FamilyFactory(),
        "other_family": FamilyFactory(),
        "moderator": ModeratorFactory(),
        "suspended": UserFactory(),
        "org_staff": staff_of(council),
        "org_lead": staff_of(council, is_lead=True),
        "other_org_staff": staff_of(other),
    }
    for n in range(3):
        staff_of(council, email=f"extra{n}@example.org")
    the_ask = ask(owner=users["resident"])
    held = actions.give_answer(the_ask, council, author=users["org_staff"], status=Status.LOOKING, body="Held words.")
    unverified = organisation("Unchecked Service", verified=False, kind="nhs")
    testimony = TestimonyPageFactory(owner=users["family"], title="What we were never offered")
    actions.ask_about_testimony(testimony, other, by=users["family"])
    return World(
        users=users,
        council=council,
        other=other,
        ask=the_ask,
        held=held,
        unverified=unverified,
        testimony=testimony,
        testimony_ask=testimony.ask,
    )


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix(world, action):
    check_action(world, ROLES, action)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_but_moderators_sees_a_held_answer(world, role):
    clients = signed_in_clients(world, ROLES)
    page = clients[role].get(world.ask.thread.url).content.decode()
    assert "Held words." not in page
    assert "Held words." not in clients[role].get(world.council.get_absolute_url()).content.decode()
    queue = clients[role].get(reverse("organisations_answers"))
    assert ("Held words." in queue.content.decode()) == (role == "moderator")
