"""Following threads, stories and boroughs; who is told what; one-click unsubscribe."""

from django.core import mail
from django.test import Client

from boroughs.models import Borough
from moderation import actions
from moderation.models import CommentReview, CommentState
from notifications.models import Follow
from notifications.notify import unsubscribe_token
from tests.factories import ThreadPageFactory, UserFactory
from tests.moderation.helpers import make_comment, post, trust


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_follow_and_unfollow_a_story_by_post_only(story, resident, resident_client):
    assert resident_client.get("/follow/").status_code == 405
    resident_client.post("/follow/", {"page": story.pk, "next": story.url})
    assert Follow.objects.filter(user=resident, page_id=story.pk).exists()
    assert "Stop following" in resident_client.get(story.url).content.decode()
    resident_client.post("/unfollow/", {"page": story.pk})
    assert not Follow.objects.exists()


def test_follow_a_borough_from_its_page(tree, resident, resident_client):
    assert "Follow Lambeth" in resident_client.get("/boroughs/lambeth/").content.decode()
    response = resident_client.post("/follow/", {"borough": "lambeth", "next": "https://evil.example/"})
    assert response["Location"] == "/boroughs/lambeth/"
    assert Follow.objects.get(user=resident).borough.slug == "lambeth"


def test_cannot_follow_an_unpublished_page(family, resident_client):
    from tests.factories import MemorialPageFactory

    draft = MemorialPageFactory(owner=family, live=False)
    assert resident_client.post("/follow/", {"page": draft.pk}).status_code == 404


def test_notifications_page_lists_and_removes_only_your_own_follows(story, resident, other_resident, resident_client):
    mine = Follow.objects.create(user=resident, page=story)
    Follow.objects.create(user=resident, borough=Borough.objects.get(slug="hackney"))
    theirs = Follow.objects.create(user=other_resident, page=story)
    html = resident_client.get("/me/notifications/").content.decode()
    assert story.title in html and "Hackney" in html
    assert resident_client.post(f"/me/notifications/{theirs.pk}/remove/").status_code == 404
    resident_client.post(f"/me/notifications/{mine.pk}/remove/")
    assert list(Follow.objects.filter(user=resident).values_list("borough__slug", flat=True)) == ["hackney"]
    assert Follow.objects.filter(pk=theirs.pk).exists()


def test_followers_are_emailed_one_by_one_about_a_published_comment(story, resident, resident_client):
    first, second = UserFactory(), UserFactory()
    earlier_commenter = UserFactory()  # commented before but does not follow: xtd would have mailed them
    make_comment(story, earlier_commenter, "Earlier")
    for user in (first, second, resident):
        Follow.objects.create(user=user, page=story)
    trust(resident, story)
    mail.outbox.clear()
    post(resident_client, story, "Published words")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])  # not the author
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert "Published words" in message.body
        assert "/notifications/unsubscribe/" in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_nobody_is_told_about_held_or_rejected_comments(story, resident, other_resident, resident_client, moderator):
    Follow.objects.create(user=other_resident, page=story)
    mail.outbox.clear()
    post(resident_client, story, "Held words")
    assert mail.outbox == []
    actions.reject(CommentReview.objects.get(), by=moderator, reason="No")
    assert [m.to for m in mail.outbox] == [[resident.email]]  # only the author, with the reason


def test_a_comment_restored_after_hiding_is_not_announced_twice(story, resident, other_resident, moderator):
    Follow.objects.create(user=other_resident, page=story)
    comment = make_comment(story, resident, "Words", state=CommentState.HELD)
    review = CommentReview.objects.get(comment=comment)
    actions.approve(review, by=moderator)
    actions.hide(review, by=moderator, reason_code="moderator", label="checking")
    mail.outbox.clear()
    actions.approve(review, by=moderator)
    assert [m for m in mail.outbox if m.to == [other_resident.email]] == []


def test_one_click_unsubscribe_get_shows_a_button_post_removes(story, resident):
    follow = Follow.objects.create(user=resident, page=story)
    url = f"/notifications/unsubscribe/{unsubscribe_token(follow)}/"
    response = Client().get(url)
    assert response.status_code == 200 and "Stop these e-mails" in response.content.decode()
    assert Follow.objects.exists()
    # Mail programs post without a session or CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_tampered_unsubscribe_token_does_nothing(story, resident, other_resident):
    follow = Follow.objects.create(user=resident, page=story)
    assert Client().post(f"/notifications/unsubscribe/{unsubscribe_token(follow)}x/").status_code == 400
    assert Follow.objects.exists()


def test_borough_followers_hear_about_a_new_thread_once(tree, resident, other_resident):
    Follow.objects.create(user=other_resident, borough=Borough.objects.get(slug="lambeth"))
    Follow.objects.create(user=resident, borough=Borough.objects.get(slug="hackney"))
    thread = ThreadPageFactory(
        title="Youth club", body="Open late?", owner=resident, borough=Borough.objects.get(slug="lambeth"), live=False
    )
    mail.outbox.clear()
    thread.save_revision(user=resident).publish()
    assert [m.to for m in mail.outbox] == [[other_resident.email]]
    assert "Youth club" in mail.outbox[0].subject
    mail.outbox.clear()
    thread.refresh_from_db()
    thread.title = "Youth club hours"
    thread.save_revision(user=resident).publish()
    assert mail.outbox == []


def test_ticking_follow_when_posting_follows_the_page(story, resident, resident_client):
    post(resident_client, story, "Hello", follow="on")
    assert Follow.objects.filter(user=resident, page_id=story.pk).exists()


def test_the_email_links_to_the_page_of_responses_that_shows_the_comment(story, resident, resident_client):
    from moderation.responses_pages import RESPONSES_PER_PAGE

    follower = UserFactory()
    Follow.objects.create(user=follower, page=story)
    others = UserFactory()
    for n in range(RESPONSES_PER_PAGE):  # a full first page of conversations
        make_comment(story, others, f"Conversation {n}")
    trust(resident, story)  # three more conversations: the new one is the 29th
    mail.outbox.clear()

    post(resident_client, story, "On the second page")

    comment = CommentReview.objects.get(comment__comment="On the second page").comment
    [message] = mail.outbox
    assert f"{story.full_url}?responses=2#c{comment.pk}" in message.body
