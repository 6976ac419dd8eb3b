"""Who may enter the families' circle, and the kind page everyone else is given.

The circle is for members with the family role, trained peer supporters and moderators; the
directory and requests to talk are for families only. A member whose account is paused (suspended
or banned) is kept out while the pause lasts. Every answer here is personal: never stored by any
cache (`Cache-Control: private, no-store`) and never indexed.
"""

from functools import wraps

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.defaults import page_not_found

from moderation.models import Sanction, SanctionKind

CIRCLE, FAMILIES = "circle", "families"


def is_peer_supporter(user):
    return bool(user.is_authenticated and getattr(user, "peer_supporter", None))


def is_paused(user):
    return Sanction.objects.active().filter(user=user, kind__in=[SanctionKind.SUSPEND, SanctionKind.BAN]).exists()


def why_not(user, who):
    """Why `user` may not come in ("visitor", "paused", "not_family"), or "" when they may."""
    if not user.is_authenticated:
        return "visitor"
    if is_paused(user):
        return "paused"
    if user.is_family:
        return ""
    if who == CIRCLE and (is_peer_supporter(user) or user.is_moderator):
        return ""
    return "not_family"


def private(response):
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def members_only(who=CIRCLE):
    """A view decorator: the view for those who may come in; a kind 403 page (no content) for the rest."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            reason = why_not(request.user, who)
            if reason:
                return private(
                    TemplateResponse(request, "circle/not_for_you.html", {"reason": reason, "who": who}, status=403)
                )
            try:
                response = view(request, *args, **kwargs)
            except Http404 as exception:  # not there, or not theirs: the same answer, just as private
                response = page_not_found(request, exception)
            return private(response)

        return wrapper

    return decorate
