"""Serving Wagtail pages in fewer queries, with the same answers.

- `RequestMemoMiddleware` and `memoized`: facts read once per request (reset at its end).
- `public(queryset)`: Wagtail's `.public()`, which reads every `PageViewRestriction` each time
  it is called (the home page called it five times), reading them once per request; with no
  restriction anywhere (this site's usual state) the queryset is left as it is.
- `FewerQueriesPage`: a page whose own view-restriction check reads the same memo (no query
  when the site has no restriction) and, for the site's root page, `route()` that finds the
  page at the end of the URL by its `url_path` in one query (and one for its specific type)
  instead of two per level of the tree.
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
        """At the site root: the page whose `url_path` is this one's plus the path, in one query.

        Wagtail's own `route()` asks each level for the child with the next slug (two queries a
        level). No page type here overrides `route()`, so the answer is the same; the page found
        still answers for itself (live or 404) through its own `route()`.
        """
        at_root = self.is_root_of_site(request)
        if at_root and getattr(self, "routing_only", False):
            if not path_components:
                # The root page remembered by core/sites.py: read afresh when it is the page served.
                return type(self).objects.get(pk=self.pk).route(request, path_components)
        elif at_root:
            from core import sites

            sites.remember(request)  # the next request here routes from memory (core/sites.py)
        if not path_components or not at_root:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path, path__startswith=self.path).first()
        if page is None:
            raise Http404
        return page.specific.route(request, [])

    def is_root_of_site(self, request):
        site = getattr(request, "_wagtail_site", None)
        return site is not None and site.root_page_id == self.pk
