"""The family chooses who may respond to their story and can ask for any comment to be hidden."""

from django.core import mail
from wagtail.models import PageLogEntry

from moderation.models import CommentReview, CommentState
from stories.models import CommentPolicy, StoryPage

from .helpers import make_comment


def test_family_sees_policy_controls_on_their_own_story_only(story, family_client, other_family):
    assert "Who may respond to your story" in family_client.get(story.url).content.decode()
    from tests.factories import MemorialPageFactory

    theirs = MemorialPageFactory(owner=other_family)
    assert "Who may respond to your story" not in family_client.get(theirs.url).content.decode()


def test_family_closes_comments_on_the_live_page_and_its_latest_revision(story, family, family_client):
    response = family_client.post(f"/comments/policy/{story.pk}/", {"comment_policy": "closed"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.comment_policy == CommentPolicy.CLOSED
    assert story.latest_revision.as_object().comment_policy == CommentPolicy.CLOSED
    assert PageLogEntry.objects.filter(page=story, action="moderation.comment_policy").exists()
    assert "Responses are closed here" in family_client.get(story.url).content.decode()


def test_other_family_cannot_change_the_policy(story, other_family):
    from django.test import Client

    client = Client()
    client.force_login(other_family)
    assert client.post(f"/comments/policy/{story.pk}/", {"comment_policy": "closed"}).status_code == 404
    assert StoryPage.objects.get(pk=story.pk).comment_policy == CommentPolicy.OPEN


def test_family_asks_to_hide_a_comment_and_it_goes_at_once(story, family, resident, moderator, family_client):
    comment = make_comment(story, resident, "Hurtful words")
    mail.outbox.clear()
    response = family_client.post(f"/comments/{comment.pk}/ask-to-hide/", {"next": story.url})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public is False
    review = CommentReview.objects.get(comment=comment)
    assert review.state == CommentState.HIDDEN
    assert "the family asked" in review.reason_labels[-1]
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "Hurtful words" not in family_client.get(story.url).content.decode()


def test_only_the_storys_family_can_ask_to_hide(story, resident, other_resident, other_family):
    from django.test import Client

    comment = make_comment(story, resident, "Words")
    for user in (other_resident, other_family):
        client = Client()
        client.force_login(user)
        assert client.post(f"/comments/{comment.pk}/ask-to-hide/").status_code == 403
    comment.refresh_from_db()
    assert comment.is_public is True


def test_ask_to_hide_needs_post(story, resident, family_client):
    comment = make_comment(story, resident, "Words")
    assert family_client.get(f"/comments/{comment.pk}/ask-to-hide/").status_code == 405
