from django import template

from stories.candles import candle_state

register = template.Library()


@register.inclusion_tag("stories/includes/candles.html", takes_context=True)
def candles(context, memorial):
    request = context.get("request")
    user = getattr(request, "user", None)
    count, lit = candle_state(memorial, user)
    return {
        "memorial": memorial,
        "count": count,
        "lit": lit,
        "signed_in": bool(user and user.is_authenticated),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
