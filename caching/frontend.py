"""Purging the CDN (Wagtail's frontend cache) when a page or its comments change.

Wagtail already purges a page's own URLs when it is published or unpublished. A comment or a
moderation decision changes a page without publishing it, and a new story changes the pages
that list it: those purges are sent from here, after the commit, as a task, so a slow CDN API
never holds up the person posting.
"""

from django.conf import settings
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from .invalidation import listing_pages_for

LISTING_MODELS = ("home.HomePage", "stories.StoryIndexPage", "boroughs.BoroughIndexPage")


def pages_to_purge(page_ids, listings):
    """The changed pages and, when listings changed, every page that lists them."""
    pages = list(Page.objects.live().filter(pk__in=page_ids).specific())
    if listings:
        for label in LISTING_MODELS:
            app_label, model_name = label.split(".")
            pages += Page.objects.live().filter(
                content_type__app_label=app_label, content_type__model=model_name.lower()
            )
        pages += listing_pages_for(pages)  # e.g. the borough pages of the changed pages (boroughs/apps.py)
    return pages


@task()
def purge_pages(page_ids, listings):
    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(page_ids, listings))
    batch.purge()


def purge_cdn(page_ids, listings):
    if settings.WAGTAILFRONTENDCACHE:
        purge_pages.enqueue(list(page_ids), listings)
