"""Legal holds: moderators only, audit-logged, every new comment held with a checklist in the queue."""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from boroughs.models import BoroughPage
from care import actions as care_actions
from care.models import LegalHold
from moderation.models import CommentReview, CommentState
from tests.factories import ThreadPageFactory

from .helpers import post, trust

QUEUE = "/admin/comment-moderation/"
CHECKLIST = "Legal hold: court proceedings are active."


def hold_url(page):
    return f"/admin/legal-holds/page/{page.pk}/"


@pytest.fixture
def thread(resident):
    parent = BoroughPage.objects.get(slug="lambeth")
    page = ThreadPageFactory(
        title="After the trial", slug="after-the-trial", body="Hello.", owner=resident, borough=parent.borough
    )
    return page


def test_moderator_sets_and_clears_a_legal_hold_from_the_admin_and_both_are_audit_logged(
    story, moderator, moderator_client
):
    page = moderator_client.get(hold_url(story))
    assert page.status_code == 200 and "Put under a legal hold" in page.content.decode()
    moderator_client.post(
        hold_url(story), {"stage": "charge", "reason": "Charged on 1 May", "note": "Trial at the <b>Old Bailey</b>"}
    )
    hold = LegalHold.objects.active().get(page=story)
    assert hold.set_by == moderator and hold.note == "Trial at the Old Bailey"  # markup stripped
    assert PageLogEntry.objects.filter(page=story, action="care.legal_hold_set", user=moderator).exists()
    assert "Under a legal hold" in moderator_client.get(hold_url(story)).content.decode()
    assert "Jordan" in moderator_client.get("/admin/legal-holds/").content.decode()

    moderator_client.post(hold_url(story) + "clear/")
    assert not LegalHold.objects.active().filter(page=story).exists()
    assert PageLogEntry.objects.filter(page=story, action="care.legal_hold_clear", user=moderator).exists()
    history = moderator_client.get("/admin/reports/site-history/").content.decode()
    assert "Legal hold set" in history and "Legal hold cleared" in history


def test_setting_twice_keeps_one_active_hold(story, moderator):
    first = care_actions.set_legal_hold(story, by=moderator)
    assert care_actions.set_legal_hold(story, by=moderator) == first
    assert LegalHold.objects.active().filter(page=story).count() == 1


def test_the_page_listing_offers_the_legal_hold_button_to_moderators(story, moderator_client):
    # Moderators no longer open a family's live story in the editor (home/site_tree.py): the
    # stories listing offers the button beside each story.
    html = moderator_client.get(f"/admin/pages/{story.get_parent().pk}/").content.decode()
    assert hold_url(story) in html


@pytest.mark.parametrize("who", ["family", "resident"])
def test_families_and_residents_cannot_set_or_clear_a_legal_hold(
    who, story, moderator, family_client, resident_client
):
    client = {"family": family_client, "resident": resident_client}[who]
    assert client.get(hold_url(story)).status_code in (302, 403)
    client.post(hold_url(story), {"stage": "arrest", "reason": "x", "note": "x"})
    assert not LegalHold.objects.exists()

    care_actions.set_legal_hold(story, by=moderator)
    client.post(hold_url(story) + "clear/")
    assert LegalHold.objects.active().filter(page=story).exists()


def test_every_new_comment_is_held_whatever_the_authors_trust(
    story, thread, family, resident, resident_client, family_client, moderator
):
    trust(resident, story)
    assert post(resident_client, story, "Trusted before the hold.").status_code == 302
    assert CommentReview.objects.get(comment__comment="Trusted before the hold.").state == CommentState.PUBLISHED

    care_actions.set_legal_hold(story, by=moderator)
    care_actions.set_legal_hold(thread, by=moderator)
    post(resident_client, story, "Thinking of you during the trial.")
    post(family_client, story, "Thank you all.")  # the family's own story: trusted, still held
    post(resident_client, thread, "Sending strength.")
    for text in ["Thinking of you during the trial.", "Thank you all.", "Sending strength."]:
        review = CommentReview.objects.get(comment__comment=text)
        assert review.state == CommentState.HELD and review.comment.is_public is False
        assert {"code": "legal_hold", "label": "legal hold: court proceedings are active"} in review.reasons


