"""What a moderator may do to a family's memorial: approve or ask for changes through the workflow
and unpublish it, never edit, delete, move, copy or lock it. Administrators can (home/site_tree.py).
The refusals for every role are rows of tests/security/test_permissions.py."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry

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


def test_a_moderator_unpublishes_a_memorial_only_with_a_reason_the_family_is_told(
    memorial, family, moderator, moderator_client, mailoutbox
):
    """Wagtail's own unpublish asks for no reason: a moderator is sent to take it down with one."""
    response = moderator_client.post(reverse("wagtailadmin_pages:unpublish", args=[memorial.pk]))
    take_down = reverse("moderation_take_down", args=[memorial.pk])
    assert response.status_code == 302 and response["Location"] == take_down
    memorial.refresh_from_db()
    assert memorial.live is True

    form = moderator_client.get(take_down).content.decode()
    assert 'name="reason"' in form and 'maxlength="1000"' in form
    refused = moderator_client.post(take_down, {"reason": "  "})
    assert "Please tell the family why" in refused.content.decode()
    memorial.refresh_from_db()
    assert memorial.live is True

    moderator_client.post(take_down, {"reason": "It <b>names</b> a witness."})
    memorial.refresh_from_db()
    assert memorial.live is False
    entry = PageLogEntry.objects.get(page=memorial, action="moderation.story_taken_down")
    assert entry.user == moderator and entry.data["reason"] == "It names a witness."
    assert PageLogEntry.objects.filter(page=memorial, action="wagtail.unpublish", user=moderator).exists()
    [message] = [m for m in mailoutbox if family.email in m.to]
    assert "It names a witness." in message.body and "Jordan" in message.subject


def test_a_reason_too_long_is_told_not_cut(memorial, moderator_client):
    response = moderator_client.post(reverse("moderation_take_down", args=[memorial.pk]), {"reason": "x" * 1001})
    assert "Please keep the reason to 1000 characters (it has 1001)" in response.content.decode()
    memorial.refresh_from_db()
    assert memorial.live


def test_an_administrator_still_unpublishes_through_wagtail(memorial, admin_client):
    admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[memorial.pk]))
    memorial.refresh_from_db()
    assert memorial.live is False


def test_the_stories_listing_offers_take_down_to_moderators(memorial, moderator_client):
    html = moderator_client.get(f"/admin/pages/{memorial.get_parent().pk}/").content.decode()
    assert reverse("moderation_take_down", args=[memorial.pk]) in html


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
