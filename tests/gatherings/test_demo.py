"""The demo's gatherings: one for families only, one full with a waiting list, one cancelled, one
waiting for a moderator; fictional venues, never an address; loading twice changes nothing."""

import pytest

from gatherings.demo import load_demo_gatherings
from gatherings.models import FAMILIES, Attendance, GatheringPage
from tests.factories import FamilyFactory, MemorialPageFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_each_kind_of_gathering_and_is_idempotent(tree):
    accounts = {
        "family": FamilyFactory(),
        "resident": UserFactory(),
        "moderator": ModeratorFactory(),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    MemorialPageFactory(owner=accounts["family"])
    load_demo_gatherings(accounts)
    load_demo_gatherings(accounts)
    live = GatheringPage.objects.live()
    assert live.count() == 3 and GatheringPage.objects.count() == 4
    assert live.filter(audience=FAMILIES, memorial__isnull=False).count() == 1
    assert live.filter(cancelled_at__isnull=False).count() == 1
    full = [g for g in live if g.attendances.filter(status=Attendance.CONFIRMED).count() == g.capacity]
    assert len(full) == 1 and full[0].attendances.filter(status=Attendance.WAITING).exists()
    for gathering in GatheringPage.objects.all():
        assert "(demo)" in gathering.title and "example venue" in gathering.address
