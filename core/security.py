"""Three things every response needs that Django and django-csp do not do for us.

- `SecurityHeadersMiddleware`: a Permissions-Policy on every response, and the Wagtail admin's
  own Content-Security-Policy (django-csp's strict public policy excludes `/admin/`, because
  the admin needs inline script and style). And no shared cache or browser history keeps a
  member's own pages: `/me/...`, the account pages, the sharing forms and the admin are
  `private, no-store`; anything else answered to someone with a session is at least `private`.
- `AdminTwoFactorMiddleware`: when `WAGTAILADMIN_REQUIRE_MFA` is on (production), a moderator or
  admin reaches the Wagtail admin only in a session that passed a second factor (allauth.mfa),
  and, wherever the view lives, a session that has not passed it holds no permission at all.

The second half is one rule, not a check in each view: while a request runs, the middleware
makes it "the acting request", and `accounts.models.User` asks `second_factor_missing(user)`
before every permission question (`has_perm`, `has_perms`, `has_module_perms`, the
`get_*_permissions` sets, `is_moderator`; superusers included). So a moderator or admin signed
in with only a password can hide, approve, reject or sanction nothing, sees no held comment in
place, and is screened like any member, on the public site as in the admin. Outside a request
(management commands, the task worker) nobody is acting and permissions are as stored.
"""

from contextvars import ContextVar
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core.auth import CachedPermissionsBackend

ADMIN_PREFIX = "/admin/"
# The admin's scripts and styles all come from /static/, but it writes inline <script> and
# style="" attributes, and previews pages in a same-origin iframe.
ADMIN_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


# Pages that show a member their own data (or anyone's, in the admin): kept by no cache at all.
PERSONAL_PREFIXES = ("/me/", "/accounts/", "/share/", ADMIN_PREFIX)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(ADMIN_PREFIX):
            response.setdefault("Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY)
        if request.path.startswith(PERSONAL_PREFIXES):
            patch_cache_control(response, private=True, no_store=True)
        elif settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header("Cache-Control"):
            # Built for someone with a session (their name in the header, their form): never shared.
            patch_cache_control(response, private=True)
        return response


def passed_second_factor(request):
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


# The request being answered in this thread (or task), while the middleware runs it.
_acting_request = ContextVar("acting_request", default=None)


def second_factor_missing(user):
    """Whether `user` is the member acting in this request, in a session that has not passed the
    second factor that production requires. Their permissions are then withheld (accounts/models.py).

    Only the acting member: another person's permissions read in the same request are theirs.
    Any copy of the acting member counts (a `comment.user` loaded afresh is still them).
    """
    if not settings.WAGTAILADMIN_REQUIRE_MFA or user.pk is None:
        return False
    request = _acting_request.get()
    if request is None:
        return False
    acting = getattr(request, "user", None)
    if acting is None or not acting.is_authenticated or acting.pk != user.pk:
        return False
    return not passed_second_factor(request)


def holds_staff_powers(user):
    """Whether `user` has anything the second factor guards: superuser, staff, or any permission
    at all (read as stored, whatever this session has passed)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or bool(CachedPermissionsBackend().get_all_permissions(user))


def second_factor_redirect(request):
    """To confirm the second factor (or to set one up first), then back to this page."""
    query = urlencode({"next": request.get_full_path()})
    if Authenticator.objects.filter(user=request.user).exists():
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
    return redirect(f"{reverse('mfa_activate_totp')}?{query}")


class AdminTwoFactorMiddleware:
    """Makes the request the acting one (see `second_factor_missing`), and sends staff without a
    second factor in this session to enrol (or to confirm it) before any admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.WAGTAILADMIN_REQUIRE_MFA:
            return self.get_response(request)
        if (
            request.path.startswith(ADMIN_PREFIX)
            and not request.path.startswith(ADMIN_PREFIX + "logout/")
            and request.user.is_authenticated
            and holds_staff_powers(request.user)
            and not passed_second_factor(request)
        ):
            return second_factor_redirect(request)
        token = _acting_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _acting_request.reset(token)
