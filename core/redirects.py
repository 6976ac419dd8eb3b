"""Where a view may send someone back to after a form: only ever a path on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback):
    """The `next` parameter when it points at this site, else `fallback`. Never off-site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: anything else (a URL, or a bare word that redirect() would
    # try to reverse as a view name) falls back.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
