"""The family chooses who may respond to their story and can ask for any comment to be hidden."""

import html5lib
from django.core import mail
from django.test import Client
from wagtail.models import PageLogEntry

from moderation.models import CommentReview, CommentState
from stories.models import CommentPolicy, StoryPage
from tests.conftest import signed_in_client

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
    before = story.comment_policy
    assert before != CommentPolicy.CLOSED
    assert client.post(f"/comments/policy/{story.pk}/", {"comment_policy": "closed"}).status_code == 404
    assert StoryPage.objects.get(pk=story.pk).comment_policy == before


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


def test_asking_to_hide_is_confirmed_first_and_get_changes_nothing(story, resident, family_client):
    """The "Ask to hide" link opens a confirmation page that says what will happen; only its POST hides."""
    comment = make_comment(story, resident, "Words")
    page = html5lib.parse(
        family_client.get(f"/comments/{comment.pk}/ask-to-hide/", {"next": story.url}).content.decode(),
        namespaceHTMLElements=False,
    )
    text = " ".join("".join(page.find(".//main").itertext()).split())
    assert "Hide this response?" in text
    assert "hidden from everyone straight away" in text
    assert "A moderator reads it and decides" in text
    assert "you can undo this" in text
    form = page.find(".//main//form[@method='post']")
    assert form.find(".//input[@name='next']").get("value") == story.url
    assert form.find(".//button").text == "Hide the response"
    comment.refresh_from_db()
    assert comment.is_public is True
    assert CommentReview.objects.get(comment=comment).state == CommentState.PUBLISHED


def test_the_story_links_to_the_confirmation_rather_than_hiding_at_once(story, resident, family_client):
    comment = make_comment(story, resident, "Words")
    page = html5lib.parse(family_client.get(story.url).content.decode(), namespaceHTMLElements=False)
    item = page.find(f".//li[@id='c{comment.pk}']")
    link = next(a for a in item.iter("a") if "".join(a.itertext()).startswith("Ask to hide"))
    assert link.get("href") == f"/comments/{comment.pk}/ask-to-hide/?next={story.url.replace('/', '%2F')}"
    assert not [f for f in item.iter("form") if "ask-to-hide" in (f.get("action") or "")]


def _region_and_top(html, region_id):
    """(the text of the element with `region_id`, the text of the page's messages area)."""
    page = html5lib.parse(html, namespaceHTMLElements=False)
    region = page.find(f".//*[@id='{region_id}']")
    assert region is not None, region_id
    top = page.find(".//div[@class='wrap messages']")
    return " ".join("".join(region.itertext()).split()), "" if top is None else "".join(top.itertext())


def _status_in(html, region_id):
    page = html5lib.parse(html, namespaceHTMLElements=False)
    region = page.find(f".//*[@id='{region_id}']")
    return [" ".join("".join(s.itertext()).split()) for s in region.iter() if s.get("role") == "status"]


def test_after_hiding_the_confirmation_and_undo_are_in_the_responses_place(story, family, resident, family_client):
    comment = make_comment(story, resident, "Hurtful words")
    response = family_client.post(f"/comments/{comment.pk}/ask-to-hide/", {"next": story.url})
    assert response["Location"] == f"{story.url}#c{comment.pk}"
    html = family_client.get(response["Location"]).content.decode()
    region, top = _region_and_top(html, f"c{comment.pk}")
    assert "Done: the response is hidden from everyone now." in region
    assert _status_in(html, f"c{comment.pk}") == [
        "Done: the response is hidden from everyone now. A moderator will look at it."
    ]
    assert "hidden" not in top  # not shown twice, nor at the top of the page
    assert "You asked for this response to be hidden." in region
    assert "Undo: show it again" in region
    assert "Hurtful words" not in html
    # The confirmation was for that one page view: it is not shown again.
    again, _ = _region_and_top(family_client.get(story.url).content.decode(), f"c{comment.pk}")
    assert "Done:" not in again and "Undo: show it again" in again


