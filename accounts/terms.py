"""A new version of the terms asks members again at their next visit (issue 15, item 3).

`settings.TERMS_VERSION` names the terms in force. A signed-in member whose latest
`TermsAcceptance` is another version is taken, on their next page visit, to `/me/terms/`, which
says what changed and asks them to agree; agreeing records the version and the time and takes
them back to where they were.

Until they agree they may still read the terms themselves, manage or leave their account, report,
appeal and complain (`NEVER_ASKED`). Anything else they ask for by navigating is the question
first; anything else they send (a response, a story, a discussion) is not kept, and they are
shown their words to copy while they read the terms. Signed out, everyone reads every public page.

The version a member has agreed to is remembered in their session when they sign in, so an
ordinary page costs no query.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from core.redirects import safe_next

from .forms import TermsAgainForm
from .models import TermsAcceptance

SESSION_KEY = "terms_version_agreed"

# What changed in each version, said plainly; add a line when TERMS_VERSION changes.
WHAT_CHANGED = {
    "2026-12": (
        "Our first terms of service: what may be posted here, how moderation works, how to report "
        "anything and appeal a decision, and that members must be 18 or over."
    ),
}

# Paths a member who has not agreed yet still reaches: the question itself, the pages it points
# to, their account (sign out, password, two-factor, their data, leaving), and the ways to tell
# us something is wrong. The legal pages' slugs are in home/legal_pages.py (accounts may not import home).
NEVER_ASKED = (
    "/me/terms/",
    "/accounts/",
    "/me/data/",
    "/me/delete/",
    "/me/deleted/",
    "/terms/",
    "/community-guidelines/",
    "/privacy/",
    "/how-moderation-works/",
    "/report/",
    "/appeal/",
    "/complaints/",
    "/notifications/unsubscribe/",
    "/favicon.ico",
)

# Form fields that carry no words of the member's own (shown back to them when a post is refused).
_NOT_TYPED = {"csrfmiddlewaretoken", "next", "content_type", "object_pk", "timestamp", "security_hash", "honeypot"}


def agreed_version(user):
    return TermsAcceptance.objects.filter(user=user).values_list("version", flat=True).first() or ""


def record_agreement(request):
    TermsAcceptance.objects.create(user=request.user, version=settings.TERMS_VERSION)
    request.session[SESSION_KEY] = settings.TERMS_VERSION


def needs_agreement(request):
    """Whether this signed-in member has not agreed to the terms in force (a query only when the
    session does not already say they have)."""
    if request.session.get(SESSION_KEY) == settings.TERMS_VERSION:
        return False
    version = agreed_version(request.user)
    request.session[SESSION_KEY] = version
    return version != settings.TERMS_VERSION


@receiver(user_logged_in)
def remember_agreed_version(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = agreed_version(user)


def _never_asked(path):
    return path.startswith(NEVER_ASKED + (settings.STATIC_URL, settings.MEDIA_URL, "/documents/"))


def _is_page_visit(request):
    """A person opening a page, not a script fetching data (the admin's JSON, a chooser)."""
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode:
        return mode == "navigate"
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return False
    accept = request.headers.get("Accept", "")
    return not accept or "text/html" in accept or "*/*" in accept


def ask_path(request):
    return reverse("terms_again") + "?" + urlencode({"next": request.get_full_path()})


def typed_words(post):
    """What the member wrote in a form we could not take, to show back to them."""
    return [value for key, values in post.lists() if key not in _NOT_TYPED for value in values if value.strip()]


class AskAgainMiddleware:
    """Sends a signed-in member who has not agreed to the terms in force to agree first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated or _never_asked(request.path):
            return self.get_response(request)
        if request.method in ("GET", "HEAD"):
            if _is_page_visit(request) and needs_agreement(request):
                return redirect(ask_path(request))
        elif not request.path.startswith("/admin/") and needs_agreement(request):
            # Staff work in the admin is asked on their next admin page, never lost mid-form.
            return render(request, "accounts/terms_again.html", terms_context(request, refused_post=True), status=403)
        return self.get_response(request)


def terms_context(request, form=None, refused_post=False):
    previous = agreed_version(request.user)
    return {
        "form": form or TermsAgainForm(),
        "version": settings.TERMS_VERSION,
        "what_changed": WHAT_CHANGED.get(settings.TERMS_VERSION, ""),
        "agreed_before": bool(previous),
        "already_agreed": previous == settings.TERMS_VERSION,
        "refused_post": refused_post,
        "typed": typed_words(request.POST) if refused_post else [],
        # A refused post's own `next` is the page its form was on: back there once they agree.
        "next": safe_next(request, "/"),
    }
