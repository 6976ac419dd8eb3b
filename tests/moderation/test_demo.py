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


def test_demo_has_a_discussion_under_legal_hold_with_a_held_comment_in_the_queue(tree):
    from care.models import LegalHold
    from moderation.demo import LEGAL_HOLD_COMMENT, LEGAL_HOLD_THREAD

    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    thread = ThreadPage.objects.get(title=LEGAL_HOLD_THREAD[1], live=True)
    assert LegalHold.objects.active().filter(page=thread).count() == 1
    review = CommentReview.objects.get(comment__comment=LEGAL_HOLD_COMMENT)
    assert review.state == CommentState.HELD
    assert [r["code"] for r in review.reasons].count("legal_hold") == 1
