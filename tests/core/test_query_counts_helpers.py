"""The helpers that save queries give the same answers as Wagtail and Django (core/pages.py, core/auth.py)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.pages import public
from stories.models import StoryPage
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, UserFactory


@pytest.fixture
def stories(tree):
    return MemorialPageFactory(title="Open story"), MemorialPageFactory(title="Private story")


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_public_gives_wagtails_answer_with_and_without_restrictions(stories):
    open_story, private_story = (story.pk for story in stories)
    everything = {open_story, private_story}
    assert pks(public(StoryPage.objects.live())) == pks(StoryPage.objects.live().public()) == everything
    PageViewRestriction.objects.create(page_id=private_story, restriction_type=PageViewRestriction.LOGIN)
    assert pks(public(StoryPage.objects.live())) == pks(StoryPage.objects.live().public()) == {open_story}


def test_a_restricted_page_still_asks_for_a_password_and_is_left_out_of_listings(stories):
    open_story, private_story = stories
    PageViewRestriction.objects.create(
        page=private_story, restriction_type=PageViewRestriction.PASSWORD, password="not-for-everyone"
    )
    client = Client()
    assert client.get(open_story.url).status_code == 200
    response = client.get(private_story.url)
    assert b"not-for-everyone" not in response.content
    assert b'name="password"' in response.content  # Wagtail's password form, not the story
    assert "Private story" not in client.get("/stories/").content.decode()
    assert "Open story" in client.get("/stories/").content.decode()


def test_a_restriction_on_a_section_covers_the_pages_under_it(stories):
    open_story, _ = stories
    index = Page.objects.get(slug="stories")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(open_story.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_routing_finds_pages_by_their_path_and_404s_the_rest(stories):
    open_story, _ = stories
    client = Client()
    assert client.get(open_story.url).status_code == 200
    assert client.get("/boroughs/lambeth/").status_code == 200
    assert client.get("/stories/no-such-story/").status_code == 404
    assert client.get("/no-such-section/" + open_story.slug + "/").status_code == 404
    open_story.unpublish()
    assert client.get(open_story.url).status_code == 404


def test_routing_costs_two_queries_however_deep_the_page(stories):
    """The site, the site's root page, then one query for the pages on the path and one for the last one's kind."""
    open_story, _ = stories
    client = Client()
    client.get("/")
    with CaptureQueriesContext(connection) as shallow:
        client.get("/about/")
    with CaptureQueriesContext(connection) as deep:
        client.get(open_story.url)
    page_queries = [q["sql"] for q in deep.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]
    assert len([sql for sql in page_queries if '"url_path" IN' in sql]) == 1
    assert len(shallow) <= len(deep)


def permissions_of(user):
    return {p for p in user.get_all_permissions() if p.startswith(("django_comments.", "wagtailadmin.", "stories."))}


def test_permissions_are_django_s_and_read_in_one_query_then_from_the_cache(tree):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    own = Permission.objects.get(codename="change_storypage")
    moderator.user_permissions.add(own)
    fresh = type(moderator).objects.get(pk=moderator.pk)
    with CaptureQueriesContext(connection) as captured:
        assert fresh.has_perm("django_comments.can_moderate")
        assert fresh.has_perm("wagtailadmin.access_admin")
        assert fresh.has_perm("stories.change_storypage")
        assert not fresh.has_perm("stories.delete_storypage")
    assert len(captured) == 1
    # The same sets Django's ModelBackend would give, split by where they come from.
    assert fresh.get_user_permissions() == {"stories.change_storypage"}
    assert "django_comments.can_moderate" in fresh.get_group_permissions()
    assert "stories.change_storypage" not in fresh.get_group_permissions()

    resident = type(moderator).objects.get(pk=UserFactory().pk)
    assert not resident.has_perm("django_comments.can_moderate")
    assert resident.get_all_permissions() == set()


def test_inactive_members_have_no_permissions_and_superusers_all(tree):
    inactive = UserFactory()
    inactive.groups.add(Group.objects.get(name="Moderators"))
    inactive.is_active = False
    inactive.save()
    assert not type(inactive).objects.get(pk=inactive.pk).has_perm("django_comments.can_moderate")
    boss = UserFactory(is_superuser=True)
    assert "django_comments.can_moderate" in type(boss).objects.get(pk=boss.pk).get_all_permissions()


def test_signing_in_still_works_and_sessions_name_a_real_backend(tree, client):
    member = UserFactory()
    client.force_login(member)
    assert client.session["_auth_user_backend"] != "core.auth.CachedPermissionsBackend"
    assert signed_in_client(member).get("/").context["request"].user == member
