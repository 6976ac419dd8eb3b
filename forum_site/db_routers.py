"""Listing and search reads on a read replica; everything a member wrote, and what they read next, on the primary.

With `DATABASE_REPLICA_URL` set, settings add a `replica` alias (docs/scaling.md). Without it the
router answers `default` to everything, so one database behaves exactly as before.

`ReadRoutingMiddleware` decides once per request whether its reads may use the replica, and the
router applies that to each query. A request reads the replica only when all hold:
- it is a GET or HEAD of a listing or of search (`REPLICA_PATHS`); stories, discussions (where a
  member's response and every moderation decision must show at once), the admin, moderation,
  "Your ..." pages and sign-in read the primary;
- this browser has not written in the last `REPLICA_STICKY_SECONDS` (the cookie `STICKY_COOKIE`,
  set after any request that wrote: "read your writes" wherever the balancer sends it next);
- nothing in the request has written yet: the first write (or `select_for_update`, or an open
  transaction on the primary) sends every later read of that request to the primary.
Writes and migrations only ever go to `default`.
"""

import contextvars
import re

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
STICKY_COOKIE = "ll_primary"
REPLICA_PATHS = [
    re.compile(pattern)
    for pattern in (
        r"^/$",  # home
        r"^/search/$",
        r"^/stories/$",
        r"^/boroughs/$",
        r"^/boroughs/[\w-]+/$",  # a borough page: its lists of discussions, stories and support
        r"^/(stories|boroughs)/([\w-]+/)?(discussions/)?feed/(atom/)?$",
        r"^/sitemap\.xml$",
    )
]
SAFE_METHODS = {"GET", "HEAD"}


class _Request:
    """What the router needs to know about the request being served."""

    __slots__ = ("replica", "wrote", "outer_atomic")

    def __init__(self, replica, outer_atomic=False):
        self.replica = replica
        self.wrote = False
        # A transaction already open when the request began (a test's) is not one the request opened.
        self.outer_atomic = outer_atomic


_current = contextvars.ContextVar("db_routing_request", default=None)


def replica_configured():
    return REPLICA in connections.databases


def sticky_seconds():
    return getattr(settings, "REPLICA_STICKY_SECONDS", 10)


def may_read_replica(method, path, cookies):
    """Whether a request's reads may go to the replica (before anything in it has written)."""
    return (
        replica_configured()
        and method in SAFE_METHODS
        and STICKY_COOKIE not in cookies
        and any(pattern.match(path) for pattern in REPLICA_PATHS)
    )


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        current = _current.get()
        if (
            current is None
            or not current.replica
            or current.wrote
            or (connections[DEFAULT_DB_ALIAS].in_atomic_block and not current.outer_atomic)  # a write transaction
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        current = _current.get()
        if current is not None:
            current.wrote = True
        return DEFAULT_DB_ALIAS  # explicit: an object read from the replica is saved to the primary

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReadRoutingMiddleware:
    """Outside the session middleware, so the session's own write counts as this request's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = _Request(
            may_read_replica(request.method, request.path_info, request.COOKIES),
            outer_atomic=connections[DEFAULT_DB_ALIAS].in_atomic_block,
        )
        token = _current.set(current)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if replica_configured() and (current.wrote or request.method not in SAFE_METHODS):
            # The next pages this browser asks for, on whichever app server, read the primary.
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=sticky_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
