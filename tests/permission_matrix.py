"""The permission-matrix harness every app's tests/<app>/test_permissions.py uses.

A row says how to call one state-changing URL, how to read the state it changes and, per role,
what must happen. `check_row` proves three things for the row: a GET changes nothing, a POST
without a CSRF token is refused and changes nothing, and each role's POST gets its outcome (a
refused call leaves the state exactly as it was; an allowed one changes it).

Outcomes: OK (allowed, state changes), LOGIN (sent to sign in), ADMIN_LOGIN (sent to the
admin's sign-in), or a status code (403, 404, 405) with the state unchanged.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK, LOGIN, ADMIN_LOGIN = "ok", "login", "admin-login"


@dataclass
class Action:
    name: str
    url: Callable  # (world) -> str
    state: Callable  # (world, role) -> what the call may change (for this actor)
    expected: dict  # role -> outcome
    data: Callable = field(default=lambda world: {})


def signed_in_clients(world, roles):
    """Every role's client, signed in; "suspended" signed in and then was suspended (the open
    session must stop working)."""
    clients = {role: world.client(role) for role in roles}
    suspended = world.users["suspended"]
    type(suspended).objects.filter(pk=suspended.pk).update(is_active=False)
    return clients


def outcome(response, changed):
    status = response.status_code
    location = response.get("Location", "")
    if status == 302 and location.startswith("/accounts/login/"):
        return LOGIN
    if status == 302 and location.startswith("/admin/login/"):
        return ADMIN_LOGIN
    if status in (200, 302) and changed:
        return OK
    return status


def check_row(world, roles, name, expected, *, url, state, data, before_allowed=None, after_allowed=None):
    """One row of a matrix. `url(role)`, `state(role)` and `data()` read the world; `url` is asked
    first (a row's item may be made on first use). `before_allowed(role)` runs before an allowed
    role's POST, `after_allowed(role)` after one that changed the state (to give the next allowed
    role something to change)."""
    assert set(expected) == set(roles), f"{name}: say what happens for every role"
    clients = signed_in_clients(world, roles)
    wrong = []

    for role in roles:
        address = url(role)
        before = state(role)
        clients[role].get(address, data())
        if state(role) != before:
            wrong.append(f"{role}: GET changed the database")

    for role in [role for role in roles if expected[role] == OK]:
        address = url(role)
        before = state(role)
        response = world.client(role, enforce_csrf_checks=True).post(address, data())
        if response.status_code != 403 or state(role) != before:
            wrong.append(f"{role}: POST without a CSRF token was not refused ({response.status_code})")

    # Refused roles first, allowed last: each refusal is checked against an untouched world.
    for role in sorted(roles, key=lambda role: expected[role] == OK):
        if before_allowed and expected[role] == OK:
            before_allowed(role)
        address = url(role)
        before = state(role)
        response = clients[role].post(address, data())
        after = state(role)
        got, want = outcome(response, before != after), expected[role]
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got} ({response.status_code} {response.get('Location', '')})")
        if want != OK and before != after:
            wrong.append(f"{role}: refused, but the database changed")
        if after_allowed and got == OK:
            after_allowed(role)
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


def check_action(world, roles, action, **hooks):
    """A row written as an `Action` (url and data from the world, state per role)."""
    check_row(
        world,
        roles,
        action.name,
        action.expected,
        url=lambda role: action.url(world),
        state=lambda role: action.state(world, role),
        data=lambda: action.data(world),
        **hooks,
    )
