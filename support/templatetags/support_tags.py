from django import template
from django.template.loader import render_to_string

from caching import fragments
from support.panel import services_near

register = template.Library()


@register.simple_tag
def support_panel(borough=None):
    """The "Support near you" panel: crisis lines first, then help in (or for all of) the borough.

    One query, however many services there are; the same for every reader of the borough's
    pages, so it is rendered once per change of the directory (`site`) and shared.
    """

    def render():
        crisis_lines, local = services_near(borough)
        return render_to_string(
            "includes/support_panel.html", {"crisis_lines": crisis_lines, "services": local, "borough": borough}
        )

    return fragments.cached("support-panel", fragments.versions("site"), [borough.pk if borough else "london"], render)
