"""Who may use safety's state-changing URLs: every URL × the seven roles of the main matrix.

The world and the roles are tests/security/test_permissions.py's. A refused call leaves the state
exactly as it was; an allowed one changes it. Reporting, appealing (whoever holds the signed link)
and complaining are open to everyone, signed in or not (a suspended member's session has ended, so
they act as a visitor); nobody reports their own words; only moderators decide.
"""

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.urls import reverse

from moderation.models import Sanction
from safety import appeals, reports, targets
from safety.models import Appeal, AppealKind, Complaint, Report
from tests.factories import SanctionFactory
from tests.permission_matrix import ADMIN_LOGIN, OK, check_row
from tests.security.test_permissions import ROLES, world  # noqa: F401

ADMIN_ONLY = {role: ADMIN_LOGIN for role in ROLES if role != "moderator"} | {"moderator": OK}
EVERYONE = dict.fromkeys(ROLES, OK)


@dataclass
class Row:
    name: str
    url: object  # (world, role) -> str
    state: object  # (world) -> object
    expected: dict
    data: object = field(default=lambda w: {})


def _report(target_of):
    return lambda w, role: reverse("safety_report", args=[targets.type_key(target_of(w)), target_of(w).pk])


def _reports(w):
    return list(Report.objects.values_list("pk", "decided_at", "outcome"))


def _appeals(w):
    return list(Appeal.objects.values_list("pk", "decided_at", "outcome"))


def _sanction_for(w, role):
    # Each role holds the link to a decision of its own: one appeal per decision.
    if not hasattr(w, "sanctions"):
        w.sanctions = {r: SanctionFactory(reason=f"Sanction for {r}") for r in ROLES}
    return w.sanctions[role]


def _open_report(w):
    if not hasattr(w, "open_report"):
        w.open_report = reports.file_report(
            targets.resolve("stories.memorialpage", w.memorial.pk), category="spam", detail=""
        )
    return w.open_report


def _open_appeal(w):
    if not hasattr(w, "open_appeal"):
        sanction = SanctionFactory(reason="To appeal")
        w.open_appeal = appeals.file_appeal(appeals.decision_for(AppealKind.SANCTION, sanction.pk), reason="Please")
    return w.open_appeal


ROWS = [
    Row(
        "report a memorial",
        _report(lambda w: w.memorial),
        _reports,
        {**EVERYONE, "family_owner": 200},  # their own memorial: nothing to report
        lambda w: {"category": "spam", "detail": "Looks like an advert."},
    ),
    Row(
        "report a response",
        _report(lambda w: w.comment),
        _reports,
        {**EVERYONE, "other_resident": 200},  # they wrote it
        lambda w: {"category": "harassment"},
    ),
    Row(
        "report a discussion",
        _report(lambda w: w.thread),
        _reports,
        {**EVERYONE, "resident": 200},
        lambda w: {"category": "hate"},
    ),
    Row(
        "report a member's name",
        _report(lambda w: w.users["other_resident"]),
        _reports,
        {**EVERYONE, "other_resident": 200},
        lambda w: {"category": "other"},
    ),
    Row(
        "appeal by signed link",
        lambda w, role: appeals.appeal_path(AppealKind.SANCTION, _sanction_for(w, role).pk),
        _appeals,
        EVERYONE,
        lambda w: {"reason": "I was quoting the news."},
    ),
    Row(
        "complain about the service",
        lambda w, role: reverse("safety_complaint"),
        lambda w: Complaint.objects.count(),
        EVERYONE,
        lambda w: {"about": "Too slow."},
    ),
    Row(
        "decide a report",
        lambda w, role: reverse("safety_decide_report", args=[_open_report(w).pk]),
        _reports,
        ADMIN_ONLY,
        lambda w: {"outcome": "no_action", "note": "It can stay."},
    ),
    Row(
        "decide an appeal",
        lambda w, role: reverse("safety_decide_appeal", args=[_open_appeal(w).pk]),
        lambda w: (_appeals(w), list(Sanction.objects.values_list("pk", "lifted_at"))),
        ADMIN_ONLY,
        lambda w: {"outcome": "overturned", "reason": "Agreed."},
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_permission_matrix(world, row):  # noqa: F811 (the shared fixture)
    cache.clear()  # rate limits: each row starts with none used

    def fresh_item(role):  # deciding is once: give each allowed role a fresh item
        if row.name.startswith("decide"):
            for attr in ("open_report", "open_appeal"):
                world.__dict__.pop(attr, None)

    check_row(
        world,
        ROLES,
        row.name,
        row.expected,
        url=lambda role: row.url(world, role),
        state=lambda role: row.state(world),
        data=lambda: row.data(world),
        before_allowed=fresh_item,
    )
