"""The demo data gives a moderator a queue with work in it, and residents threads to read."""

import io

from django.core.management import call_command

from boroughs.models import ThreadPage
from moderation.admin_views import queue_counts
from moderation.models import CommentReview, CommentState


def test_demo_data_has_threads_and_comments_in_every_state_and_is_idempotent(tree):
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    assert ThreadPage.objects.live().values("borough").distinct().count() >= 4
    assert ThreadPage.objects.filter(live=False).count() == 1
    counts = queue_counts()
    assert counts["held"] >= 1 and counts["flagged"] >= 1 and counts["hidden"] >= 1
    assert CommentReview.objects.filter(state=CommentState.PUBLISHED).count() >= 5
