"""RSS and Atom feeds of new stories and new discussion threads, London-wide and per borough.

Items carry a title, a link and a neutral line: never the story's words, its photo or the
details of its content notes, because feed readers show them without any warning.
Stories whose families asked search engines not to list them are left out.
"""

import copy

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from boroughs.models import Borough, ThreadPage
from stories.models import StoryPage

ITEMS = 30


def _stories():
    return StoryPage.objects.live().public().filter(search_engines_allowed=True).select_related("borough")


def _threads():
    return ThreadPage.objects.live().public().select_related("borough")


def _newest(*querysets):
    items = [page for queryset in querysets for page in queryset.order_by("-first_published_at")[:ITEMS]]
    return sorted(items, key=lambda page: page.first_published_at, reverse=True)[:ITEMS]


class PageFeed(Feed):
    """Links follow the address the feed was asked for (host and port), not the Site row's domain.

    Django's Feed prefixes relative links with `get_current_site(request).domain`: with SITE_ID set,
    the domain stored in the database, whatever address the site is served on. Each request gets
    its own copy of the feed (one instance serves every request), which builds absolute links
    from the request.
    """

    description_template = None
    request = None

    def __call__(self, request, *args, **kwargs):
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def absolute(self, path):
        return self.request.build_absolute_uri(path) if self.request is not None else path

    def get_feed(self, obj, request):
        self.link = self.absolute(self._get_dynamic_attr("link", obj))
        self.feed_url = self.absolute(request.path)
        return super().get_feed(obj, request)

    def item_title(self, item):
        return f"Remembering {item.title}" if item.specific_class.__name__ == "MemorialPage" else item.title

    def item_link(self, item):
        return self.absolute(item.url)

    def item_description(self, item):
        kind = {"MemorialPage": "A memorial", "TestimonyPage": "A testimony", "ThreadPage": "A discussion"}
        return f"{kind.get(item.specific_class.__name__, 'A page')} from {item.borough.name} on London Listens."

    def item_pubdate(self, item):
        return item.first_published_at

    def item_guid(self, item):
        return f"londonlistens-page-{item.pk}"

    item_guid_is_permalink = False


class StoriesFeed(PageFeed):
    title = "London Listens: new stories"
    link = "/stories/"
    description = "Memorials and testimonies shared by London families, newest first."

    def items(self):
        return _newest(_stories())


class ThreadsFeed(PageFeed):
    title = "London Listens: new discussions"
    link = "/boroughs/"
    description = "Discussion threads started by Londoners, newest first."

    def items(self):
        return _newest(_threads())


class BoroughFeed(PageFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Borough, slug=slug)

    def title(self, borough):
        return f"London Listens: {borough.name}"

    def link(self, borough):
        return f"/boroughs/{borough.slug}/"

    def description(self, borough):
        return f"New stories and discussions from {borough.name}, newest first."

    def items(self, borough):
        return _newest(_stories().filter(borough=borough), _threads().filter(borough=borough))


def atom(feed_class):
    """The same feed in Atom."""
    return type(
        f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description}
    )
