"""What a moderator may do to a family's memorial: approve or ask for changes through the workflow
and unpublish it, never edit, delete, move, copy or lock it. Administrators can (home/site_tree.py).
The refusals for every role are rows of tests/security/test_permissions.py."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from boroughs.models import BoroughPage
from home.site_tree import build_site_tree
from stories.models import StoryPage
from tests.factories import MemorialPageFactory, ThreadPageFactory, UserFactory


@pytest.fixture
def memorial(family):
    return MemorialPageFactory(owner=family, title="Jordan")


@pytest.fixture
def admin_client(tree):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _grants():
    moderators = Group.objects.get(name="Moderators")
    return sorted(
        GroupPagePermission.objects.filter(group=moderators).values_list("page__url_path", "permission__codename")
    )


def test_an_administrator_can_delete_a_memorial_a_moderator_cannot(memorial, moderator_client, admin_client):
    url = reverse("wagtailadmin_pages:delete", args=[memorial.pk])
    assert moderator_client.get(url).status_code == 302  # refused: back to the admin's home
    moderator_client.post(url)
    assert StoryPage.objects.filter(pk=memorial.pk).exists()
    assert admin_client.get(url).status_code == 200
    admin_client.post(url)
    assert not StoryPage.objects.filter(pk=memorial.pk).exists()


@pytest.mark.parametrize("view", ["move", "copy", "edit"])
def test_moving_copying_or_editing_a_memorial_is_for_administrators(memorial, moderator_client, admin_client, view):
    url = reverse(f"wagtailadmin_pages:{view}", args=[memorial.pk])
    assert moderator_client.get(url).status_code == 302
    assert admin_client.get(url).status_code == 200


def test_a_moderator_can_still_unpublish_a_memorial(memorial, moderator_client):
    moderator_client.post(reverse("wagtailadmin_pages:unpublish", args=[memorial.pk]))
    memorial.refresh_from_db()
    assert memorial.live is False


def test_moderators_keep_their_powers_on_discussions_and_plain_pages(tree, resident, moderator_client):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(
        title="Safer streets", slug="safer-streets", body="Hi", owner=resident, borough=lambeth.borough
    )
    about = Page.objects.get(slug="about")
    for page in (thread, about):
        assert moderator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_setting_up_the_site_again_changes_nothing(tree):
    before = _grants()
    build_site_tree()
    assert _grants() == before
    assert ("/london-listens/stories/", "publish_page") in before
    assert not [
        grant for grant in before if grant[0].startswith("/london-listens/stories/") and grant[1] != "publish_page"
    ]
    assert not [grant for grant in before if grant[0] in ("/", "/london-listens/")]
