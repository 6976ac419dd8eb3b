"""What changes which cached pages: every write that can alter what a visitor reads.

Each change bumps its tags at once (so nothing later in the same request or test reads a
stale copy) and again once the transaction commits (so a page rendered by another worker
from the pre-commit data, and stored meanwhile, is a miss too). After the commit the CDN
is asked to purge the page and, when listings changed, the pages that list it.
"""

from functools import cache, partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.models import Profile
from boroughs.models import Borough
from care.models import LegalHold, QuietPeriod
from moderation.models import CommentFlagReport, CommentReview, Sanction
from stories.models import Candle
from support.models import SupportCategory, SupportService

from . import pagecache
from .frontend import purge_cdn

# Shown on every page (support panels, borough names, members' names and badges) or a
# moderation decision about a member: rare, so they simply refresh everything.
SITE_WIDE_MODELS = (Borough, SupportService, SupportCategory, Profile, Sanction, Site)


def invalidate(page_ids=(), listings=False, site=False):
    tags = [f"page:{pk}" for pk in page_ids]
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


def _page_of_comment(comment_id):
    return XtdComment.norel_objects.filter(pk=comment_id).values_list("object_pk", flat=True).first()


@receiver(post_save)
@receiver(post_delete)
def model_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, Page):
        invalidate([instance.pk], listings=True)
    elif isinstance(instance, XtdComment):
        # A comment appears on its page and in thread activity on the home and borough pages.
        invalidate([instance.object_pk], listings=True)
    elif isinstance(instance, (CommentReview, CommentFlagReport)):
        object_pk = _page_of_comment(instance.comment_id)
        if object_pk:
            invalidate([object_pk])
    elif isinstance(instance, Candle):
        invalidate([instance.memorial_id])
    elif isinstance(instance, QuietPeriod):
        invalidate([instance.story_id])
    elif isinstance(instance, LegalHold):
        invalidate([instance.page_id])
    elif isinstance(instance, Profile) and kwargs.get("signal") is post_save and not _profile_shows_changed(instance):
        return  # a member's settings, a request for the family role, or joining: no page shows these
    elif isinstance(instance, (*SITE_WIDE_MODELS, get_image_model(), BaseSiteSetting, BaseGenericSetting)):
        invalidate(site=True)
    else:
        # Anything else that points at a page (a quiet period, a legal hold, a pin...) may change
        # how that page reads, including models added after this module was written.
        page_ids = [getattr(instance, name) for name in _page_foreign_keys(type(instance))]
        if any(page_ids):
            invalidate([pk for pk in page_ids if pk], listings=True)


# What pages show of a member: their name and their badge, on what they wrote.
PROFILE_SHOWN = ("display_name", "is_family")


@receiver(pre_save, sender=Profile)
def _remember_what_pages_show(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._shown_before = Profile.objects.filter(pk=instance.pk).values_list(*PROFILE_SHOWN).first()


def _profile_shows_changed(profile):
    """Whether a saved profile changes what some page shows: its name or badge changed, and the
    member has written a comment or owns a page (a new member, naming themselves, has neither)."""
    before = getattr(profile, "_shown_before", None)
    if before is None or before == tuple(getattr(profile, name) for name in PROFILE_SHOWN):
        return False
    return (
        XtdComment.norel_objects.filter(user_id=profile.user_id).exists()
        or Page.objects.filter(owner_id=profile.user_id).exists()
    )


@cache
def _page_foreign_keys(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is not None and issubclass(field.related_model, Page)
    ]


@receiver(m2m_changed)
def relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, SITE_WIDE_MODELS):
        invalidate(site=True)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_state_changed(sender, instance, **kwargs):
    invalidate([instance.pk], listings=True)
