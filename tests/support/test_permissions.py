"""Who may list, add, change and delete youth programmes and bleed kits in the Wagtail admin
(support/wagtail_hooks.py): every admin view × every role, through the shared harness
(tests/permission_matrix.py). Only moderators may; everyone else is sent to the admin's sign-in
and nothing changes. Where production asks for the second factor, a moderator who signed in with a
password only is sent to it first and changes nothing (as in tests/security/test_second_factor.py).
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from support.models import BleedKit, SupportCategory, SupportService
from tests.circle.helpers import people
from tests.factories import borough
from tests.permission_matrix import ADMIN_LOGIN, OK, Action, check_action, outcome, signed_in_clients
from tests.security.test_second_factor import signed_in

from .helpers import make_service
from .test_youth_and_kits import make_kit

ROLES = ["visitor", "resident", "family", "other_family", "peer_supporter", "moderator", "suspended"]
MODERATORS_ONLY = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": OK}


@dataclass
class World:
    users: dict
    programme: SupportService
    kit: BleedKit

    def client(self, role, **kwargs):
        client = Client(**kwargs)
        if self.users.get(role):
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(tree):
    programme = make_service("Demo Boxing Club", categories=("youth",), for_young_people=True, age_from=12, age_to=18)
    return World(users=people(), programme=programme, kit=make_kit())


def _programme_data(world, name="Demo Youth Club"):
    return {
        "name": name,
        "summary": "Boxing and mentoring on weekday evenings.",
        "categories": [SupportCategory.objects.get(slug="youth").pk],
        "position": "100",
        "for_young_people": "on",
        "age_from": "11",
        "age_to": "17",
        "referral_self": "on",
        "schools_and_clubs": "",
        "sessions_cost": "free",
    }


def _kit_data(world, venue="Demo Gym"):
    return {
        "venue": venue,
        "venue_kind": "gym",
        "street_address": "2 Demo Street",
        "borough": borough("lambeth").pk,
        "where_in_venue": "Front desk",
        "access_hours": "6am–10pm",
        "guardian_name": "A Guardian",
        "guardian_email": "guardian@example.org",
        "last_checked": "2026-11-01",
        "in_memory_of": "",
    }


def _programmes(world, role):
    return list(SupportService.objects.order_by("pk").values_list("pk", "name", "for_young_people", "age_from"))


def _kits(world, role):
    return list(BleedKit.objects.order_by("pk").values_list("pk", "venue", "borough_id", "last_checked"))


def _snippet(model, view, *args):
    return lambda world: reverse(f"wagtailsnippets_support_{model}:{view}", args=[a(world) for a in args])


def _programme_pk(world):
    return world.programme.pk


def _kit_pk(world):
    return world.kit.pk


ACTIONS = [
    Action(
        "add a youth programme",
        url=_snippet("supportservice", "add"),
        data=_programme_data,
        state=_programmes,
        expected=MODERATORS_ONLY,
    ),
    Action(
        "change a youth programme",
        url=_snippet("supportservice", "edit", _programme_pk),
        data=lambda w: _programme_data(w, name="Demo Boxing Club, renamed"),
        state=_programmes,
        expected=MODERATORS_ONLY,
    ),
    Action(
        "delete a youth programme",
        url=_snippet("supportservice", "delete", _programme_pk),
        state=_programmes,
        expected=MODERATORS_ONLY,
    ),
    Action("add a bleed kit", url=_snippet("bleedkit", "add"), data=_kit_data, state=_kits, expected=MODERATORS_ONLY),
    Action(
        "change a bleed kit",
        url=_snippet("bleedkit", "edit", _kit_pk),
        data=lambda w: _kit_data(w, venue="Demo Gym, upstairs"),
        state=_kits,
        expected=MODERATORS_ONLY,
    ),
    Action(
        "delete a bleed kit",
        url=_snippet("bleedkit", "delete", _kit_pk),
        state=_kits,
        expected=MODERATORS_ONLY,
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_permission_matrix(world, action):
    check_action(world, ROLES, action)


ADMIN_PAGES = [
    ("the youth programmes and services", _snippet("supportservice", "list")),
    ("a youth programme's form", _snippet("supportservice", "edit", _programme_pk)),
    ("the bleed kits, with their guardians", _snippet("bleedkit", "list")),
    ("a bleed kit's form", _snippet("bleedkit", "edit", _kit_pk)),
]


@pytest.mark.parametrize(("name", "url"), ADMIN_PAGES, ids=[p[0] for p in ADMIN_PAGES])
def test_only_moderators_read_the_lists_and_forms(world, name, url):
    clients = signed_in_clients(world, ROLES)
    clients["visitor"] = Client()
    wrong = []
    for role in ROLES:
        response = clients[role].get(url(world))
        got = outcome(response, changed=False)
        want = 200 if role == "moderator" else ADMIN_LOGIN
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
        if role != "moderator" and "guardian@example.org" in response.content.decode():
            wrong.append(f"{role}: refused, but saw a guardian's e-mail address")
    assert not wrong, f"{name}:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("second_factor", [False, True], ids=["password only", "both factors"])
@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_a_moderator_needs_the_second_factor_where_production_asks_for_it(world, action, second_factor, settings):
    settings.WAGTAILADMIN_REQUIRE_MFA = True
    client = signed_in(world.users["moderator"], second_factor=second_factor)
    before = action.state(world, "moderator")
    response = client.post(action.url(world), action.data(world))
    after = action.state(world, "moderator")
    if second_factor:
        assert response.status_code == 302 and before != after, action.name
    else:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/"), action.name
        assert before == after, f"{action.name}: refused, but the database changed"
