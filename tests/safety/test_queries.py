"""Safety's pages cost the same queries with 0, 10 and 100 records, and none above 15."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safety import appeals, reports, targets
from safety.models import AppealKind
from tests.factories import MemorialPageFactory, ModeratorFactory, SanctionFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add(memorial, n):
    target = targets.resolve("stories.memorialpage", memorial.pk)
    for i in range(n):
        category = "at_risk" if i % 5 == 0 else "spam"
        reports.file_report(target, category=category, detail=f"Report {i}")
        sanction = SanctionFactory()
        appeals.file_appeal(appeals.decision_for(AppealKind.SANCTION, sanction.pk), reason=f"Appeal {i}")


def test_query_counts_do_not_grow(tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    memorial = MemorialPageFactory()
    staff = Client()
    staff.force_login(ModeratorFactory())
    urls = [
        (Client(), reverse("safety_transparency")),
        (Client(), reverse("safety_report", args=["stories.memorialpage", memorial.pk])),
        (staff, reverse("moderation_inbox") + "?tab=reports"),
        (staff, reverse("moderation_inbox") + "?tab=appeals"),
    ]
    counts = {}
    for n in (0, 10, 90):  # 0, 10 and 100 of each
        _add(memorial, n)
        counts[n] = [_queries(client, url) for client, url in urls]
    assert counts[0][:2] == counts[10][:2] == counts[90][:2], counts
    # The inbox shows reports and appeals once there are some: the same number for 10 as for 100.
    assert counts[10] == counts[90], counts
    assert max(counts[0][:2]) <= 15, counts


def test_transparency_page_is_cached_for_visitors_and_a_new_report_is_a_miss(tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    memorial = MemorialPageFactory()
    url = reverse("safety_transparency")
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    reports.file_report(targets.resolve("stories.memorialpage", memorial.pk), category="hate", detail="")
    fresh = Client().get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Hate" in fresh.content.decode()
