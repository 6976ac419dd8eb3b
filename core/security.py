"""Two things every response needs that Django and django-csp do not do for us.

- `SecurityHeadersMiddleware`: a Permissions-Policy on every response, and the Wagtail admin's
  own Content-Security-Policy (django-csp's strict public policy excludes `/admin/`, because
  the admin needs inline script and style).
- `AdminTwoFactorMiddleware`: when `WAGTAILADMIN_REQUIRE_MFA` is on (production), a moderator or
  admin reaches the Wagtail admin only in a session that passed a second factor (allauth.mfa).
"""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

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


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(ADMIN_PREFIX):
            response.setdefault("Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY)
        return response


def passed_second_factor(request):
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class AdminTwoFactorMiddleware:
    """Sends staff without a second factor in this session to enrol (or to confirm it) first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.WAGTAILADMIN_REQUIRE_MFA
            and request.path.startswith(ADMIN_PREFIX)
            and not request.path.startswith(ADMIN_PREFIX + "logout/")
            and request.user.is_authenticated
            and request.user.has_perm("wagtailadmin.access_admin")
            and not passed_second_factor(request)
        ):
            query = urlencode({"next": request.get_full_path()})
            if Authenticator.objects.filter(user=request.user).exists():
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
