"""Serve anonymous visitors a stored copy of a published page; never anyone else.

Placed before the session, CSRF, auth and messages middleware, so a hit costs two cache
reads and no database query. The security and CSP middleware sit outside it and still add
their headers to every copy. Only responses that Wagtail served for a page (marked by the
`before_serve_page` hook in `caching/wagtail_hooks.py`) are ever stored.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import pagecache


def is_anonymous_candidate(request):
    """A GET with no session and no pending messages: nothing on the page can be personal.

    A signed-in member always has a session cookie, so they never reach the cache; an
    anonymous visitor with a session (mid sign-up, a password-protected page) is served fresh too.
    """
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and pagecache.enabled()
    )


def is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a CSRF token, a message or a session was handed out: personal
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not request.user.is_authenticated
    )


def mark_shared(response):
    """Headers for a copy anyone may be given: the CDN may keep it until we purge it."""
    patch_vary_headers(response, ["Cookie"])
    if settings.WAGTAILFRONTENDCACHE:
        patch_cache_control(response, public=True, max_age=0, s_maxage=settings.CDN_CACHE_SECONDS)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_candidate(request):
            response = self.get_response(request)
            if getattr(request, "serving_wagtail_page", False):
                # A page built for one person (or one session): no shared cache may keep it.
                patch_cache_control(response, private=True)
            return response

        cached = pagecache.lookup(request)
        if cached is not None:
            cached[pagecache.HEADER] = "hit"
            mark_shared(cached)
            return cached

        request.page_cache_candidate = True
        response = self.get_response(request)
        versions = getattr(request, "page_cache_versions", None)
        if versions is None:
            return response  # not a Wagtail page: admin, forms, search, feeds...
        if is_storable(request, response):
            pagecache.store(request, response, versions)
            response[pagecache.HEADER] = "miss"
            mark_shared(response)
        else:
            response[pagecache.HEADER] = "skip"
            patch_cache_control(response, private=True)
        return response
