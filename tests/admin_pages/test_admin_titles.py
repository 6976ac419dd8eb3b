"""Every custom admin view we register (the inbox and its actions, the response pages, sanctions, legal
holds) has a proper title, found from the register_admin_urls hooks so a new view is covered; and Wagtail's
messages in our admin are drawn with enough contrast (the CSS our insert_global_admin_css hook adds;
tests/browser/test_inbox.py runs axe on a success message)."""

import re

import pytest
from django.urls import URLPattern, URLResolver
from wagtail import hooks
from wagtail.models import TaskState

from core.workflow import submit_for_review
from moderation.models import CommentReview, CommentState
from tests.circle.helpers import circle_world
from tests.factories import MemorialPageFactory, TestimonyPageFactory
from tests.moderation.helpers import make_comment

pytestmark = pytest.mark.django_db

OUR_APPS = ("moderation.", "care.", "accounts.", "stories.", "support.", "boroughs.", "notifications.", "core.")
OUR_APPS += ("circle.",)
SUFFIX = " - London Listens admin"  # templates/wagtailadmin/admin_base.html


def our_admin_patterns():
    """(route, name) of every admin URL our apps' register_admin_urls hooks add."""
    found = []
    for hook in hooks.get_hooks("register_admin_urls"):
        if not hook.__module__.startswith(OUR_APPS):
            continue

        def walk(patterns, prefix=""):
            for pattern in patterns:
                if isinstance(pattern, URLResolver):
                    walk(pattern.url_patterns, prefix + str(pattern.pattern))
                elif isinstance(pattern, URLPattern):
                    found.append((prefix + str(pattern.pattern), pattern.name))

        walk(hook())
    return found


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.fixture
def world(family, resident):
    story = MemorialPageFactory(owner=family, title="Remembered Robin")
    comment = make_comment(story, resident, "Held words", state=CommentState.HELD)
    waiting = TestimonyPageFactory(owner=family, live=False, title="Waiting testimony")
    submit_for_review(waiting, family)
    state = TaskState.objects.get(workflow_state__object_id=str(waiting.pk), status="in_progress")
    return {
        "page_id": waiting.pk,
        "page_pk": story.pk,
        "task_state_id": state.pk,
        "action_name": "reject",
        "pk": CommentReview.objects.get(comment=comment).pk,
        "user_pk": resident.pk,
        **circle_world(family, resident),
    }


def test_every_custom_admin_view_has_a_title(world, moderator_client):
    patterns = our_admin_patterns()
    assert {"moderation_inbox", "legal_holds", "legal_hold", "moderation_reject"} <= {name for _, name in patterns}
    seen = 0
    for route, name in patterns:
        path = "/admin/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(world[m.group(1)]), route)
        response = moderator_client.get(path)
        if response.status_code != 200:  # POST-only actions answer a GET with a redirect or 405
            assert response.status_code in (302, 405), (path, response.status_code)
            continue
        seen += 1
        title = title_of(response.content.decode())
        assert title.endswith(SUFFIX) and title[: -len(SUFFIX)].strip(), (name, path, title)
    assert seen >= 6


def test_admin_messages_css_is_added_to_every_admin_page(moderator_client):
    html = moderator_client.get("/admin/").content.decode()
    assert 'href="/static/css/admin.css' in html
