"""Whole pages shared among signed-in members who would be shown the same page (issue 18).

Two ordinary members reading a story or a discussion are shown the same bytes but for their
CSRF token (and the response form's signed timestamp, which only says when the form was drawn).
So the first such member's page is stored, with the token taken out, and the next one is given
that copy with their own token put in: no template is rendered and no comment is read.

Who shares which copy, stated by the apps (caching imports none of them):
- `share_pages_of(Model, ...)`: the page types whose pages may be shared at all. Any other page
  (a gathering, the families' circle, a form) is always rendered for the member.
- `reader_page_fact(name, build, personal=...)`: one fact about the reader and the page (below).
- `vary_by(describe)`: `describe(request, page)` returns what the page depends on for this member
  (a tuple: whether they follow it, have lit a candle, are in the family role...), or None when
  something on the page is theirs alone (they wrote or reported there, it is their story, they
  moderate): then the page is rendered for them and never stored. Every describer is asked.

A copy's key holds the page's versions (`pagecache`: any change to the page, its responses or
what every page shows is a new key), the address, and every describer's answer. The copy is
stored only from a response marked as built for this key (the `on_serve_page` hook in
`caching/wagtail_hooks.py`, inside Wagtail's view-restriction check) and only if the view handed
the member nothing of their own (no cookie, no message, no change to their session).
"""

import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token

from . import fragments, pagecache

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"  # never in a rendered page: a NUL cannot be typed into one

_page_types = set()
_describers = []
# What a page shows depends on about its reader, read in one query on the page's row (by
# moderation's comments section, which asks it anyway): {name: (build(user) -> a boolean
# expression on the page's row, personal)}. A personal fact that is true means the page shows
# the member something of their own (they back the ask, they answer for an organisation):
# render it for them alone. Any other fact's value is part of the shared copy's key.
READER_PAGE_FACTS = {}


def reader_page_fact(name, build, *, personal=False):
    READER_PAGE_FACTS[name] = (build, personal)


def share_pages_of(*models):
    _page_types.update(models)


def vary_by(describe):
    _describers.append(describe)


def enabled():
    """On with shared fragments (their lifetime is the copies' too), unless MEMBER_PAGE_COPIES is off."""
    return settings.MEMBER_PAGE_COPIES and fragments.enabled()


def _has_messages(request):
    # len() reads the pending messages without marking them shown.
    return len(get_messages(request)) > 0


def key_for(request, page):
    """The key of the shared copy this member may be given, or None: render for them alone."""
    user = getattr(request, "user", None)
    if not (
        enabled()
        and request.method == "GET"
        and user is not None
        and user.is_authenticated
        and type(page) in _page_types
        and not _has_messages(request)
    ):
        return None
    versions = fragments.versions(*pagecache.page_tags(page))
    if not versions:
        return None
    parts = []
    for describe in _describers:
        part = describe(request, page)
        if part is None:
            return None
        parts.append(part)
    return fragments.key("member-page", versions, request.get_host(), request.get_full_path(), *parts)


def lookup(request, key):
    """The stored page for this key with the member's own CSRF token put in, or None."""
    entry = fragments.get_many([key]).get(key)
    if entry is None:
        return None
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = "hit"
    return response


HEADER = "X-Member-Copy"


def store(request, key, response):
    """Keep the page just served as the copy for `key`, unless it is personal after all."""
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies  # the view handed something out to this member
        or (session is not None and session.modified)  # or remembered something about them
        or any(word in cache_control for word in ("no-store", "no-cache", "private"))
        or _has_messages(request)  # a confirmation was queued while it rendered
    ):
        return
    if hasattr(response, "render"):
        response.render()  # a TemplateResponse: render it now, as the handler would next
    content = response.content
    found = CSRF_INPUT.search(content)
    if found:
        content = content.replace(found.group(1), CSRF_PLACEHOLDER)
    headers = [(name, value) for name, value in response.items() if name.lower() != HEADER.lower()]
    fragments.set_many({key: {"content": content, "status": response.status_code, "headers": headers}})
    response[HEADER] = "miss"
