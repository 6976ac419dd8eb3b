"""Search results shared among everyone who sends the same query (search/views.py) stay true.

With fragments on, as in production: a change to what may be found is seen by the next search,
and a shared copy is byte for byte what a fresh render shows.
"""

import re

import pytest
from django.test import Client

from caching import fragments, pagecache
from moderation import actions
from moderation.models import CommentReview
from search import views
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, ModeratorFactory, UserFactory
from tests.moderation.helpers import make_comment

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _shared(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    fragments.forget_local()
    yield
    fragments.forget_local()


def found(client, q="lantern"):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return CSRF.sub("", response.content.decode())


def test_a_story_published_after_a_search_is_found_by_the_next_one(tree):
    visitor, member = Client(), signed_in_client(UserFactory())
    for client in (visitor, member):
        assert "Amani" not in found(client)
    MemorialPageFactory(title="Amani", body="<p>We light a lantern for him every spring.</p>")
    for client in (visitor, member):
        assert "Amani" in found(client)


def test_a_hidden_response_leaves_the_shared_results_at_once(tree):
    story = MemorialPageFactory(title="Amani")
    comment = make_comment(story, UserFactory(), "A lantern in the window for Amani")
    visitor, member = Client(), signed_in_client(UserFactory())
    for client in (visitor, member):
        assert "in the window for Amani" in found(client)
    actions.hide(
        CommentReview.for_comment(comment), by=ModeratorFactory(), reason_code="other", label="Hidden by a moderator"
    )
    for client in (visitor, member):
        assert "in the window for Amani" not in found(client)


def test_the_index_catching_up_after_its_task_makes_shared_results_stale(tree):
    # With the task worker, Wagtail indexes a page after the page's own change was seen.
    from modelsearch.tasks import insert_or_update_object_task

    story = MemorialPageFactory(title="Amani")
    before = pagecache.current_versions(views.TAGS)
    insert_or_update_object_task.enqueue(story._meta.app_label, story._meta.model_name, str(story.pk))
    after = pagecache.current_versions(views.TAGS)
    assert after != before
    assert after["listings"] == before["listings"]  # the listings are not emptied for it


def test_a_shared_copy_is_what_a_fresh_render_shows(tree, settings):
    MemorialPageFactory(title="Amani", body="<p>We light a lantern for him every spring.</p>")
    clients = {"visitor": Client(), "member": signed_in_client(UserFactory())}
    found(signed_in_client(UserFactory()))  # someone else's search fills the shared copy
    for who, client in clients.items():
        from_the_copy = found(client)
        settings.FRAGMENT_CACHE_SECONDS = 0
        assert from_the_copy == found(client), who
        settings.FRAGMENT_CACHE_SECONDS = 300
        assert "Amani" in from_the_copy
