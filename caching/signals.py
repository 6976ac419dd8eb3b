"""The one receiver that turns declared changes into fresh pages.

What a change makes stale is declared by the app that owns the model (`caching/invalidation.py`,
filled from each app's `ready()`; Wagtail's and Django's own models in `caching/framework.py`).
Each change bumps its tags at once (so nothing later in the same request or test reads a
stale copy) and again once the transaction commits (so a page rendered by another worker
from the pre-commit data, and stored meanwhile, is a miss too). After the commit the CDN
is asked to purge the page and, when listings changed, the pages that list it.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from . import pagecache
from .frontend import purge_cdn
from .invalidation import what_is_stale


def invalidate(page_ids=(), listings=False, site=False, named=()):
    tags = [f"page:{pk}" for pk in page_ids] + list(named)
    if listings:
        tags.append("listings")
    if site:
        tags.append("site")
    pagecache.bump(tags)
    # One comment saves several rows (the comment, xtd's thread numbers, its review, a follow):
    # each queues what it changed, and the first callback to run at the commit sends it all,
    # once. A transaction that rolls back leaves its changes queued: the next commit sends them
    # too, which only purges a page that did not need it.
    connection = transaction.get_connection()
    queue = connection.__dict__.setdefault("pagecache_after_commit", [])
    queue.append((tags, [int(pk) for pk in page_ids], listings))
    transaction.on_commit(partial(_after_commit, connection))


def _after_commit(connection):
    queued, connection.pagecache_after_commit = connection.__dict__.get("pagecache_after_commit", []), []
    if not queued:
        return  # an earlier callback of the same commit sent everything
    tags = sorted({tag for item_tags, _, _ in queued for tag in item_tags})
    page_ids = sorted({pk for _, ids, _ in queued for pk in ids})
    listings = any(listings for _, _, listings in queued)
    pagecache.bump(tags)
    if page_ids or listings:
        purge_cdn(page_ids, listings)


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, raw=False, signal=None, **kwargs):
    if raw:
        return  # fixtures being loaded
    stale = what_is_stale(instance, signal, **kwargs)
    if stale:
        page_ids, listings, site, named = stale
        invalidate(page_ids, listings=listings, site=site, **({"named": named} if named else {}))


@receiver(m2m_changed)
def relation_changed(sender, instance, action, signal=None, **kwargs):
    if action.startswith("post_"):
        stale = what_is_stale(instance, signal, action=action, **kwargs)
        if stale:
            page_ids, listings, site, named = stale
            invalidate(page_ids, listings=listings, site=site, **({"named": named} if named else {}))


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # treebeard moves pages with queryset updates, which send no post_save.
    invalidate([instance.pk], listings=True)
