"""Which Wagtail site and root page a request is for, from this worker's memory on most requests.

Wagtail reads both from the database on every request (the site by host name, then the root
page's specific row) to route it, though they change only when the Site or the root page is
saved: saves that bump the page cache's `site` and `page:<root>` tags (caching/signals.py). So
each worker keeps the field values it read, with those tags' versions read *before* reading
them, and trusts them while the versions are unchanged. Every request gets new instances built
from the values, so nothing set on one request is seen by another.

The root page found this way only routes the request to the page asked for
(`FewerQueriesPage.route`); when the home page itself is asked for, it is read afresh to be
served. With no readable versions (the shared cache is down) nothing is remembered.
"""

from django.db import DEFAULT_DB_ALIAS
from django.http.request import split_domain_port
from wagtail.models import Site

from caching import pagecache

_known = {}  # (host name, port) -> what was read, and the versions it was read at
MOST_HOSTS = 50  # a site answers to a few names; a flood of made-up Host headers is not remembered


def forget():
    """Empty this worker's memory (tests whose transactions roll back call it between tests)."""
    _known.clear()


def _fields(model):
    return [field.attname for field in model._meta.concrete_fields]


def _values(instance):
    return [getattr(instance, name) for name in _fields(type(instance))]


def _from_values(model, values):
    return model.from_db(DEFAULT_DB_ALIAS, _fields(model), values)


def _remembered(key):
    known = _known.get(key)
    if known is None:
        return None
    versions = pagecache.current_versions(["site", f"page:{known['root_id']}"])
    if not all(versions.values()) or versions != known["versions"]:
        _known.pop(key, None)  # changed since: read afresh while routing (`remember`)
        return None
    site = _from_values(Site, known["site"])
    root = _from_values(known["root_model"], known["root"])
    root.routing_only = True  # see FewerQueriesPage.route
    site.root_page = root
    return site


def remember(request):
    """Read the request's site and root page afresh and remember them, each after reading the
    versions that cover it (so a change made meanwhile is a new version, never a stale memory).

    Called while routing a page (`FewerQueriesPage.route`), never for other requests, which may
    not touch the database at all: two queries, once per worker per change.
    """
    from core.pages import FewerQueriesPage

    key = _host_key(request)
    if key in _known or len(_known) >= MOST_HOSTS:
        return
    site_version = pagecache.current_versions(["site"])["site"]
    if not site_version:
        return
    site = Site._find_for_request(request)  # Wagtail's own lookup, without its per-request copy
    if site is None:
        return
    root_tag = f"page:{site.root_page_id}"
    root_version = pagecache.current_versions([root_tag])[root_tag]
    root = site.root_page.specific
    if root_version and isinstance(root, FewerQueriesPage):
        _known[key] = {
            "versions": {"site": site_version, root_tag: root_version},
            "site": _values(site),
            "root_id": root.pk,
            "root_model": type(root),
            "root": _values(root),
        }


def _host_key(request):
    return (split_domain_port(request._get_raw_host())[0], request.get_port())


class SiteMiddleware:
    """Sets `request._wagtail_site`, where Wagtail's `Site.find_for_request` looks first, when this
    worker remembers it (no database query; otherwise Wagtail finds it as usual)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = _remembered(_host_key(request))
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
