"""The circle's demo: a published discussion (a peer supporter replied), one waiting, families who
chose to be found, requests to talk; every name fictional; loading twice changes nothing."""

import pytest
from django.urls import reverse

from circle.demo import load_demo_circle
from circle.models import Discussion, FamilyListing, PeerSupporter, Reply, Status, TalkRequest
from tests.conftest import signed_in_client
from tests.factories import FamilyFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Discussion, Reply, FamilyListing, PeerSupporter, TalkRequest)]


def test_the_demo_has_a_discussion_findable_families_and_a_peer_supporter_and_is_idempotent(tree):
    accounts = {"family": FamilyFactory(), "resident": UserFactory(), "moderator": ModeratorFactory()}
    load_demo_circle(accounts)
    first = _counts()
    load_demo_circle(accounts)
    assert _counts() == first
    published = Discussion.objects.get(status=Status.PUBLISHED)
    assert published.replies.filter(author__peer_supporter__isnull=False).exists()
    assert Discussion.objects.filter(status=Status.WAITING, author=accounts["family"]).exists()
    assert FamilyListing.objects.filter(findable=True).count() == 2
    assert TalkRequest.objects.filter(recipient=accounts["family"], status=TalkRequest.WAITING).exists()
    assert TalkRequest.objects.filter(status=TalkRequest.WITH_MODERATOR).exists()
    for listing in FamilyListing.objects.select_related("user__profile"):
        assert "(demo family)" in listing.user.profile.display_name and listing.user.email.endswith("@example.org")
        assert not listing.user.has_usable_password()
    for d in Discussion.objects.all():
        assert "fictional" in d.body

    html = signed_in_client(accounts["family"]).get(reverse("circle_home")).content.decode()
    assert "The first anniversary" in html
    html = signed_in_client(accounts["family"]).get(reverse("circle_discussion", args=[published.pk])).content.decode()
    assert "trained peer supporter" in html


def test_me_links_to_the_circle_for_families_only(tree):
    assert "/circle/" in signed_in_client(FamilyFactory()).get(reverse("my_settings")).content.decode()
    assert "/circle/" not in signed_in_client(UserFactory()).get(reverse("my_settings")).content.decode()
