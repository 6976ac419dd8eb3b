"""Who may change what in gatherings: every new state-changing URL × every role.

Follows tests/security/test_permissions.py: each row says how to call the URL, what it may
change and, per role, what must happen. A refused call leaves that state exactly as it was; GET
changes nothing; a POST without a CSRF token is refused. "peer_supporter" is a resident until
that role exists. "suspended" signed in, then was suspended (the open session must stop working).
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision, WorkflowState

from core.workflow import submit_for_review
from gatherings.models import FAMILIES, Attendance, GatheringPage
from tests.factories import FamilyFactory, ModeratorFactory, UserFactory
from tests.permission_matrix import ADMIN_LOGIN, LOGIN, OK, Action, check_action

from .helpers import make_gathering, propose_data

ROLES = [
    "visitor",
    "resident",
    "other_resident",
    "family",
    "other_family",
    "peer_supporter",
    "moderator",
    "suspended",
]


@dataclass
class World:
    users: dict
    open_gathering: GatheringPage  # everyone welcome, organised by "family"
    families_only: GatheringPage
    past: GatheringPage  # happened last week, organised by "family"
    proposed: GatheringPage  # waiting for a moderator

    def client(self, role, **kwargs):
        client = Client(**kwargs)
        if self.users.get(role):
            client.force_login(self.users[role])
        return client


def _gatherings(world, role):
    return list(GatheringPage.objects.values_list("pk", "live", "title"))


def _attendance(gathering_attr):
    def state(world, role):
        gathering = getattr(world, gathering_attr)
        return list(Attendance.objects.filter(gathering=gathering).order_by("pk").values_list("user_id", "status"))

    return state


def _details(world, role):
    return list(
        GatheringPage.objects.filter(pk=world.open_gathering.pk).values_list(
            "starts_at", "capacity", "address", "cancelled_at", "sequence"
        )
    )


def _revisions(world, role):
    return Revision.objects.filter(object_id=str(world.past.pk)).count()


def _workflow(world, role):
    return list(WorkflowState.objects.values_list("pk", "status"))


def _change_data(world):
    g = world.open_gathering
    return {
        "starts_on": g.london_start.date().isoformat(),
        "starts_time": g.london_start.strftime("%H:%M"),
        "ends_on": g.london_end.date().isoformat(),
        "ends_time": g.london_end.strftime("%H:%M"),
        "capacity": "25",
        "address": g.address,
    }


def _task_action(action):
    def url(world):
        task_state = world.proposed.current_workflow_state.current_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=[world.proposed.pk, action, task_state.pk])

    return url


SIGNED_OUT = {"visitor": LOGIN, "suspended": LOGIN}
SIGNED_IN = {role: OK for role in ROLES if role not in SIGNED_OUT}
ORGANISER_ONLY = dict.fromkeys(SIGNED_IN, 404) | SIGNED_OUT | {"family": OK, "moderator": OK}
ADMIN_ONLY = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": OK}

ACTIONS = [
    Action(
        "propose a gathering",
        url=lambda w: reverse("gathering_propose", args=["southwark"]),
        data=lambda w: propose_data(),
        state=_gatherings,
        expected=dict.fromkeys(SIGNED_IN, 403) | SIGNED_OUT | {"family": OK, "other_family": OK, "moderator": OK},
    ),
    Action(
        "take a place",
        url=lambda w: reverse("gathering_rsvp", args=[w.open_gathering.pk]),
        state=_attendance("open_gathering"),
        expected=SIGNED_IN | SIGNED_OUT,
    ),
    Action(
        "take a place at a families-only gathering",
        url=lambda w: reverse("gathering_rsvp", args=[w.families_only.pk]),
        state=_attendance("families_only"),
        expected=dict.fromkeys(SIGNED_IN, 403) | SIGNED_OUT | {"family": OK, "other_family": OK, "moderator": OK},
    ),
    Action(
        "take a place at a gathering still waiting for a moderator",
        url=lambda w: reverse("gathering_rsvp", args=[w.proposed.pk]),
        state=_attendance("proposed"),
        expected=dict.fromkeys(SIGNED_IN, 404) | SIGNED_OUT,
    ),
    Action(
        "give up a place",
        url=lambda w: reverse("gathering_leave", args=[w.open_gathering.pk]),
        state=_attendance("open_gathering"),
        expected=SIGNED_IN | SIGNED_OUT,
    ),
    Action(
        "change a gathering (organiser)",
        url=lambda w: reverse("gathering_manage", args=[w.open_gathering.pk]),
        data=_change_data,
        state=_details,
        expected=ORGANISER_ONLY,
    ),
    Action(
        "cancel a gathering (organiser)",
        url=lambda w: reverse("gathering_cancel", args=[w.open_gathering.pk]),
        state=_details,
        expected=ORGANISER_ONLY,
    ),
    Action(
        "write how it went (organiser)",
        url=lambda w: reverse("gathering_afterwards", args=[w.past.pk]),
        data=lambda w: {"account_afterwards": "Thirty of us came. We lit candles."},
        state=_revisions,
        expected=ORGANISER_ONLY,
    ),
    Action(
        "approve a gathering (workflow task)",
        url=_task_action("approve"),
        state=_workflow,
        expected=ADMIN_ONLY,
    ),
    Action(
        "send a gathering back with changes (workflow task)",
        url=_task_action("reject"),
        data=lambda w: {"comment": "Please say who it is for."},
        state=_workflow,
        expected=ADMIN_ONLY,
    ),
]


@pytest.fixture
def world(tree):
    users = {
        "visitor": None,
        "resident": UserFactory(),
        "other_resident": UserFactory(),
        "family": FamilyFactory(),
        "other_family": FamilyFactory(),
        "peer_supporter": UserFactory(),
        "moderator": ModeratorFactory(),
        "suspended": FamilyFactory(),
    }
    family = users["family"]
    open_gathering = make_gathering(family, capacity=50)
    for role, user in users.items():
        if user and role != "suspended":  # everyone holds a place, so "give up a place" has one to give up
            Attendance.objects.create(gathering=open_gathering, user=user, status="confirmed")
    # ...except for "take a place", which needs them not to: its row leaves first and comes back.
    proposed = make_gathering(family, live=False, title="Waiting for a moderator")
    submit_for_review(proposed, family)
    return World(
        users=users,
        open_gathering=open_gathering,
        families_only=make_gathering(family, audience=FAMILIES, capacity=50),
        past=make_gathering(family, days=-7),
        proposed=proposed,
    )


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix(world, action):
    if action.name == "take a place":
        Attendance.objects.filter(gathering=world.open_gathering).delete()
    put_back = None
    if action.name in ("change a gathering (organiser)", "cancel a gathering (organiser)"):

        def put_back(role):  # so the next allowed role changes or cancels it too
            GatheringPage.objects.filter(pk=world.open_gathering.pk).update(capacity=50, cancelled_at=None, sequence=0)

    check_action(world, ROLES, action, after_allowed=put_back)


def test_a_verified_organisation_is_a_group_holding_the_propose_permission(tree):
    """The hook for organisations: any group given `gatherings.propose_gathering` may propose."""
    organisation = UserFactory()
    client = Client()
    client.force_login(organisation)
    url = reverse("gathering_propose", args=["southwark"])
    assert client.post(url, propose_data()).status_code == 403
    group = Group.objects.create(name="Verified organisations (test)")
    group.permissions.add(Permission.objects.get(codename="propose_gathering"))
    organisation.groups.add(group)
    organisation = type(organisation).objects.get(pk=organisation.pk)  # permissions are read afresh
    client.force_login(organisation)
    assert client.post(url, propose_data()).status_code == 302
    gathering = GatheringPage.objects.get(owner=organisation)
    assert not gathering.live and gathering.current_workflow_state.status == "in_progress"
