"""A kind nudge before posting (issue 15, item 6): when screening would hold a response, the writer
is told why before it is sent, keeps every word, and may change them or send it as it is."""

import pytest
from django.test import Client
from django_comments_xtd.models import XtdComment

from care import actions as care_actions
from moderation.models import CommentReview, CommentState
from moderation.nudge import IN_PLAIN_WORDS, SENT_ANYWAY
from moderation.screening import DETECTORS
from tests.factories import TestimonyPageFactory
from tests.forms.browser_form import form_data_as_browser_sends
from tests.moderation.helpers import form_data, make_comment, trust

POST = "/comments/post/"
GLOATING = "Top job. He had it coming, everyone round here says so."
KIND = "Thinking of you all. He was loved by so many."
FORM = "form.comment-form"


@pytest.fixture
def story(tree, family):
    return TestimonyPageFactory(owner=family, title="For Tayo", slug="for-tayo")


@pytest.fixture
def writer(story, resident, resident_client):
    trust(resident, story)  # trusted: only screening would hold what they write
    return resident_client


def new_review():
    """The one response posted in the test (trusting the writer approved a few earlier ones)."""
    return CommentReview.objects.exclude(state=CommentState.PUBLISHED, comment__comment__startswith="Earlier").get()


def nothing_new_posted():
    return not XtdComment.objects.exclude(comment__startswith="Earlier").exists()


def first_send(client, story, text, **extra):
    return client.post(POST, form_data(story, text, sent_anyway=False, next=story.url, **extra))


def test_the_writer_is_told_why_before_anything_is_sent_and_keeps_every_word(story, writer):
    response = first_send(writer, story, GLOATING)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Before you send this" in html and "Nothing has been sent yet" in html
    assert "“had it coming”, “top job”" in html and "gloating to a family who is grieving" in html
    sent_again = form_data_as_browser_sends(html, FORM, page_path=POST)
    assert sent_again["comment"] == [GLOATING.replace("\n", "\r\n")]
    assert sent_again["nudged"] == ["1"] and sent_again["next"] == [story.url]
    assert nothing_new_posted()


def test_changing_to_kind_words_posts_as_usual(story, writer):
    html = first_send(writer, story, GLOATING).content.decode()
    sent = form_data_as_browser_sends(html, FORM, page_path=POST)  # the first button: "Post my changed words"
    assert "send_anyway" not in sent
    response = writer.post(POST, {**sent, "comment": KIND})
    assert response.status_code == 302
    review = new_review()
    assert review.state == CommentState.PUBLISHED and review.reasons == []
    assert review.comment.comment == KIND


def test_changed_words_that_still_match_are_explained_again(story, writer):
    html = first_send(writer, story, GLOATING).content.decode()
    sent = form_data_as_browser_sends(html, FORM, page_path=POST)
    again = writer.post(POST, {**sent, "comment": "Still: top job."})
    assert again.status_code == 200 and "“top job”" in again.content.decode()
    assert nothing_new_posted()


def test_sending_it_as_it_is_queues_it_with_the_reason(story, writer):
    html = first_send(writer, story, GLOATING).content.decode()
    sent = form_data_as_browser_sends(html, FORM, submitter="1", page_path=POST)
    assert sent["send_anyway"] == ["1"]
    response = writer.post(POST, sent)
    assert response.status_code == 302
    review = new_review()
    assert review.state == CommentState.HELD and review.comment.is_public is False
    assert review.comment.comment == GLOATING
    assert [r["code"] for r in review.reasons] == ["phrase", SENT_ANYWAY["code"]]
    assert "had it coming, top job" in review.reasons[0]["label"]


def test_send_anyway_without_having_been_told_is_only_the_reminder(story, writer):
    response = first_send(writer, story, GLOATING, send_anyway="1")
    assert response.status_code == 200 and "Before you send this" in response.content.decode()
    assert nothing_new_posted()


def test_ordinary_grief_is_never_nudged(story, writer):
    response = first_send(writer, story, "He was killed last spring. I miss him every day.")
    assert response.status_code == 302
    assert new_review().state == CommentState.PUBLISHED


def test_held_only_because_the_writer_is_new_is_no_nudge(story, other_resident):
    client = Client()
    client.force_login(other_resident)
    response = first_send(client, story, KIND)
    assert response.status_code == 302
    assert [r["code"] for r in CommentReview.objects.get().reasons] == ["new_author"]


def test_moderators_are_not_screened_so_not_nudged(story, moderator_client):
    response = first_send(moderator_client, story, GLOATING)
    assert response.status_code == 302 and XtdComment.objects.get().is_public


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Call me on 07700 900123", "phone number"),
        ("Jordan Blake did it.", "say who is guilty"),
        ("The 15-year-old who was arrested goes to my school", "child involved in a court case"),
        ("SE15 on top", "the way gangs taunt"),
        ("He lives at 12 Acacia Road", "street address"),
    ],
)
def test_each_kind_of_reason_is_said_plainly(story, writer, text, words):
    html = first_send(writer, story, text).content.decode()
    assert words in html


def test_every_screening_detector_has_plain_words():
    assert {d.code for d in DETECTORS} == set(IN_PLAIN_WORDS)
    assert all(IN_PLAIN_WORDS.values())


def test_a_reply_keeps_what_it_answers(story, writer, other_resident):
    parent = make_comment(story, other_resident, "A memory of Tayo.")
    html = first_send(writer, story, GLOATING, reply_to=parent.pk).content.decode()
    sent = form_data_as_browser_sends(html, FORM, submitter="1", page_path=POST)
    assert sent["reply_to"] == [str(parent.pk)]
    writer.post(POST, sent)
    assert XtdComment.objects.get(comment=GLOATING).parent_id == parent.pk


def test_on_a_held_page_the_reminder_of_what_not_to_say_is_shown_with_the_nudge(story, writer, moderator):
    care_actions.set_legal_hold(story, by=moderator)
    html = first_send(writer, story, "Jordan Blake did it.").content.decode()
    assert "legal-hold-reminder" in html and "don't say who you think did it" in html
