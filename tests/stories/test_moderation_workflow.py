"""A moderator approves or requests changes in the Wagtail admin; the family is told, kindly."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from boroughs.models import Borough
from stories.models import TestimonyPage

from .helpers import fields_for_testimony


@pytest.fixture
def submitted(family_client, tree, mailoutbox):
    southwark = Borough.objects.get(slug="southwark")
    family_client.post(
        reverse("share_testimony"),
        fields_for_testimony(title="What happened to us", borough=southwark.pk, action="submit"),
    )
    mailoutbox.clear()
    return TestimonyPage.objects.get()


def workflow_action_url(page, action):
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_submission_appears_in_the_moderators_review_list(moderator_client, submitted):
    response = moderator_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Awaiting your review" in html
    assert "What happened to us" in html


def test_moderator_approval_publishes_and_emails_the_family(moderator_client, submitted, family, mailoutbox):
    response = moderator_client.post(workflow_action_url(submitted, "approve"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert Client().get(submitted.url).status_code == 200
    assert [m.to for m in mailoutbox] == [[family.email]]
    mail = mailoutbox[0]
    assert mail.subject == "“What happened to us” is now published on London Listens"
    assert "Dear Family Fola" in mail.body
    assert submitted.full_url in mail.body
    assert "/me/stories/" in mail.body


def test_requesting_changes_keeps_it_unpublished_and_tells_the_family_why(
    moderator_client, family_client, submitted, family, mailoutbox
):
    reason = "Please remove the surname of the person you mention in the second paragraph."
    moderator_client.post(workflow_action_url(submitted, "reject"), {"comment": reason})
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mailoutbox] == [[family.email]]
    assert "asked for a change" in mailoutbox[0].subject
    assert reason in mailoutbox[0].body

    my_stories = family_client.get(reverse("my_stories")).content.decode()
    assert "Changes requested" in my_stories
    assert reason in my_stories


def test_resubmitting_after_changes_returns_it_to_the_moderators(moderator_client, family_client, submitted):
    moderator_client.post(workflow_action_url(submitted, "reject"), {"comment": "Shorter title, please."})
    family_client.post(
        reverse("edit_story", args=[submitted.pk]),
        fields_for_testimony(title="What happened", borough=submitted.borough_id, action="submit"),
    )
    submitted.refresh_from_db()
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not submitted.live
    moderator_client.post(workflow_action_url(submitted, "approve"))
    submitted.refresh_from_db()
    assert submitted.live and submitted.title == "What happened"


def test_family_cannot_approve_their_own_story(family_client, submitted):
    response = family_client.post(workflow_action_url(submitted, "approve"))
    submitted.refresh_from_db()
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")
    assert not submitted.live
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_family_cannot_publish_through_the_admin_edit_view(family_client, submitted):
    response = family_client.post(
        reverse("wagtailadmin_pages:edit", args=[submitted.pk]),
        {"title": submitted.title, "slug": submitted.slug, "action-publish": "publish"},
    )
    submitted.refresh_from_db()
    assert response.status_code in (302, 403)
    assert not submitted.live


def test_resident_cannot_approve(resident_client, submitted):
    resident_client.post(workflow_action_url(submitted, "approve"))
    submitted.refresh_from_db()
    assert not submitted.live


def test_moderator_previews_the_submission_as_it_will_look(moderator_client, submitted):
    task = submitted.current_workflow_state.current_task_state.task
    response = moderator_client.get(reverse("wagtailadmin_pages:workflow_preview", args=[submitted.pk, task.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>What happened to us</h1>" in html
    assert "Southwark" in html
