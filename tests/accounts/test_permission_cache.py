"""A member's permissions are read from the shared cache, not the database, on every request after
the first (core/auth.py), and every change that can alter them is seen on the very next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import GroupPagePermission, Page

from core import auth
from tests.conftest import signed_in_client
from tests.factories import UserFactory

QUEUE = "/admin/comment-moderation/"  # moderators only (django_comments.can_moderate)


def can_moderate(client):
    response = client.get(QUEUE)
    return response.status_code == 200


def permission_reads(client, url="/"):
    """How many queries one request makes for the member's permissions (Wagtail's user bar reads a
    moderator's page permissions, joined to the permission table, itself: not counted here)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum('FROM "auth_permission"' in q["sql"] for q in captured)


def fresh(user):
    """The member as the next request loads them."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def moderators(tree):
    return Group.objects.get(name="Moderators")


@pytest.fixture
def helpers(tree):
    """A new group with no permission yet."""
    return Group.objects.create(name="Helpers")


@pytest.fixture
def moderation_powers():
    return [
        Permission.objects.get(codename="can_moderate", content_type__app_label="django_comments"),
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
    ]


def test_after_the_first_request_permissions_cost_no_query(moderator):
    client = signed_in_client(moderator)
    client.get("/")
    assert permission_reads(client) == 0
    assert can_moderate(client)
    assert permission_reads(client, "/stories/") == 0


def test_a_member_removed_from_moderators_loses_the_power_on_the_very_next_request(moderator, moderators):
    client = signed_in_client(moderator)
    assert can_moderate(client)
    moderator.groups.remove(moderators)
    assert not can_moderate(client)
    moderator.groups.add(moderators)
    assert can_moderate(client)


def test_removal_from_the_groups_side_is_seen_at_once(moderator, moderators):
    client = signed_in_client(moderator)
    assert can_moderate(client)
    moderators.user_set.remove(moderator)
    assert not can_moderate(client)
    moderators.user_set.add(moderator)
    assert can_moderate(client)
    moderators.user_set.clear()  # names nobody: everyone's entries go
    assert not can_moderate(client)


def test_a_group_gaining_a_permission_gives_it_at_once(resident, helpers, moderation_powers):
    resident.groups.add(helpers)
    client = signed_in_client(resident)
    assert not can_moderate(client)
    helpers.permissions.add(*moderation_powers)
    assert can_moderate(client)
    helpers.permissions.remove(moderation_powers[0])
    assert not can_moderate(client)


def test_a_deleted_group_takes_its_permissions_with_it(resident, helpers, moderation_powers):
    # Deleting a group deletes its memberships without any m2m signal: the group's own delete bumps.
    helpers.permissions.add(*moderation_powers)
    resident.groups.add(helpers)
    client = signed_in_client(resident)
    assert can_moderate(client)
    helpers.delete()
    assert not can_moderate(client)


def test_a_members_own_permissions_from_either_side(resident, moderation_powers):
    client = signed_in_client(resident)
    assert not can_moderate(client)
    resident.user_permissions.add(*moderation_powers)
    assert can_moderate(client)
    moderation_powers[0].user_set.remove(resident)
    assert not can_moderate(client)
    moderation_powers[0].user_set.add(resident)
    assert can_moderate(client)


def test_a_deleted_permission_is_gone_at_once(resident, moderation_powers):
    resident.user_permissions.add(*moderation_powers)
    assert "django_comments.can_moderate" in fresh(resident).get_all_permissions()
    moderation_powers[0].delete()
    assert "django_comments.can_moderate" not in fresh(resident).get_all_permissions()


def test_deactivating_or_making_superuser_is_seen_at_once(moderator, resident):
    client = signed_in_client(resident)
    assert not can_moderate(client)
    resident.is_superuser = True
    resident.save(update_fields=["is_superuser"])
    assert can_moderate(client)
    assert "stories.delete_storypage" in fresh(resident).get_all_permissions()

    assert fresh(moderator).has_perm("django_comments.can_moderate")
    moderator.is_active = False
    moderator.save()
    assert not fresh(moderator).has_perm("django_comments.can_moderate")


def test_signing_in_does_not_empty_anyones_entry(moderator):
    client = signed_in_client(moderator)
    client.get("/")
    moderator.save(update_fields=["last_login"])
    assert permission_reads(client) == 0


def test_wagtail_page_permissions_bump_the_version(moderators):
    before = cache.get(auth.EVERYONE)
    GroupPagePermission.objects.create(
        group=moderators, page=Page.objects.get(depth=2), permission=Permission.objects.get(codename="publish_page")
    )
    assert cache.get(auth.EVERYONE) != before


def test_the_answers_are_djangos_split_by_source(moderator):
    own = Permission.objects.get(codename="change_storypage")
    moderator.user_permissions.add(own)
    member = fresh(moderator)
    assert member.get_user_permissions() == {"stories.change_storypage"}
    assert "django_comments.can_moderate" in member.get_group_permissions()
    assert "stories.change_storypage" not in member.get_group_permissions()
    assert member.has_module_perms("django_comments")
    assert not member.has_module_perms("care")
    assert not fresh(UserFactory()).has_perm("django_comments.can_moderate")


class CacheDown:
    """The shared cache while Redis cannot be reached (django-redis with IGNORE_EXCEPTIONS)."""

    def __init__(self):
        self.stored = []

    def get_many(self, keys):
        return {}

    def get(self, key, default=None):
        return default

    def add(self, *args, **kwargs):
        return False

    def set(self, *args, **kwargs):
        self.stored.append(args)

    def set_many(self, *args, **kwargs):
        return list(args[0])


def test_with_the_cache_down_every_request_reads_the_database_and_stores_nothing(moderator, monkeypatch):
    down = CacheDown()
    monkeypatch.setattr(auth, "cache", down)
    client = signed_in_client(moderator)
    assert can_moderate(client)
    assert permission_reads(client) == 1
    moderator.groups.clear()
    assert not can_moderate(client)
    assert down.stored == []
