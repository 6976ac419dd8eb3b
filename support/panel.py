"""What the "Support near you" panel shows for a borough."""

from .models import SupportService

# The panel is a signpost, not the directory: a few services, then a link to all of them.
PANEL_MAX_SERVICES = 4


def services_near(borough):
    """(crisis lines, other services) for a borough, in one query.

    Services that name the borough come before London-wide ones, so the panel shows
    what is local first.
    """
    services = SupportService.objects.all()
    if borough is not None:
        services = services.serving(borough)
    services = list(services.in_listing_order())
    crisis_lines = [s for s in services if s.is_crisis]
    others = [s for s in services if not s.is_crisis]
    if borough is not None:
        others.sort(key=lambda s: not s.serves_borough)  # stable: keeps the listing order within each group
    return crisis_lines, others[:PANEL_MAX_SERVICES]
