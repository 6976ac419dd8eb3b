"""What `stories` holds for a member: their stories and candles, in their download, and what
deleting their account does to them (registered in `StoriesConfig.ready()`; see
`accounts/holdings.py`, `accounts/data.py` and `accounts/deletion.py`)."""

from wagtail.images import get_image_model

from accounts.data import export_date, pages_export
from accounts.deletion import remove_page
from boroughs.models import Borough

from .models import Candle, CommentPolicy, MemorialPage, StoryPage


def _story_details(pages, latest_versions):
    photo_ids = {latest_versions[p.pk].photo for p in pages if isinstance(p, MemorialPage)} - {None}
    photos = {image.pk: image for image in get_image_model().objects.filter(pk__in=photo_ids)}
    policies = dict(CommentPolicy.choices)

    def add(page, latest, row):
        if isinstance(page, StoryPage):
            row["who_may_respond"] = policies.get(latest.comment_policy, latest.comment_policy)
            row["search_engines_may_list_it"] = latest.search_engines_allowed
        if isinstance(page, MemorialPage):
            row["date_of_birth"] = latest.content.get("date_of_birth", export_date(page.date_of_birth))
            row["date_of_death"] = latest.content.get("date_of_death", export_date(page.date_of_death))
            photo = photos.get(latest.content.get("photo", page.photo_id))
            row["photo"] = (
                {"file": photo.file.name.rsplit("/", 1)[-1], "description": photo.description} if photo else None
            )

    return add


def stories_export(user, request, pages):
    stories = StoryPage.objects.filter(owner=user).order_by("pk").specific()
    boroughs = dict(Borough.objects.values_list("pk", "name"))
    rows = pages_export(stories, request, borough_names=boroughs, details=_story_details)
    return lambda: rows


def candles_export(user, request, pages):
    candles = list(Candle.objects.filter(user=user).order_by("lit_at", "pk"))
    pages.want(c.memorial_id for c in candles)
    return lambda: [{"memorial": pages.describe(c.memorial_id), "lit": export_date(c.lit_at)} for c in candles]


def erase_stories(user, counts):
    """Stories are taken down and deleted with every revision, photo, response and follower."""
    photo_ids = set()
    for story in StoryPage.objects.filter(owner=user):
        photo_ids |= remove_page(story)
        counts["stories_deleted"] += 1
    return photo_ids
