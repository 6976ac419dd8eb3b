"""`{% coming_gatherings %}` (home), `{% coming_gatherings borough %}` (a borough page) and
`{% gatherings_in_memory memorial %}` (a memorial page): one query each, whatever the number.

Families-only gatherings appear to everyone as "a gathering for bereaved families" with its
date and borough, and in full only to the family role (`GatheringPage.details_visible_to`).
"""

from django import template
from django.db.models import Count, Q

from core.pages import public

from ..models import Attendance, GatheringPage

register = template.Library()

HOME_LIMIT, BOROUGH_LIMIT = 5, 10


def _cards(queryset, user, limit):
    gatherings = list(
        public(GatheringPage.coming(queryset))
        .select_related("borough")
        .annotate(confirmed=Count("attendances", filter=Q(attendances__status=Attendance.CONFIRMED)))[:limit]
    )
    for gathering in gatherings:
        gathering.visible = gathering.details_visible_to(user)
        gathering.left = max(gathering.capacity - gathering.confirmed, 0)
    return gatherings


@register.inclusion_tag("gatherings/includes/coming.html", takes_context=True)
def coming_gatherings(context, borough=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    queryset = GatheringPage.objects.all()
    if borough is not None:
        queryset = queryset.filter(borough=borough)
    limit = BOROUGH_LIMIT if borough is not None else HOME_LIMIT
    return {"gatherings": _cards(queryset, user, limit), "borough": borough, "request": request}


@register.inclusion_tag("gatherings/includes/in_memory.html", takes_context=True)
def gatherings_in_memory(context, memorial):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"gatherings": _cards(GatheringPage.objects.filter(memorial=memorial), user, BOROUGH_LIMIT)}
