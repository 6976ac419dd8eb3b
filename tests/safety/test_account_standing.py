"""A member's status page (/me/) shows their sanctions and their removed or hidden responses, each
with its appeal link; a hidden response can be appealed and overturning it republishes it in one step."""

import re

import pytest
from django.test import Client

from moderation import actions
from moderation.models import CommentReview, CommentState
from safety import appeals
from safety.models import Appeal, AppealKind
from tests.factories import MemorialPageFactory, ModeratorFactory, SanctionFactory, UserFactory
from tests.moderation.helpers import make_comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def memorial(tree):
    return MemorialPageFactory()


def me(client):
    response = client.get("/me/")
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def appeal_links(html):
    return re.findall(r'<a href="(/appeal/[^"]+/)">Appeal this decision', html)


def hidden_by_reports(memorial, author):
    comment = make_comment(memorial, author, "He would have laughed at this.")
    for _ in range(3):
        actions.flag(comment, user=UserFactory(), reason="harassment")
    review = CommentReview.objects.get(comment=comment)
    assert review.state == CommentState.HIDDEN
    return review


def test_a_sanctioned_member_sees_the_sanction_and_appeals_from_their_status_page(tree):
    decider = ModeratorFactory()
    other = ModeratorFactory()
    sanction = SanctionFactory(created_by=decider, reason="Unkind responses after a warning.")
    client = signed_in(sanction.user)
    html = me(client)
    assert "Decisions about your account" in html and "Unkind responses after a warning." in html
    [link] = appeal_links(html)
    assert link == appeals.appeal_path(AppealKind.SANCTION, sanction.pk)
    form = client.get(link)
    assert form.status_code == 200
    client.post(link, {"reason": "I was quoting someone to disagree with them.", "email": ""})
    appeal = Appeal.objects.get(kind=AppealKind.SANCTION, object_id=sanction.pk)
    assert appeal.assigned_to == other  # a different moderator than the one who decided
    after = me(client)
    assert not appeal_links(after) and "You have appealed this decision" in after


def test_a_member_whose_response_was_hidden_can_appeal_and_overturning_republishes_it(memorial):
    author = UserFactory()
    review = hidden_by_reports(memorial, author)
    client = signed_in(author)
    html = me(client)
    assert "hidden while a moderator looks at it" in html
    [link] = appeal_links(html)
    client.post(link, {"reason": "It was a memory, not an attack.", "email": ""})
    appeal = Appeal.objects.get(kind=AppealKind.RESPONSE, object_id=review.pk)
    appeals.decide_appeal(appeal, outcome="overturned", reason="Agreed.", by=ModeratorFactory())
    review.refresh_from_db()
    review.comment.refresh_from_db()
    assert review.state == CommentState.PUBLISHED and review.comment.is_public


def test_a_removed_response_is_listed_with_its_reason(memorial):
    author = UserFactory()
    review = CommentReview.objects.get(comment=make_comment(memorial, author, "Some words."))
    actions.reject(review, by=ModeratorFactory(), reason="It named someone.")
    html = me(signed_in(author))
    assert "was removed" in html and "It named someone." in html and len(appeal_links(html)) == 1


def test_nobody_sees_anyone_elses_decisions_and_a_member_without_any_sees_nothing(memorial):
    sanction = SanctionFactory(created_by=ModeratorFactory())
    hidden_by_reports(memorial, sanction.user)
    html = me(signed_in(UserFactory()))
    assert "Decisions about your account" not in html and not appeal_links(html)


def test_a_lifted_sanction_is_not_listed(tree):
    from django.utils import timezone

    sanction = SanctionFactory(created_by=ModeratorFactory(), lifted_at=timezone.now())
    assert "Decisions about your account" not in me(signed_in(sanction.user))
