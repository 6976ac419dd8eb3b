"""Shared pieces of pages, rendered once and reused for everyone who would be shown the same
thing: signed-in members included, whom the whole-page cache never serves.

A fragment's key holds the versions of the page-cache tags it was built from (`pagecache`),
read *before* the fragment's data is read from the database. A change bumps a tag, so the
next request asks for a new key and renders afresh; an old copy is never found again, and
nothing has to find and delete it. What varies between readers who see the same thing (an
open or paused page, the address actions come back to) goes into the key as well. Nothing
personal may be put in a fragment: callers cache only what no reader's own state changes.

Each worker keeps the fragments it stored or read last in memory too. A copy there is as fresh as Redis's,
because its key carries the versions, which are read from the shared cache on every request.
"""

import hashlib
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from . import pagecache

PREFIX = "fragment:v1:"  # change the version whenever a fragment's format changes
LOCAL_ENTRIES = 2000  # conversations are a few KB each: a few MB per worker at most
_local = OrderedDict()


def enabled():
    return settings.FRAGMENT_CACHE_SECONDS > 0


def versions(*tags):
    """The tags' versions now: read them before the data they cover. {} (share nothing, render
    afresh) when fragments are off or a version cannot be read (the shared cache is down)."""
    if not enabled():
        return {}
    found = pagecache.current_versions(tags)
    return found if all(found.values()) else {}


def key(name, versions, *vary):
    """The key of fragment `name` built from tag `versions` ({tag: version}) for the `vary` values."""
    parts = [name, *(f"{tag}={versions[tag]}" for tag in sorted(versions)), *(str(value) for value in vary)]
    return PREFIX + name + ":" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def get_many(keys):
    """{key: fragment} for the keys held here or in the shared cache (missing keys are left out).

    A fragment is rendered HTML (a SafeString, which the cache keeps as one), or a dict of
    plain values (and its "html", if any, is such a string).
    """
    found = {}
    remote = []
    now = time.monotonic()
    for k in keys:
        expires, fragment = _local.get(k, (0, None))
        if expires > now:
            found[k] = fragment
        else:
            remote.append(k)
    if remote:
        for k, fragment in cache.get_many(remote).items():
            _remember(k, fragment)
            found[k] = fragment
    return found


def set_many(fragments):
    """Store {key: fragment}: our own rendered templates only, never anything for one person."""
    # A fragment with a form's CSRF token in it was built for one person: it is never shared.
    fragments = {k: f for k, f in fragments.items() if "csrfmiddlewaretoken" not in _html(f)}
    if not fragments:
        return
    for k, fragment in fragments.items():
        _remember(k, fragment)
    cache.set_many(fragments, timeout=settings.FRAGMENT_CACHE_SECONDS)


def _html(fragment):
    return fragment.get("html", "") if isinstance(fragment, dict) else fragment


def _remember(k, fragment):
    # Kept no longer than the shared copy, though its versioned key could never make it stale.
    _local[k] = (time.monotonic() + settings.FRAGMENT_CACHE_SECONDS, fragment)
    while len(_local) > LOCAL_ENTRIES:
        try:
            _local.popitem(last=False)  # the oldest stored first
        except KeyError:  # another thread emptied it meanwhile
            break


def forget_local():
    """Empty this worker's copies (tests that clear the shared cache call this too)."""
    _local.clear()


def cached(name, versions, vary, render):
    """One fragment: from the cache when a copy for these versions and `vary` exists, else
    `render()`ed and stored. With no versions (see `versions`), rendered and not stored."""
    if not versions:
        return render()
    k = key(name, versions, *vary)
    found = get_many([k])
    if k in found:
        return found[k]
    fragment = render()
    set_many({k: fragment})
    return fragment
