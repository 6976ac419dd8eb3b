"""A published response from before the moderation app (no `CommentReview` row) can still be
reported: the third report hides it, as for any other response, instead of failing."""

import pytest
from django.test import Client

from moderation.models import CommentReview, CommentState
from tests.factories import MemorialPageFactory, UserFactory
from tests.moderation.helpers import make_comment


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan")


def test_the_third_report_hides_a_response_that_has_no_review_row(story, resident):
    comment = make_comment(story, resident, "Imported words")
    CommentReview.objects.filter(comment=comment).delete()  # as an imported, pre-moderation response
    for _ in range(3):
        client = Client()
        client.force_login(UserFactory())
        response = client.post(f"/comments/{comment.pk}/report/", {"reason": "harassment", "next": story.url})
        assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public is False
    review = CommentReview.objects.get(comment=comment)
    assert review.state == CommentState.HIDDEN
    assert "Imported words" not in Client().get(story.url).content.decode()
