"""Serving Wagtail pages in fewer queries, with the same answers.

- `RequestMemoMiddleware` and `memoized`: facts read once per request (reset at its end).
- `public(queryset)`: Wagtail's `.public()`, which reads every `PageViewRestriction` each time
  it is called (the home page called it five times), reading them once per request; with no
  restriction anywhere (this site's usual state) the queryset is left as it is.
- `FewerQueriesPage`: a page whose own view-restriction check reads the same memo (no query
  when the site has no restriction), and whose `route()` reads the pages on the rest of the path
  in one query (and the page at its end in one more) instead of two per level of the tree, while
  still asking each level's own `route()`.

Only Wagtail's and Django's public APIs: `Page.route()` is Wagtail's documented place to change
routing, `url_path`, `path`, `depth` and `specific_deferred` are public fields and properties.
"""

from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

_memo = ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    """Gives each GET request its own memo; nothing is remembered between requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({} if request.method in ("GET", "HEAD") else None)
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memoized(key, compute):
    """`compute()` once per request (every call outside a GET request computes afresh)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _forget(key):
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)


def any_view_restriction():
    """Whether any page on the site is private (password, sign-in or group restriction)."""
    return memoized("any_view_restriction", PageViewRestriction.objects.exists)


def _restrictions_changed(sender, **kwargs):
    _forget("any_view_restriction")


post_save.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="core.pages.restrictions_saved")
post_delete.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="core.pages.restrictions_deleted")


def public(queryset):
    """`queryset.public()`: the pages outside every private section, with one query per request."""
    return queryset.public() if any_view_restriction() else queryset


class FewerQueriesPage:
    """Mix into a page model (before `Page`): the same routing and restriction checks, fewer queries."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()  # empty, and evaluating it costs no query
        return super().get_view_restrictions()

    def route(self, request, path_components):
        """Wagtail's routing, each level's own `route()` asked in turn, in fewer queries.

        Wagtail asks each level for its child with the next slug and then reads the child's
        specific row: two queries a level. Here the first level asked reads every page on the rest
        of the path at once, by `url_path` (one query, kept for the request); a page passed through
        is handed on as `specific_deferred` (its own class, so its own `route()` decides, and no
        query), and only the page at the end of the path is read whole. A page type that overrides
        `route()` still gets the question; one that calls `super().route()` gets this answer.
        """
        if not path_components:
            return super().route(request, path_components)
        child = self._child_on_path(request, path_components)
        rest = path_components[1:]
        return (child.specific_deferred if rest else child.specific).route(request, rest)

    def _child_on_path(self, request, path_components):
        """The child whose slug is `path_components[0]`, as `get_children().get(slug=...)` finds it."""
        found = memoized("pages_on_path", dict)  # url_path -> base Page, or None when there is none
        url_path = f"{self.url_path}{path_components[0]}/"
        if url_path not in found:
            wanted = [f"{self.url_path}{'/'.join(path_components[: i + 1])}/" for i in range(len(path_components))]
            found.update(dict.fromkeys(wanted))
            below = Page.objects.filter(path__startswith=self.path, depth__gt=self.depth, url_path__in=wanted)
            found.update({page.url_path: page for page in below})
        child = found[url_path]
        if child is None or child.depth != self.depth + 1 or not child.path.startswith(self.path):
            raise Http404
        return child
