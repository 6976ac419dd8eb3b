"""The anonymous page cache: whole rendered pages, keyed so a stale copy can never be served.

Every cached page records the *tags* it was built from and each tag's version at the time
(read before the page touched the database). A change bumps the versions of the tags it
affects (`caching/signals.py`); a stored copy whose versions no longer match is a miss.
Nothing has to find and delete old entries, so there is no race between a page being
rendered and a comment being approved while it renders.

Tags:
- `page:<pk>`: the page itself, its comments and candles;
- `listings`: every page that lists other pages or their activity (home, stories, boroughs);
- `site`: what every page shows (support services, boroughs, members' badges, settings).
- a named tag (`caching/invalidation.py`'s `tags`) for a view that is not a page, such as
  "organisations" for /what-changed/ and the organisation pages.
"""

import hashlib
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

TAG_PREFIX = "pagecache:tag:"
ENTRY_PREFIX = "pagecache:entry:v2:"  # change the version whenever the entry's format changes
HEADER = "X-Page-Cache"

# Each worker keeps the most recent copies in memory too, so a hit reads only the small tag
# versions from Redis, not a whole page (a story with 1,000 comments is 750 KB). The versions
# are still checked on every request, so this copy can be no staler than Redis's.
LOCAL_ENTRIES = 100
_local = OrderedDict()

# Pages whose content is their own (plus `site`); every other page type is treated as a listing.
DETAIL_PAGE_MODELS = {"stories.memorialpage", "stories.testimonypage", "boroughs.threadpage", "home.standardpage"}


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def page_tags(page):
    tags = ["site", f"page:{page.pk}"]
    if page._meta.label_lower not in DETAIL_PAGE_MODELS:
        tags.append("listings")
    return tags


def _new_version():
    return uuid.uuid4().hex[:16]


def bump(tags):
    """Give each tag a new version: every page built from it is now a miss."""
    if tags:
        cache.set_many({TAG_PREFIX + tag: _new_version() for tag in tags}, timeout=None)


def current_versions(tags):
    """The tags' versions now, creating any the cache does not hold (first use, or evicted)."""
    keys = [TAG_PREFIX + tag for tag in tags]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, _new_version(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {key[len(TAG_PREFIX) :]: found.get(key) for key in keys}


def entry_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def _entry(key):
    entry = _local.get(key)
    if entry is not None and entry.get("expires", 0) > time.time():
        _local.move_to_end(key)
        return entry
    _local.pop(key, None)
    entry = cache.get(key)
    if entry:
        _local[key] = entry
        if len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return entry


def lookup(request):
    """The stored response for this URL if every tag it was built from is unchanged, else None."""
    key = entry_key(request)
    entry = _entry(key)
    if not entry:
        return None
    versions = cache.get_many([TAG_PREFIX + tag for tag in entry["versions"]])
    if any(versions.get(TAG_PREFIX + tag) != version for tag, version in entry["versions"].items()):
        _local.pop(key, None)
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def store(request, response, versions):
    cache.set(
        entry_key(request),
        {
            "versions": versions,
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()],
            "content": response.content,
            "expires": time.time() + settings.PAGE_CACHE_SECONDS,  # for the copies kept in memory
        },
        timeout=settings.PAGE_CACHE_SECONDS,
    )