def test_moderators_own_comments_are_held_too(story, moderator, moderator_client):
    care_actions.set_legal_hold(story, by=moderator)
    post(moderator_client, story, "A word from the moderators.")
    assert CommentReview.objects.get(comment__comment="A word from the moderators.").state == CommentState.HELD


def test_comments_follow_the_usual_rules_once_the_hold_is_cleared(story, resident, resident_client, moderator):
    trust(resident, story)
    care_actions.set_legal_hold(story, by=moderator)
    care_actions.clear_legal_hold(story, by=moderator)
    post(resident_client, story, "After the verdict.")
    assert CommentReview.objects.get(comment__comment="After the verdict.").state == CommentState.PUBLISHED


def test_the_comment_form_tells_the_writer_a_moderator_reads_everything(story, resident_client, moderator):
    care_actions.set_legal_hold(story, by=moderator)
    html = resident_client.get(story.url).content.decode()
    assert "court proceedings connected to this page" in html


def test_queue_shows_the_checklist_beside_legal_hold_comments_only(
    story, thread, resident, resident_client, moderator, moderator_client
):
    post(resident_client, thread, "Before any hold.")  # held: new author
    care_actions.set_legal_hold(story, by=moderator)
    post(resident_client, story, "During the hold.")
    html = moderator_client.get(QUEUE).content.decode()
    assert html.count(CHECKLIST) == 1
    row = html[html.index("During the hold.") :]
    assert CHECKLIST in row[: row.index("</tr>")]
    assert "name or identify a suspect, defendant or witness" in html
    assert "say or suggest anyone is guilty or innocent before the verdict" in html


def test_legal_hold_changes_no_notifications_or_mail_for_families(story, moderator, mailoutbox):
    care_actions.set_legal_hold(story, by=moderator)
    assert len(mail.outbox) == 0


def test_queue_query_count_does_not_grow_with_legal_hold_rows(story, thread, resident, moderator, moderator_client):
    from .helpers import make_comment

    care_actions.set_legal_hold(story, by=moderator)
    make_comment(story, resident, "one", state=CommentState.HELD)
    make_comment(thread, resident, "two", state=CommentState.HELD)  # both page types from the start
    moderator_client.get(QUEUE)  # warm caches (settings, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        moderator_client.get(QUEUE)
    for i in range(8):
        make_comment(story if i % 2 else thread, resident, f"more {i}", state=CommentState.HELD)
    with CaptureQueriesContext(connection) as many:
        moderator_client.get(QUEUE)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert CHECKLIST in moderator_client.get(QUEUE).content.decode()


def test_the_page_listing_offers_the_legal_hold_button_for_stories_only(story, moderator_client):
    html = moderator_client.get(f"/admin/pages/{story.get_parent().pk}/").content.decode()
    assert hold_url(story) in html
    assert hold_url(story.get_parent()) not in html
    assert moderator_client.get(hold_url(story.get_parent())).status_code == 404


def test_the_reply_form_on_a_held_page_repeats_the_reminder_of_what_not_to_say(story, moderator, resident):
    from tests.conftest import signed_in_client
    from tests.moderation.helpers import make_comment

    story.comment_policy = "open"
    story.save()
    parent = make_comment(story, moderator, "Thinking of you all.")
    reader = signed_in_client(resident)
    html = reader.get(f"{story.url}?reply_to={parent.pk}").content.decode()
    reply_form = html[html.index(f'id="reply-{parent.pk}"') :]
    reply_form = reply_form[: reply_form.index("</form>")]
    assert "don't say who you think did it" not in reply_form  # no hold yet

    care_actions.set_legal_hold(story, by=moderator, stage="charge", reason="Charged on 1 May")
    html = reader.get(f"{story.url}?reply_to={parent.pk}").content.decode()
    reply_form = html[html.index(f'id="reply-{parent.pk}"') :]
    reply_form = reply_form[: reply_form.index("</form>")]
    assert "don't say who you think did it" in reply_form
    assert html.count('id="legal-hold-reminder"') <= 1  # the reply form's copy has no id of its own
