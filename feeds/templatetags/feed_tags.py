"""The feeds a page has: `<link rel="alternate">` in the head, and "Follow by RSS" in the footer.

Read from the page in the context, with no query: a borough page and a thread already hold their
borough (their templates show it).
"""

from django import template
from django.urls import reverse

from boroughs.models import BoroughIndexPage, BoroughPage, ThreadPage
from home.models import HomePage
from stories.models import StoryIndexPage

register = template.Library()


def _stories():
    return ("New stories", reverse("stories_feed"))


def _discussions():
    return ("New discussions", reverse("threads_feed"))


def _borough(borough):
    return (f"New in {borough.name}", reverse("borough_feed", args=[borough.slug]))


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """[(title, url)] for the page being shown; [] for a page without a feed."""
    page = context.get("page")
    if isinstance(page, HomePage):
        return [_stories(), _discussions()]
    if isinstance(page, StoryIndexPage):
        return [_stories()]
    if isinstance(page, BoroughIndexPage):
        return [_discussions()]
    if isinstance(page, BoroughPage):
        return [_borough(page.borough)]
    if isinstance(page, ThreadPage):
        return [_discussions(), _borough(page.borough)]
    return []
