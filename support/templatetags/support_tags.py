from django import template
from django.template.loader import render_to_string

from caching import fragments
from support.models import BleedKit
from support.panel import services_near

register = template.Library()


@register.simple_tag
def support_panel(borough=None, compact=False):
    """The "Support near you" panel: crisis lines first, then help in (or for all of) the borough.

    `compact=True` (story and discussion pages, below the responses) keeps it short: the crisis
    lines on one line and a link to the borough's support naming what is there. Borough pages
    show it in full.

    One query, however many services there are; the same for every reader of the borough's
    pages, so it is rendered once per change of the directory (`site`) and shared.
    """
    compact = bool(compact)

    def render():
        crisis_lines, local = services_near(borough)
        return render_to_string(
            "includes/support_panel.html",
            {"crisis_lines": crisis_lines, "services": local, "borough": borough, "compact": compact},
        )

    size = "compact" if compact else "full"
    return fragments.cached(
        "support-panel", fragments.versions("site"), [borough.pk if borough else "london", size], render
    )


@register.simple_tag
def memorial_bleed_kits(page):
    """The kits given in a memorial's person's memory, listed on the memorial (one query)."""
    kits = list(BleedKit.objects.filter(in_memory_of_id=page.pk).select_related("borough").order_by("venue"))
    return render_to_string("support/includes/memorial_kits.html", {"kits": kits, "page": page})
