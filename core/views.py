"""The site's own page when Django's CSRF check refuses a form (`CSRF_FAILURE_VIEW`)."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request, reason=""):
    """A kind page instead of Django's generic 403: what probably happened, and a way back.

    Nothing that was sent is kept (it may not have come from our own form), so the page says so
    gently and suggests going back, where the browser usually still has the words in the form.
    """
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return render(request, "csrf_failure.html", {"back": back}, status=403)
