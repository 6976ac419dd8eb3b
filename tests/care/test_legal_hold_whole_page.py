"""A legal hold covers the whole page: new responses, the family's changes and new discussions
naming it wait for a moderator; it can be set from arrest with a reason; its record outlives the page."""

import datetime
import re

import pytest
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import PageLogEntry

from care import actions
from care.models import LegalHold
from moderation.models import CommentState
from tests.factories import MemorialPageFactory
from tests.moderation.helpers import post, trust
from tests.moderation.test_inbox import html_of, submitted_thread

INBOX = "/admin/inbox/?tab=pages"


@pytest.fixture
def story(family):
    return MemorialPageFactory(owner=family, title="Jordan Ellis", body="Jordan loved the river.")


def hold_url(page):
    return f"/admin/legal-holds/page/{page.pk}/"


def form_values(html):
    """What the hold form sends back as the browser shows it: text inputs, textareas, the checked radio."""
    values = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name, kind = re.search(r'name="([^"]+)"', tag), re.search(r'type="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if kind and kind.group(1) in ("radio", "checkbox") and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        values[name.group(1)] = value.group(1) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[name] = text.strip()
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        values[name] = chosen.group(1) if chosen else ""
    return values


# Set from arrest, with the reason ----------------------------------------------------------------


def test_a_hold_is_set_from_arrest_with_the_reason_and_the_record_says_so(story, moderator, moderator_client):
    form = moderator_client.get(hold_url(story)).content.decode()
    assert 'value="arrest"' in form and 'type="date"' in form
    moderator_client.post(
        hold_url(story),
        {
            "stage": "arrest",
            "proceedings_since": "2026-11-30",
            "reason": "A man was arrested on <b>30 November</b>; police statement",
            "watch_names": "JJ\n  Jordan   E. \n",
            "note": "",
        },
    )
    hold = LegalHold.objects.active().get(page=story)
    assert (hold.stage, hold.proceedings_since, hold.reason) == (
        "arrest",
        datetime.date(2026, 11, 30),
        "A man was arrested on 30 November; police statement",
    )
    assert hold.names_to_watch() == ["JJ", "Jordan E."]
    entry = PageLogEntry.objects.get(page=story, action="care.legal_hold_set")
    assert (
        entry.data["stage"] == "arrest"
        and entry.data["since"] == "2026-11-30"
        and "30 November" in entry.data["reason"]
    )
    shown = moderator_client.get(hold_url(story)).content.decode()
    assert "Someone has been arrested" in shown and "30 November 2026" in shown and "police statement" in shown


def test_a_hold_without_a_reason_is_refused_kindly_and_keeps_what_was_typed(story, moderator_client):
    response = moderator_client.post(
        hold_url(story), {"stage": "arrest", "reason": "  ", "watch_names": "JJ", "note": "Old Bailey"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not LegalHold.objects.exists()
    assert "Please give the reason for the hold" in html
    values = form_values(html)
    assert values["stage"] == "arrest" and values["watch_names"] == "JJ" and values["note"] == "Old Bailey"


def test_a_reason_too_long_is_told_not_cut(story, moderator_client):
    response = moderator_client.post(hold_url(story), {"stage": "charge", "reason": "x" * 301})
    assert "Please keep the reason to 300 characters (it has 301)" in response.content.decode()
    assert not LegalHold.objects.exists()


def test_a_day_still_to_come_is_refused(story, moderator_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = moderator_client.post(
        hold_url(story), {"stage": "charge", "reason": "Charged", "proceedings_since": tomorrow.isoformat()}
    )
    assert "That day has not come yet" in response.content.decode() and not LegalHold.objects.exists()


def test_the_form_round_trip_sets_the_hold_with_what_the_page_shows(story, moderator_client):
    html = moderator_client.get(hold_url(story)).content.decode()
    values = form_values(html)
    values.update(stage="warrant", reason="Warrant issued", proceedings_since="2026-10-01")
    moderator_client.post(hold_url(story), values)
    assert LegalHold.objects.active().get(page=story).proceedings_since == datetime.date(2026, 10, 1)


# What a hold holds ------------------------------------------------------------------------------


def test_a_new_response_on_a_held_page_waits_for_review_even_from_a_trusted_member(
    story, resident, resident_client, moderator
):
    trust(resident, story)
    actions.set_legal_hold(story, by=moderator, stage="arrest", reason="Arrest")
    post(resident_client, story, "Thinking of you all.")
    comment = XtdComment.objects.latest("pk")
    assert comment.review.state == CommentState.HELD
    assert "legal_hold" in {reason["code"] for reason in comment.review.reasons}


def test_a_familys_change_to_a_held_memorial_waits_for_review_and_is_marked(
    story, family, family_client, moderator, moderator_client
):
    """The family's edit goes to the moderators, never live, and the inbox marks the hold beside it."""
    actions.set_legal_hold(story, by=moderator, stage="charge", reason="Charged")
    form = family_client.get(f"/me/stories/{story.pk}/edit/")
    assert form.status_code == 200
    values = form_values(form.content.decode())
    values.update(body="We now know who did it.", action="submit")
    values.pop("photo", None)
    response = family_client.post(f"/me/stories/{story.pk}/edit/", values)
    assert response.status_code == 302
    story.refresh_from_db()
    assert (
        "Jordan loved the river." in story.body and "who did it" not in story.body
    )  # what is published stays until a moderator approves
    html = html_of(moderator_client, INBOX)
    assert "Jordan Ellis" in html and "Legal hold: court proceedings are active." in html


def test_a_new_discussion_naming_a_held_story_is_marked_as_touching_the_hold(
    story, resident, moderator, moderator_client
):
    actions.set_legal_hold(story, by=moderator, stage="arrest", reason="Arrest")
    named = submitted_thread(resident, title="What happened to jordan  ellis?")
    other = submitted_thread(resident, title="Safer streets after dark")
    html = html_of(moderator_client, INBOX)
    row = html[html.index(f"inbox-discussion-{named.current_workflow_task_state.pk}") :]
    assert "Names “Jordan Ellis”, under a legal hold" in row.split("</tr>")[0]
    other_row = html[html.index(f"inbox-discussion-{other.current_workflow_task_state.pk}") :].split("</tr>")[0]
    assert "under a legal hold" not in other_row and "Legal hold" not in other_row
    assert 'id="legal-hold-checklist"' in html


def test_a_discussion_naming_a_held_case_by_a_name_the_moderators_gave_is_marked(
    story, resident, moderator, moderator_client
):
    actions.set_legal_hold(story, by=moderator, stage="trial", reason="Trial", watch_names="The Rivermead case")
    thread = submitted_thread(resident, title="Anyone following the Rivermead case?")
    row = html_of(moderator_client, INBOX).split(f"inbox-discussion-{thread.current_workflow_task_state.pk}")[1]
    assert "Names “The Rivermead case”, under a legal hold" in row.split("</tr>")[0]


def test_a_cleared_hold_marks_no_discussion(story, resident, moderator, moderator_client):
    actions.set_legal_hold(story, by=moderator, stage="arrest", reason="Arrest")
    actions.clear_legal_hold(story, by=moderator)
    submitted_thread(resident, title="Remembering Jordan Ellis")
    assert "under a legal hold" not in html_of(moderator_client, INBOX)


# The record outlives the story ---------------------------------------------------------------------


def test_the_stage_and_reason_outlive_the_story(story, moderator):
    hold = actions.set_legal_hold(
        story, by=moderator, stage="arrest", reason="Arrested on 1 May", proceedings_since=datetime.date(2026, 5, 1)
    )
    story_pk = story.pk
    story.delete()
    hold.refresh_from_db()
    assert (hold.page_id, hold.page_ref, hold.page_title, hold.set_by, hold.stage, hold.reason) == (
        None,
        story_pk,
        "Jordan Ellis",
        moderator,
        "arrest",
        "Arrested on 1 May",
    )
    assert hold.proceedings_since == datetime.date(2026, 5, 1)
