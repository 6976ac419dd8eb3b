"""A family member writes, previews, submits, edits and withdraws a story. Nothing here publishes."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from boroughs.models import Borough
from stories.models import MemorialPage, StoryPage, TestimonyPage
from tests.factories import MemorialPageFactory

from .helpers import fields_for_memorial, fields_for_testimony, jpeg_upload


@pytest.fixture
def southwark(tree):
    return Borough.objects.get(slug="southwark")


def test_visitor_reads_what_sharing_involves_then_signs_in_or_joins_and_comes_back(client, tree):
    # Issue 13: a visitor is no longer sent straight to a bare sign-in page.
    response = client.get(reverse("share_story"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A moderator reads it first" in html
    assert f'href="{reverse("account_signup")}?next=/share/"' in html
    assert f'href="{reverse("account_login")}?next=/share/"' in html
    assert reverse("share_memorial") not in html


def test_resident_without_family_role_is_told_how_to_ask(resident_client):
    response = resident_client.get(reverse("share_memorial"))
    assert response.status_code == 200
    assert "Ask for the family member role" in response.content.decode()


def test_resident_request_for_family_role_is_recorded_for_moderators(resident_client, resident):
    response = resident_client.post(reverse("request_family_role"), {"message": "My brother, <b>Dan</b>"}, follow=True)
    resident.profile.refresh_from_db()
    assert resident.profile.has_pending_family_request
    assert resident.profile.family_role_request == "My brother, Dan"
    assert "We have your request" in response.content.decode()


def test_resident_cannot_post_a_story(resident_client, southwark):
    response = resident_client.post(
        reverse("share_memorial"), fields_for_memorial(borough=southwark.pk, action="submit")
    )
    assert response.status_code == 403
    assert not StoryPage.objects.exists()


def test_family_saves_a_memorial_draft_owned_by_them(family_client, family, southwark):
    response = family_client.post(reverse("share_memorial"), fields_for_memorial(borough=southwark.pk))
    page = MemorialPage.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("edit_story", args=[page.pk])
    assert not page.live
    assert page.owner == family
    revision = page.latest_revision
    assert revision.user == family
    assert page.title == "Sam Example"
    assert page.body == "<p>Sam loved music.</p><p>He wanted to be a nurse.</p>"
    assert page.current_workflow_state is None


def test_preview_shows_the_story_as_it_will_look_only_to_its_owner(family_client, southwark, other_family):
    family_client.post(reverse("share_memorial"), fields_for_memorial(borough=southwark.pk, action="preview"))
    page = MemorialPage.objects.get()
    response = family_client.get(reverse("preview_story", args=[page.pk]))
    html = response.content.decode()
    assert "This is a preview" in html
    assert "Remembering Sam Example" in html
    assert "Southwark" in html

    someone_else = Client()
    someone_else.force_login(other_family)
    assert someone_else.get(reverse("preview_story", args=[page.pk])).status_code == 404
    # Nor can anyone reach it through the public URL while it is a draft.
    assert Client().get("/stories/sam-example/").status_code == 404


def test_submitting_starts_moderation_and_never_publishes(family_client, family, southwark, mailoutbox):
    response = family_client.post(
        reverse("share_testimony"), fields_for_testimony(borough=southwark.pk, action="submit"), follow=True
    )
    page = TestimonyPage.objects.get()
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == family
    assert state.workflow.name == "Moderators approval"
    html = response.content.decode()
    assert "sent to our moderators" in html
    assert "Waiting for review" in html


def test_form_errors_keep_everything_typed_and_say_what_to_fix(family_client, tree):
    typed = fields_for_memorial(
        person_name="Sam Example", date_of_birth="2030-01-01", body="Every word I wrote.", borough=""
    )
    response = family_client.post(reverse("share_memorial"), typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Please choose the borough this story belongs to." in html
    assert "The date of birth can’t be in the future." in html
    assert "Every word I wrote." in html
    assert 'value="Sam Example"' in html
    assert 'aria-invalid="true"' in html
    assert not StoryPage.objects.exists()


def test_photo_error_says_the_photo_must_be_chosen_again(family_client, tree):
    response = family_client.post(
        reverse("share_memorial"), fields_for_memorial(borough="", photo=jpeg_upload(), photo_alt="Sam at the beach")
    )
    assert "Please choose it again" in response.content.decode()


def test_photo_needs_a_description(family_client, southwark):
    response = family_client.post(
        reverse("share_memorial"), fields_for_memorial(borough=southwark.pk, photo=jpeg_upload())
    )
    assert "Please describe the photo" in response.content.decode()
    assert not StoryPage.objects.exists()


def test_photo_is_stored_with_its_description(family_client, southwark):
    family_client.post(
        reverse("share_memorial"),
        fields_for_memorial(borough=southwark.pk, photo=jpeg_upload(), photo_alt="Sam smiling"),
    )
    page = MemorialPage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert draft.photo.description == "Sam smiling"
    assert draft.photo.collection.name == "Family photos"


def test_my_stories_lists_only_my_stories_with_plain_statuses(family_client, family, other_family, southwark):
    MemorialPageFactory(owner=family, title="Published one")
    MemorialPageFactory(owner=other_family, title="Somebody else's")
    family_client.post(reverse("share_testimony"), fields_for_testimony(borough=southwark.pk, title="My draft"))
    family_client.post(
        reverse("share_testimony"), fields_for_testimony(borough=southwark.pk, title="Sent one", action="submit")
    )
    html = family_client.get(reverse("my_stories")).content.decode()
    assert "Published one" in html and "My draft" in html and "Sent one" in html
    assert "Somebody else" not in html
    for label in ("Published", "Draft", "Waiting for review"):
        assert label in html


def test_family_cannot_edit_or_withdraw_someone_elses_story(family_client, other_family):
    theirs = MemorialPageFactory(owner=other_family)
    before = theirs.latest_revision_id
    edit = family_client.post(reverse("edit_story", args=[theirs.pk]), fields_for_memorial(borough=theirs.borough_id))
    withdraw = family_client.post(reverse("withdraw_story", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert edit.status_code == 404 and withdraw.status_code == 404
    assert theirs.live and theirs.latest_revision_id == before and theirs.withdrawn_at is None


def test_editing_a_published_story_leaves_the_live_version_until_approved(family_client, family):
    page = MemorialPageFactory(owner=family, title="Ama", body="<p>Original words.</p>")
    data = fields_for_memorial(person_name="Ama", borough=page.borough_id, body="New words.", action="submit")
    family_client.post(reverse("edit_story", args=[page.pk]), data)
    page.refresh_from_db()
    assert page.live
    assert page.body == "<p>Original words.</p>"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().body == "<p>New words.</p>"
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_withdrawing_takes_a_published_story_down(family_client, family):
    visitor = Client()
    page = MemorialPageFactory(owner=family)
    url = page.url
    assert visitor.get(url).status_code == 200
    confirm = family_client.get(reverse("withdraw_story", args=[page.pk]))
    assert confirm.status_code == 200 and page.live  # GET only asks
    family_client.post(reverse("withdraw_story", args=[page.pk]))
    page.refresh_from_db()
    assert not page.live and page.withdrawn_at is not None
    assert visitor.get(url).status_code == 404
    assert "Withdrawn" in family_client.get(reverse("my_stories")).content.decode()


def test_withdrawing_stops_a_review_in_progress(family_client, southwark):
    family_client.post(reverse("share_testimony"), fields_for_testimony(borough=southwark.pk, action="submit"))
    page = TestimonyPage.objects.get()
    family_client.post(reverse("withdraw_story", args=[page.pk]))
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert page.withdrawn_at is not None


def test_an_unknown_action_only_saves_a_draft(family_client, southwark):
    family_client.post(reverse("share_testimony"), fields_for_testimony(borough=southwark.pk, action="publish"))
    page = TestimonyPage.objects.get()
    assert not page.live and page.current_workflow_state is None
