"""Wagtail lets superusers and a page's groups past a "private, for these groups" restriction by
reading `is_superuser` and group membership itself, not through a permission. Where production
requires the second factor, a session that has not passed it is asked for it first
(core/security.py): no staff power, including seeing a staff-only page, without it.

Registered from `core`, the first app, so these run before Wagtail's own restriction checks.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import BaseViewRestriction

from .security import second_factor_missing, second_factor_redirect


def _needs_second_factor(request, restrictions):
    user = request.user
    return (
        user.is_authenticated
        and second_factor_missing(user)  # first: no query at all unless it is missing
        and any(r.restriction_type == BaseViewRestriction.GROUPS for r in restrictions())
    )


@hooks.register("before_serve_page")
def second_factor_for_group_only_pages(page, request, serve_args, serve_kwargs):
    if _needs_second_factor(request, page.get_view_restrictions):
        return second_factor_redirect(request)
    return None


@hooks.register("before_serve_document")
def second_factor_for_group_only_documents(document, request):
    if _needs_second_factor(request, lambda: document.collection.get_view_restrictions()):
        return second_factor_redirect(request)
    return None


@hooks.register("insert_global_admin_css")
def admin_css():
    """The project's few corrections to the admin's look (static/css/admin.css says which and why)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