def test_undo_restores_the_response_exactly_as_it_was_and_is_logged(story, family, resident, moderator, family_client):
    comment = make_comment(story, resident, "Words the family will think again about", state=CommentState.HELD)
    review = CommentReview.objects.get(comment=comment)
    review.reasons = [{"code": "new_author", "label": "the author is new (few approved comments yet)"}]
    review.save()
    from moderation import actions

    actions.approve(review, by=moderator)  # published after a moderator read it
    before_review = CommentReview.objects.filter(pk=review.pk).values().get()
    comment.refresh_from_db()
    before_comment = (comment.is_public, comment.is_removed)

    family_client.post(f"/comments/{comment.pk}/ask-to-hide/", {"next": story.url}, follow=True)
    assert CommentReview.objects.get(pk=review.pk).state == CommentState.HIDDEN
    assert "Words the family" not in Client().get(story.url).content.decode()

    response = family_client.post(f"/comments/{comment.pk}/ask-to-hide/undo/", {"next": story.url})
    assert response.status_code == 302 and response["Location"] == f"{story.url}#c{comment.pk}"
    assert CommentReview.objects.filter(pk=review.pk).values().get() == before_review
    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed) == before_comment
    assert PageLogEntry.objects.filter(action="moderation.family_unhide").count() == 0  # logged on the review
    from wagtail.models import ModelLogEntry

    logged = ModelLogEntry.objects.filter(action="moderation.family_unhide")
    assert [(e.user_id, e.data["comment"]) for e in logged] == [(family.pk, comment.pk)]

    html = family_client.get(response["Location"]).content.decode()
    assert _status_in(html, f"c{comment.pk}") == ["Done: the response is showing again, as it was before."]
    assert "Words the family will think again about" in Client().get(story.url).content.decode()


def test_undo_is_refused_once_a_moderator_has_decided(story, resident, moderator, family_client):
    from moderation import actions

    comment = make_comment(story, resident, "Words")
    family_client.post(f"/comments/{comment.pk}/ask-to-hide/", {"next": story.url})
    review = CommentReview.objects.get(comment=comment)
    actions.reject(review, by=moderator, reason="It names someone.")
    response = family_client.post(f"/comments/{comment.pk}/ask-to-hide/undo/", {"next": story.url}, follow=True)
    assert CommentReview.objects.get(comment=comment).state == CommentState.REJECTED
    comment.refresh_from_db()
    assert comment.is_public is False
    assert "A moderator has already decided" in " ".join(_status_in(response.content.decode(), "comment-policy"))


def test_only_the_family_who_hid_it_can_undo(story, family, resident, other_resident, other_family, moderator):
    comment = make_comment(story, resident, "Words")
    from moderation import actions

    actions.ask_to_hide(CommentReview.objects.get(comment=comment), by=family)
    for user in (resident, other_resident, other_family, moderator):
        client = Client()
        client.force_login(user)
        assert client.post(f"/comments/{comment.pk}/ask-to-hide/undo/").status_code == 403, user
    assert Client().post(f"/comments/{comment.pk}/ask-to-hide/undo/").status_code == 302  # to sign in
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN
    # Nobody else sees the "Undo", nor that the family hid it.
    for user in (resident, other_family):
        assert "Undo: show it again" not in signed_in_client(user).get(story.url).content.decode()


def test_undo_needs_post(story, family, resident, family_client):
    from moderation import actions

    comment = make_comment(story, resident, "Words")
    actions.ask_to_hide(CommentReview.objects.get(comment=comment), by=family)
    assert family_client.get(f"/comments/{comment.pk}/ask-to-hide/undo/").status_code == 405
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN


def test_the_policy_confirmation_is_shown_inside_the_policy_form(story, family_client):
    response = family_client.post(f"/comments/policy/{story.pk}/", {"comment_policy": "premoderated"})
    assert response["Location"] == f"{story.url}#comment-policy"
    html = family_client.get(response["Location"]).content.decode()
    assert _status_in(html, "comment-policy") == ["Saved. Every response is read by a moderator first."]
    _, top = _region_and_top(html, "comment-policy")
    assert "Saved" not in top


def test_a_policy_problem_is_shown_inside_the_form_too(story, family_client):
    response = family_client.post(f"/comments/policy/{story.pk}/", {"comment_policy": "whatever"}, follow=True)
    assert _status_in(response.content.decode(), "comment-policy") == ["Please choose one of the options."]
