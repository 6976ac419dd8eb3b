from django import template

from support.panel import services_near

register = template.Library()


@register.inclusion_tag("includes/support_panel.html")
def support_panel(borough=None):
    """The "Support near you" panel: crisis lines first, then help in (or for all of) the borough.

    One query, however many services there are.
    """
    crisis_lines, local = services_near(borough)
    return {"crisis_lines": crisis_lines, "services": local, "borough": borough}
