"""Members report comments; enough reports from different members hide one until a moderator decides."""

from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from moderation.models import CommentFlagReport, CommentReview, CommentState, FlagReason
from tests.factories import UserFactory

from .helpers import make_comment


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_report_page_offers_reasons_and_get_changes_nothing(story, resident, other_resident):
    comment = make_comment(story, resident)
    response = _client(other_resident).get(f"/comments/{comment.pk}/report/")
    html = response.content.decode()
    assert response.status_code == 200
    for value, label in FlagReason.choices:
        assert f'value="{value}"' in html and label in html
    assert not CommentFlagReport.objects.exists()


def test_member_reports_a_comment_with_a_reason(story, resident, other_resident):
    comment = make_comment(story, resident)
    response = _client(other_resident).post(
        f"/comments/{comment.pk}/report/", {"reason": "identifies", "detail": "<b>names</b> a boy", "next": story.url}
    )
    assert response.status_code == 302 and response["Location"] == story.url
    report = CommentFlagReport.objects.get()
    assert (report.user, report.reason, report.detail) == (other_resident, "identifies", "names a boy")
    comment.refresh_from_db()
    assert comment.is_public is True  # one report alone does not hide it


def test_other_needs_a_few_words(story, resident, other_resident):
    comment = make_comment(story, resident)
    response = _client(other_resident).post(f"/comments/{comment.pk}/report/", {"reason": "other"})
    assert response.status_code == 200
    assert "Please tell us briefly" in response.content.decode()
    assert not CommentFlagReport.objects.exists()


def test_a_member_cannot_report_the_same_comment_twice(story, resident, other_resident):
    comment = make_comment(story, resident)
    client = _client(other_resident)
    client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"})
    client.post(f"/comments/{comment.pk}/report/", {"reason": "harassment"})
    assert CommentFlagReport.objects.count() == 1
    assert "You reported this" in client.get(story.url).content.decode()


def test_three_reports_from_different_members_hide_it_and_moderators_are_told(story, resident, moderator):
    comment = make_comment(story, resident, "Contested words")
    mail.outbox.clear()
    for _ in range(3):
        _client(UserFactory()).post(f"/comments/{comment.pk}/report/", {"reason": "harassment"})
    comment.refresh_from_db()
    assert comment.is_public is False
    assert CommentReview.objects.get(comment=comment).state == CommentState.HIDDEN
    assert "Contested words" not in Client().get(story.url).content.decode()
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert ModelLogEntry.objects.filter(action="moderation.auto_hide").count() == 1


def test_held_comments_cannot_be_reported(story, resident, other_resident):
    comment = make_comment(story, resident, state=CommentState.HELD)
    assert _client(other_resident).post(f"/comments/{comment.pk}/report/", {"reason": "spam"}).status_code == 404


def test_visitors_must_sign_in_to_report(story, resident):
    comment = make_comment(story, resident)
    response = Client().post(f"/comments/{comment.pk}/report/", {"reason": "spam"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CommentFlagReport.objects.exists()


def test_report_next_parameter_never_leaves_the_site(story, resident, other_resident):
    comment = make_comment(story, resident)
    response = _client(other_resident).post(
        f"/comments/{comment.pk}/report/", {"reason": "spam", "next": "https://evil.example/"}
    )
    assert response["Location"] == story.url
