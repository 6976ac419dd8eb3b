"""The demo shows nothing published that the site's own screening would hold (issue 13).

Every published demo response, and the text of every published demo story and discussion, goes
through the real screening (`moderation.screening.screen`, with the starter phrase list, as for a
new author: the strictest check). What the screening holds is shown held in the queue, with its reason.
"""

import io

import pytest
from django.core.management import call_command

from boroughs.models import ThreadPage
from core.sanitise import plain_text
from moderation.admin_views import queue_counts
from moderation.models import CommentReview, CommentState
from moderation.screening import screen
from stories.models import StoryPage


@pytest.fixture
def demo(tree):
    call_command("load_demo_data", stdout=io.StringIO())


def test_no_published_demo_response_is_one_the_screening_would_hold(demo):
    published = CommentReview.objects.filter(state=CommentState.PUBLISHED).select_related("comment")
    assert published.count() >= 5
    held = {r.comment.comment: screen(r.comment.comment, trusted=False) for r in published}
    assert {text: reasons for text, reasons in held.items() if reasons} == {}


def test_no_published_demo_story_or_discussion_is_one_the_screening_would_hold(demo):
    pages = [*StoryPage.objects.live().specific(), *ThreadPage.objects.live()]
    assert len(pages) >= 10
    held = {}
    for page in pages:
        text = "\n".join([page.title, plain_text(page.body), getattr(page, "content_note", "")])
        reasons = screen(text, trusted=False)
        if reasons:
            held[page.title] = reasons
    assert held == {}


def test_the_response_the_screening_holds_is_shown_held_in_the_queue_with_its_reason(demo):
    review = CommentReview.objects.get(comment__comment__startswith="Everyone knows who did this")
    assert review.state == CommentState.HELD
    assert review.comment.is_public is False
    assert review.reasons == screen(review.comment.comment, trusted=False)
    assert review.reason_labels == [
        "matches the screening list: get what's coming",
        "says who is guilty of a crime (could prejudice a trial, or be defamatory)",
    ]
    assert not review.comment.flag_reports.exists()


def test_the_queue_still_has_work_in_every_tab(demo):
    counts = queue_counts()
    assert counts["held"] >= 1 and counts["flagged"] >= 1 and counts["hidden"] >= 1


def test_an_older_demo_database_has_that_response_moved_to_the_queue(demo):
    from django_comments_xtd.models import XtdComment

    comment = XtdComment.norel_objects.get(comment__startswith="Everyone knows who did this")
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=True)
    CommentReview.objects.filter(comment=comment).update(state=CommentState.PUBLISHED, reasons=[])
    call_command("load_demo_data", stdout=io.StringIO())
    review = CommentReview.objects.get(comment=comment)
    assert review.state == CommentState.HELD and review.reason_labels
    comment.refresh_from_db()
    assert comment.is_public is False
