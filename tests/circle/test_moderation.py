"""The circle is moderated with the forum's own machinery: the posting gate (sanctions, rate limits),
screening, the new-author and pre-moderation rules, and the moderator inbox."""

import pytest
from django.core import mail
from django.urls import reverse

from circle.models import Discussion, Reply, Status
from moderation.models import ModerationSettings
from tests.conftest import signed_in_client
from tests.factories import SanctionFactory

from .helpers import discussion, peer_supporter, reply

pytestmark = pytest.mark.django_db


def _trust(user, n=3):
    d = discussion(user, title="Earlier", body="Earlier words")
    for _ in range(n):
        reply(d, user)


def test_a_new_discussion_waits_for_a_moderator_who_publishes_it_from_the_inbox(family, other_family, moderator):
    client = signed_in_client(family)
    response = client.post(reverse("circle_start"), {"title": "Anniversaries", "body": "How do you spend the day?"})
    assert response.status_code == 302
    waiting = Discussion.objects.get(title="Anniversaries")
    assert waiting.status == Status.WAITING
    other = signed_in_client(other_family)
    assert "Anniversaries" not in other.get(reverse("circle_home")).content.decode()
    assert other.get(reverse("circle_discussion", args=[waiting.pk])).status_code == 404
    assert "Anniversaries" in client.get(reverse("circle_home")).content.decode()  # the author sees it waiting

    staff = signed_in_client(moderator)
    inbox = staff.get(reverse("moderation_inbox") + "?tab=circle_discussions").content.decode()
    assert "Anniversaries" in inbox
    assert "Anniversaries" in staff.get(reverse("moderation_inbox")).content.decode()  # and under "All waiting"
    mail.outbox.clear()
    response = staff.post(reverse("circle_decide_discussion", args=[waiting.pk]), {"decision": "yes", "note": ""})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.PUBLISHED and waiting.decided_by == moderator
    assert [m.to for m in mail.outbox] == [[family.email]]
    assert "Anniversaries" in other.get(reverse("circle_home")).content.decode()


def test_a_declined_discussion_tells_the_author_with_the_note(family, moderator):
    waiting = discussion(family, title="Names", status=Status.WAITING)
    staff = signed_in_client(moderator)
    staff.post(
        reverse("circle_decide_discussion", args=[waiting.pk]),
        {"decision": "no", "note": "Please leave out the name."},
    )
    waiting.refresh_from_db()
    assert waiting.status == Status.DECLINED
    assert "Please leave out the name." in mail.outbox[-1].body
    assert "Please leave out the name." in signed_in_client(family).get(reverse("circle_home")).content.decode()


def test_screening_goes_with_the_discussion_to_the_moderator(family, moderator):
    signed_in_client(family).post(
        reverse("circle_start"), {"title": "Court", "body": "Call me on 07700 900123 about the trial."}
    )
    waiting = Discussion.objects.get(title="Court")
    assert "phone" in [reason["code"] for reason in waiting.reasons]
    page = signed_in_client(moderator).get(reverse("circle_decide_discussion", args=[waiting.pk])).content.decode()
    assert "phone number" in page


def test_a_new_authors_reply_is_held_and_a_trusted_ones_is_published(family, other_family, moderator):
    published = discussion(family)
    new = signed_in_client(other_family)
    new.post(reverse("circle_reply", args=[published.pk]), {"body": "Thinking of you."})
    held = Reply.objects.get(author=other_family, discussion=published)
    assert held.status == Status.WAITING and held.reasons[0]["code"] == "new_author"
    assert "Thinking of you." in new.get(reverse("circle_discussion", args=[published.pk])).content.decode()
    assert (
        "Thinking of you."
        not in signed_in_client(moderator).get(reverse("circle_discussion", args=[published.pk])).content.decode()
    )
    assert (
        "Thinking of you."
        in signed_in_client(moderator).get(reverse("moderation_inbox") + "?tab=circle_replies").content.decode()
    )

    _trust(family, ModerationSettings.load().trusted_after)
    signed_in_client(family).post(reverse("circle_reply", args=[published.pk]), {"body": "Thank you, all."})
    assert Reply.objects.get(author=family, discussion=published).status == Status.PUBLISHED


def test_a_trusted_authors_reply_is_still_held_when_screening_finds_something(family):
    _trust(family)
    published = discussion(family, title="Another")
    signed_in_client(family).post(
        reverse("circle_reply", args=[published.pk]), {"body": "He lived at 12 Example Road."}
    )
    held = Reply.objects.get(discussion=published)
    assert held.status == Status.WAITING and "address" in [r["code"] for r in held.reasons]


def test_a_premoderated_authors_reply_is_held(family):
    _trust(family)
    SanctionFactory(user=family, kind="premoderate")
    published = discussion(family, title="Another")
    signed_in_client(family).post(reverse("circle_reply", args=[published.pk]), {"body": "Gentle words."})
    assert Reply.objects.get(discussion=published).reasons[0]["code"] == "author_premoderated"


def test_a_peer_supporters_reply_is_published_and_marked(tree, family):
    published = discussion(family)
    supporter = peer_supporter(profile_and_email__display_name="Peer Pat")
    client = signed_in_client(supporter)
    client.post(reverse("circle_reply", args=[published.pk]), {"body": "I am here if you want to talk."})
    assert Reply.objects.get(author=supporter).status == Status.PUBLISHED
    html = signed_in_client(family).get(reverse("circle_discussion", args=[published.pk])).content.decode()
    assert 'Peer Pat <span class="badge">trained peer supporter</span>' in html


def test_the_rate_limit_refuses_and_keeps_the_words(family, settings):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = 1
    client = signed_in_client(family)
    assert client.post(reverse("circle_start"), {"title": "One", "body": "First"}).status_code == 302
    response = client.post(reverse("circle_start"), {"title": "Two", "body": "Second words kept"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a minute" in html and "Second words kept" in html
    assert not Discussion.objects.filter(title="Two").exists()
    published = discussion(family, title="Open")
    assert client.post(reverse("circle_reply", args=[published.pk]), {"body": "A"}).status_code == 302
    response = client.post(reverse("circle_reply", args=[published.pk]), {"body": "B kept"})
    assert response.status_code == 429 and "B kept" in response.content.decode()


def test_too_long_is_told_and_kept_whole(family):
    text = "x" * 5001
    response = signed_in_client(family).post(reverse("circle_start"), {"title": "Long", "body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please shorten it by 1 character" in html and text in html
    assert "maxlength" not in html


def test_a_moderators_note_too_long_is_told_and_kept(family, moderator):
    waiting = discussion(family, title="Long note", status=Status.WAITING)
    note = "n" * 1001
    response = signed_in_client(moderator).post(
        reverse("circle_decide_discussion", args=[waiting.pk]), {"decision": "no", "note": note}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Please shorten it by 1 character" in html and note in html
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
