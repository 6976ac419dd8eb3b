"""A new story starts with the safest choices however it is made: every response read by a moderator
first, and not listed by search engines. The share form's own defaults are in tests/forms/test_form_rules.py."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from stories.models import CommentPolicy, MemorialPage, StoryIndexPage, TestimonyPage
from tests.factories import UserFactory, borough

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [MemorialPage, TestimonyPage])
def test_a_story_made_without_saying_starts_premoderated_and_unlisted(tree, family, kind):
    page = kind(title="Remembered by a script", body="<p>Words.</p>", borough=borough(), owner=family)
    StoryIndexPage.objects.get().add_child(instance=page)
    page.refresh_from_db()
    assert page.comment_policy == CommentPolicy.PREMODERATED
    assert page.search_engines_allowed is False
    assert page.get_sitemap_urls(None) == []


def test_the_admins_new_memorial_form_starts_with_the_safe_choices(tree):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    index = Page.objects.get(pk=StoryIndexPage.objects.get().pk)
    html = client.get(reverse("wagtailadmin_pages:add", args=["stories", "memorialpage", index.pk])).content.decode()
    assert 'value="premoderated" checked' in html or 'value="premoderated" selected' in html
    assert 'name="search_engines_allowed"' in html
    assert 'name="search_engines_allowed" checked' not in html


def test_the_labels_speak_of_responses_not_comments():
    assert all("comment" not in label.lower() for _value, label in CommentPolicy.choices)
