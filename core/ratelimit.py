"""The one rate limiter: how often one account (or address) may do something, in a sliding window.

Every limit of our own is a `Limit` made here and kept by the app it guards (comments and new
discussions: moderation/moderator.py; reports: moderation/views.py; candles: stories/candles.py).
allauth keeps its own for sign-in, sign-up, password reset and re-authentication
(`ACCOUNT_RATE_LIMITS`), and `LimitsHoldClient` below makes both kinds hold while Redis is away.

A sliding log, not fixed windows: each accepted action's time is kept (newest first, in one
cache entry per account and action) and a new one is refused while the limit's number of them
fall within the last window-length of seconds. So no window-length of time, wherever it starts,
holds more than the limit (a fixed one-minute window let a member post twice the limit across
the turn of a minute). Only accepted actions count: callers ask `exceeded()` before, and call
`record()` once the thing is done, so a refused or failed attempt uses up nothing. The price:
requests of one account sent at the very same instant are all checked before any is recorded, so
such a burst can pass the limit by as many as were in flight. `record()` takes a short lock so two
records at once do not lose a count.

Where the counts live: Django's default cache, Redis in production. With IGNORE_EXCEPTIONS
django-redis turns a Redis failure into a miss, which would count nothing, so the limits would
fail open. `LimitsHoldClient` (the django-redis client in production, forum_site/settings/
services.py) sends the rate-limit keys (ours and allauth's) to a per-process memory instead while
Redis cannot be reached: the limits then hold per process (each gunicorn worker counts its own),
the change is logged once, and nobody sees an error page. Every other key fails exactly as before.
Redis is tried again every `RETRY_SECONDS`; counts made in memory stay there (they do not move to
Redis when it is back).
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

KEY_PREFIX = "ratelimit:"
# allauth's own limits (allauth/core/internal/ratelimit.py: "allauth:rl:...", and "...:lock").
ALLAUTH_KEY_PREFIX = "allauth:rl:"
LIMIT_KEY_PREFIXES = (KEY_PREFIX, ALLAUTH_KEY_PREFIX)
# How long to count in memory before asking Redis again.
RETRY_SECONDS = 5
# Enough accounts and addresses for an outage; LocMemCache forgets the oldest third beyond it.
MEMORY_MAX_ENTRIES = 50_000
# A record waits at most this long for another request of the same account to finish its own.
LOCK_WAIT_SECONDS = 0.25


def clock():
    """Seconds since the epoch. Tests replace it (`core.ratelimit.clock`) to move time."""
    return time.time()


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    name: str = ""  # what the refusal tells the member ("minute", "day"); "" when it says nothing


class Limit:
    """A named limit with one or more rates, read from settings each time (tests change them).

    `rates` is a callable returning the `Rate`s, e.g.
    `Limit("comment", lambda: [Rate(settings.COMMENT_RATE_LIMIT_PER_MINUTE, 60, "minute"), ...])`.
    """

    def __init__(self, action, rates):
        self.action = action
        self._rates = rates

    def rates(self):
        return [rate for rate in self._rates() if rate.seconds > 0]

    def key(self, who):
        return f"{KEY_PREFIX}{self.action}:{who}"

    def exceeded(self, who):
        """The first `Rate` whose allowance `who` has used up in its last window, else None."""
        rates = self.rates()
        if not rates:
            return None
        now = clock()
        hits = cache.get(self.key(who)) or []
        for rate in rates:
            if sum(1 for hit in hits if hit > now - rate.seconds) >= rate.amount:
                return rate
        return None

    def record(self, who):
        """Count one accepted action by `who` now."""
        rates = self.rates()
        if not rates:
            return
        key, now = self.key(who), clock()
        longest = max(rate.seconds for rate in rates)
        keep = max(rate.amount for rate in rates)
        with _locked(key):
            hits = [hit for hit in (cache.get(key) or []) if hit > now - longest]
            hits.insert(0, now)
            # Only the newest `keep` can decide a refusal; the entry lives as long as the longest window.
            cache.set(key, hits[:keep], longest)

    def clear(self, who):
        cache.delete(self.key(who))


class _locked:
    """Two requests of one account recording at once must not lose either count.

    A short lock in the cache (as allauth does): if it cannot be had quickly, the record goes
    ahead without it rather than keeping the member waiting.
    """

    def __init__(self, key):
        self.lock_key = f"{key}:lock"
        self.held = False

    def __enter__(self):
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while not (held := cache.add(self.lock_key, True, 5)) and time.monotonic() < deadline:
            time.sleep(0.01)
        self.held = bool(held)
        return self

    def __exit__(self, *exc):
        if self.held:
            cache.delete(self.lock_key)
        return False


def is_limit_key(key):
    return isinstance(key, str) and key.startswith(LIMIT_KEY_PREFIXES)


class _Memory:
    """Where the limits are counted, per process, while Redis cannot be reached. Thread-safe."""

    def __init__(self):
        self.store = LocMemCache("core.ratelimit.memory", {"OPTIONS": {"MAX_ENTRIES": MEMORY_MAX_ENTRIES}})
        self._lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def run(self, remote, local):
        """`remote()` against Redis; if Redis cannot be reached (or was not a moment ago), `local(store)`."""
        if self.down and time.monotonic() < self.retry_at:
            return local(self.store)
        try:
            result = remote()
        except ConnectionInterrupted:
            with self._lock:
                if not self.down:
                    logger.warning(
                        "Redis cannot be reached: rate limits are counted in this process's memory until it is back."
                    )
                self.down = True
                self.retry_at = time.monotonic() + RETRY_SECONDS
            return local(self.store)
        if self.down:
            with self._lock:
                if self.down:
                    logger.warning("Redis is back: rate limits are counted there again.")
                self.down = False
        return result

    def forget(self):
        with self._lock:
            self.store.clear()
            self.down = False
            self.retry_at = 0.0


memory = _Memory()


def forget():
    """Tests: start with no counts in memory and Redis presumed reachable."""
    memory.forget()


class LimitsHoldClient(DefaultClient):
    """django-redis's client, except that rate-limit keys are counted in memory while Redis is away.

    Set as OPTIONS["CLIENT_CLASS"] (django-redis's pluggable client). Only the operations the
    limiters use (get, set and add, delete) are diverted, and only for keys under
    `LIMIT_KEY_PREFIXES`; everything else reaches Redis, and fails, as with DefaultClient.
    """

    def get(self, key, default=None, version=None, client=None):
        if client is not None or not is_limit_key(key):
            return super().get(key, default=default, version=version, client=client)
        return memory.run(
            lambda: DefaultClient.get(self, key, default=default, version=version),
            lambda store: store.get(key, default, version=version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, client=None, nx=False, xx=False):
        if client is not None or not is_limit_key(key) or xx:
            return super().set(key, value, timeout, version=version, client=client, nx=nx, xx=xx)
        if timeout is DEFAULT_TIMEOUT:
            timeout = self._backend.default_timeout

        def local(store):
            if nx:
                return store.add(key, value, timeout, version=version)
            store.set(key, value, timeout, version=version)
            return True

        return memory.run(
            lambda: DefaultClient.set(self, key, value, timeout, version=version, nx=nx),
            local,
        )

    def delete(self, key, version=None, prefix=None, client=None):
        if client is not None or prefix is not None or not is_limit_key(key):
            return super().delete(key, version=version, prefix=prefix, client=client)
        return memory.run(
            lambda: DefaultClient.delete(self, key, version=version),
            lambda store: int(store.delete(key, version=version)),
        )
