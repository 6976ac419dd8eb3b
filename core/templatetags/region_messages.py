"""Confirmations shown next to the action that caused them, not at the top of the page.

A view that redirects back to one region of a page (`#candles`, `#comment-policy`, `#c<pk>`)
tags its message with `in_region("candles")`. That region renders it, inside itself, with
`role="status"`; the page's messages area (`includes/messages.html`) leaves it out, so it is
never shown twice. A message nobody tags is shown at the top as before.

    messages.success(request, "You lit a candle.", extra_tags=in_region("candles"))
    {% load region_messages %}{% messages_in request "candles" as notes %}
"""

from django import template
from django.contrib.messages import get_messages

register = template.Library()

PREFIX = "in-region-"


def in_region(name):
    """The `extra_tags` that send a message to region `name` of the page it redirects to."""
    return f"{PREFIX}{name}"


def region_of(message):
    """The region a message belongs to, or "" for the page's messages area."""
    for tag in (message.extra_tags or "").split():
        if tag.startswith(PREFIX):
            return tag[len(PREFIX) :]
    return ""


def messages_for(request, name):
    """The messages for region `name` of this request's page (reading them marks them as shown)."""
    if request is None:
        return []
    return [message for message in get_messages(request) if region_of(message) == name]


@register.simple_tag
def messages_in(request, name):
    return messages_for(request, str(name))


@register.filter
def outside_regions(messages):
    """The messages no region of the page shows: the ones for the page's messages area."""
    return [message for message in messages or () if not region_of(message)]


def messages_by_region(request):
    """{region: [messages]} for this request's page, leaving out the page's messages area."""
    found = {}
    for message in get_messages(request) if request is not None else ():
        region = region_of(message)
        if region:
            found.setdefault(region, []).append(message)
    return found
