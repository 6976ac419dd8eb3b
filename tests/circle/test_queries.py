"""The circle's pages cost the same number of queries with 0, 10 or 100 discussions, replies,
families and requests (each list is read with what it shows in one go, and paged)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circle.models import Discussion, FamilyListing, PeerSupporter, Reply, Status, TalkRequest
from tests.conftest import signed_in_client
from tests.factories import FamilyFactory

from .helpers import listing

pytestmark = pytest.mark.django_db

SIZES = (0, 10, 100)


def _grow(n, family, other_family, target):
    """Up to `n` of everything, each written by a different family (some of them peer supporters)."""
    have = Discussion.objects.filter(title__startswith="Grown").count()
    for i in range(have, n):
        author = FamilyFactory()
        if i % 3 == 0:
            PeerSupporter.objects.create(user=author)
        listing(author, loss="gun" if i % 2 else "knife")
        d = Discussion.objects.create(author=author, title=f"Grown {i}", body="Words", status=Status.PUBLISHED)
        Reply.objects.create(discussion=d, author=family, body="A reply", status=Status.PUBLISHED)
        Reply.objects.create(discussion=target, author=author, body=f"Reply {i}", status=Status.PUBLISHED)
        TalkRequest.objects.create(
            sender=author, recipient=family, message="Talk?", status="waiting", sender_contact="a@example.org"
        )
        TalkRequest.objects.create(
            sender=family,
            recipient=author,
            message="Talk?",
            status="accepted",
            sender_contact="b@example.org",
            recipient_contact="c@example.org",
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_every_circle_page_costs_the_same_however_much_there_is(family, other_family):
    target = Discussion.objects.create(author=other_family, title="Target", body="Words", status=Status.PUBLISHED)
    own = listing(other_family)
    client = signed_in_client(family)
    urls = {
        "circle": reverse("circle_home"),
        "discussion": reverse("circle_discussion", args=[target.pk]),
        "directory": reverse("circle_directory"),
        "directory filtered": reverse("circle_directory") + "?borough=southwark&loss=gun",
        "requests": reverse("circle_requests"),
        "findable": reverse("circle_findable"),
        "ask": reverse("circle_ask", args=[own.pk]),
    }
    counts = {}
    for n in SIZES:
        _grow(n, family, other_family, target)
        assert FamilyListing.objects.count() == n + 1
        for name, url in urls.items():
            client.get(url)  # the session and per-request memos warmed, as for any reader
            counts.setdefault(name, []).append(_count(client, url))
    flat = {name: found for name, found in counts.items() if len(set(found)) != 1}
    assert not flat, f"queries grow with the data (0, 10, 100): {flat}"
