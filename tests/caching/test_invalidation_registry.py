"""Invalidation is declared where the data lives (caching/invalidation.py, filled by each app's ready()).

Every model that refers to a page or a comment, and every parent of one, must be declared
(its changes bump what it names) or deliberately ignored (with a reason): a new model that
points at a page fails here until its app says which. Changes saved through a parent model
(django_comments' base `Comment`) are seen on the next request; drafts, log entries and follows
leave the listings alone; publishing bumps once.
"""

import pytest
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.test import Client
from django_comments.models import Comment
from wagtail.models import Page, PageLogEntry

from caching import fragments, invalidation, pagecache, signals
from notifications.models import Follow
from tests.caching.test_page_cache import HIT, MISS, get, warm
from tests.conftest import signed_in_client
from tests.factories import UserFactory
from tests.moderation.helpers import make_comment


def refers_to_a_page_or_comment(model):
    for field in model._meta.get_fields():
        if isinstance(field, GenericForeignKey):
            return True
        related = getattr(field, "related_model", None)
        points_at_a_row = field.concrete and (field.many_to_one or field.one_to_one) and not field.auto_created
        if points_at_a_row and isinstance(related, type) and issubclass(related, (Page, Comment)):
            return True
    return False


def models_that_can_make_a_page_stale():
    found = set()
    for model in apps.get_models():
        if issubclass(model, (Page, Comment)) or refers_to_a_page_or_comment(model):
            found.add(model)
            found.update(model._meta.get_parent_list())
    return found


def test_every_model_that_refers_to_a_page_or_comment_is_declared_or_ignored():
    models = models_that_can_make_a_page_stale()
    assert Comment in models and Follow in models  # the check sees parents and plain foreign keys
    undeclared = sorted(m._meta.label for m in models if not invalidation.is_declared_or_ignored(m))
    assert undeclared == [], f"declare or ignore these in their app's ready(): {undeclared}"


def test_ignoring_needs_a_reason():
    with pytest.raises(ValueError):
        invalidation.ignore(Follow, "")


def test_a_comment_hidden_through_the_base_comment_model_disappears_for_everyone(settings, story, resident, visitor):
    settings.FRAGMENT_CACHE_SECONDS = 300
    fragments.forget_local()
    comment = make_comment(story, resident, "Words that must go at once")
    reader = signed_in_client(UserFactory())
    assert "Words that must go at once" in warm(visitor, story.url)
    assert "Words that must go at once" in get(reader, story.url)[1]  # fills the shared fragments
    base = Comment.objects.get(pk=comment.pk)
    assert type(base) is Comment
    base.is_public = False
    base.save()
    response, html = get(visitor, story.url)
    assert response[pagecache.HEADER] == MISS
    assert "Words that must go at once" not in html
    assert "Words that must go at once" not in get(reader, story.url)[1]
    fragments.forget_local()


def versions(*tags):
    return pagecache.current_versions(list(tags))


def test_a_draft_revision_leaves_the_page_and_listings_alone(story, visitor):
    warm(visitor, story.url)
    before = versions("listings", f"page:{story.pk}")
    story.title = "A draft title nobody sees yet"
    story.save_revision()
    assert versions("listings", f"page:{story.pk}") == before
    assert get(visitor, story.url)[0][pagecache.HEADER] == HIT


def test_log_entries_and_follows_leave_the_listings_alone(story, resident):
    before = versions("listings", f"page:{story.pk}", "site")
    PageLogEntry.objects.log_action(story, "wagtail.edit")
    Follow.objects.create(user=resident, page=story)
    assert versions("listings", f"page:{story.pk}", "site") == before


def test_publishing_invalidates_the_page_and_listings_once(story, monkeypatch):
    # Once when it happens; `invalidate` itself bumps again after the commit (tests/caching/test_page_cache.py).
    calls = []
    monkeypatch.setattr(signals, "invalidate", lambda *args, **kwargs: calls.append((args, kwargs)))
    story.title = "Jordan, remembered"
    story.save_revision().publish()
    assert calls == [(([story.pk],), {"listings": True, "site": False})]


def test_a_view_restriction_refreshes_the_page_at_once(story, visitor):
    from wagtail.models import PageViewRestriction

    warm(visitor, story.url)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(story.url)
    assert response.status_code == 302 and "login" in response["Location"]  # never the stored copy
    assert response.get(pagecache.HEADER) != HIT
