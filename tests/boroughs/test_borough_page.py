"""A borough page lists its discussions (sortable, paginated) and its stories (paginated) side by side."""

import datetime

from django.test import Client
from django.utils import timezone

from boroughs.models import Borough, BoroughPage, ThreadPage
from tests.factories import MemorialPageFactory, ThreadPageFactory
from tests.moderation.helpers import make_comment


def thread(owner, title, days_ago=0):
    parent = BoroughPage.objects.get(slug="lambeth")
    page = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Hello.", owner=owner, borough=parent.borough
    )
    ThreadPage.objects.filter(pk=page.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=days_ago))
    page.refresh_from_db()
    return page


def order_of(html, *titles):
    return sorted(titles, key=html.index)


def test_discussions_sort_by_activity_newness_and_replies(tree, resident):
    old_busy = thread(resident, "Old but busy", days_ago=10)
    new_quiet = thread(resident, "New and quiet", days_ago=0)
    mid = thread(resident, "Middle", days_ago=5)
    for _ in range(3):
        make_comment(old_busy, resident, "Yes")
    make_comment(mid, resident, "Latest word")  # the most recent activity of all

    client = Client()
    active = client.get("/boroughs/lambeth/").content.decode()
    assert order_of(active, "Old but busy", "New and quiet", "Middle") == ["Middle", "Old but busy", "New and quiet"]
    new = client.get("/boroughs/lambeth/?sort=new").content.decode()
    assert order_of(new, "Old but busy", "New and quiet", "Middle") == ["New and quiet", "Middle", "Old but busy"]
    replies = client.get("/boroughs/lambeth/?sort=replies").content.decode()
    assert order_of(replies, "Old but busy", "New and quiet", "Middle")[0] == "Old but busy"
    assert '<option value="replies" selected>' in replies
    # An unknown order is not an error: it falls back to recent activity.
    assert client.get("/boroughs/lambeth/?sort=<script>").status_code == 200
    assert new_quiet.title in active


def test_discussions_and_stories_page_separately_keeping_the_order(tree, resident):
    for n in range(12):
        thread(resident, f"Thread {n:02d}", days_ago=n)
    lambeth = Borough.objects.get(slug="lambeth")
    for n in range(11):
        MemorialPageFactory(title=f"Person {n:02d}", borough=lambeth)
    client = Client()
    first = client.get("/boroughs/lambeth/?sort=new").content.decode()
    assert 'href="?sort=new&amp;threads_page=2"' in first
    assert 'href="?sort=new&amp;stories_page=2"' in first
    second_threads = client.get("/boroughs/lambeth/?sort=new&threads_page=2").content.decode()
    assert "Thread 10" in second_threads and "Thread 11" in second_threads and "Thread 00" not in second_threads
    # Paging the discussions leaves the first page of stories in place.
    assert "Person 10" in second_threads
