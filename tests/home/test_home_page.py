"""The home page brings London together: welcome, pinned and newest stories, active conversations, boroughs."""

from django.test import Client

from boroughs.models import BoroughPage
from home.models import HomePagePinnedStory
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory
from tests.moderation.helpers import make_comment


def published_thread(owner, borough_slug, title):
    parent = BoroughPage.objects.get(slug=borough_slug)
    thread = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Hello.", owner=owner, borough=parent.borough
    )
    return thread


def test_home_shows_welcome_support_and_newest_stories(tree):
    MemorialPageFactory(title="Newest person")
    html = Client().get("/").content.decode()
    assert "London Listens is a place for families" in html
    assert 'href="tel:116123"' in html and 'href="/support/"' in html
    assert "Remembering Newest person" in html


def test_pinned_stories_come_first_and_are_not_repeated(tree):
    old = MemorialPageFactory(title="Older but pinned")
    MemorialPageFactory(title="Brand new")
    HomePagePinnedStory.objects.create(page=tree.home, story=old, sort_order=0)
    html = Client().get("/").content.decode()
    assert html.index("Stories to read first") < html.index("Older but pinned") < html.index("Newest stories")
    assert html.count("Remembering Older but pinned") == 1


def test_unpublished_pinned_story_is_not_shown(tree):
    draft = TestimonyPageFactory(title="Pinned draft", live=False)
    HomePagePinnedStory.objects.create(page=tree.home, story=draft, sort_order=0)
    html = Client().get("/").content.decode()
    assert "Pinned draft" not in html and "Stories to read first" not in html


def test_conversations_across_london_are_most_recently_active_first(tree, resident):
    quiet = published_thread(resident, "lambeth", "Quiet thread")
    busy = published_thread(resident, "hackney", "Busy thread")
    make_comment(busy, resident, "Just now")
    html = Client().get("/").content.decode()
    assert html.index("Busy thread") < html.index("Quiet thread")
    assert "Hackney · 1 response" in html
    assert quiet.title in html


def test_borough_picker_goes_to_the_chosen_borough_without_javascript(tree):
    html = Client().get("/").content.decode()
    assert '<form method="get" action="/boroughs/"' in html and 'name="borough"' in html
    response = Client().get("/boroughs/", {"borough": "hackney"})
    assert response.status_code == 302 and response["Location"] == "/boroughs/hackney/"
    assert Client().get("/boroughs/", {"borough": "atlantis"}).status_code == 200


def test_home_page_query_count_does_not_grow_with_content(tree, resident, django_assert_max_num_queries):
    MemorialPageFactory()
    TestimonyPageFactory()
    published_thread(resident, "lambeth", "One")
    client = Client()
    client.get("/")
    with django_assert_max_num_queries(40) as baseline:
        client.get("/")
    for n in range(6):
        MemorialPageFactory()
        TestimonyPageFactory()
        thread = published_thread(resident, "hackney", f"Thread {n}")
        make_comment(thread, resident, "Hello")
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get("/")
