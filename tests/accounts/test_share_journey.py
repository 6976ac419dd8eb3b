"""Signed out, "Share a story" explains first; joining and confirming the e-mail signs you in and
brings you back to the share journey (issue 13). The preview can be sent to the moderators."""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.factories import PASSWORD, MemorialPageFactory


def test_a_visitor_reads_what_sharing_involves_before_anything_is_asked(client, tree):
    html = client.get(reverse("share_story")).content.decode()
    for words in (
        "A moderator reads it first",
        "usually within two days",
        "Edit",
        "Withdraw",
        "Choose who may respond",
        "Ask for a quiet time",
        "Keep it out of search engines",
        "The family member role",
        f'href="{reverse("support")}"',
    ):
        assert words in html, words
    assert 'href="/accounts/signup/?next=/share/"' in html
    assert 'href="/accounts/login/?next=/share/"' in html


def test_joining_from_the_share_page_signs_you_in_on_confirming_and_comes_back(tree, mailoutbox):
    client = Client()
    form = client.get("/accounts/signup/?next=/share/").content.decode()
    assert 'name="next" value="/share/"' in form
    response = client.post(
        "/accounts/signup/",
        {
            "email": "joining-to-share@example.org",
            "display_name": "Ngozi",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": "/share/",
            "age": "18_or_over",
            "agree_to_terms": "on",
        },
    )
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert "Check your e-mail" in sent.content.decode()
    assert client.get(reverse("my_stories")).status_code == 302  # not signed in yet

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[0].body).group(1)
    assert "Confirm your e-mail address" in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == "/share/"
    user = get_user_model().objects.get(email="joining-to-share@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    # Back on the journey: a new member is told how to ask for the family member role.
    assert "Ask for the family member role" in client.get("/share/").content.decode()


def test_the_confirmation_email_is_plain_and_kind(tree, mailoutbox):
    Client().post(
        "/accounts/signup/",
        {
            "email": "kind-words@example.org",
            "display_name": "A",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "age": "18_or_over",
            "agree_to_terms": "on",
        },
    )
    (message,) = mailoutbox
    assert message.subject == "London Listens: Please confirm your e-mail address"
    assert "Thank you for joining London Listens." in message.body
    assert "You're receiving" not in message.body and "Hello from" not in message.body


def test_a_family_member_sends_the_previewed_story_to_the_moderators(family_client, family):
    story = MemorialPageFactory(owner=family, live=False)
    preview = family_client.get(reverse("preview_story", args=[story.pk])).content.decode()
    submit_url = reverse("submit_story", args=[story.pk])
    assert f'action="{submit_url}"' in preview and "Send to the moderators" in preview

    response = family_client.post(submit_url)
    assert response.status_code == 302 and response["Location"] == reverse("my_stories")
    story.refresh_from_db()
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # Waiting for review: nothing new to send, so the preview no longer offers it.
    again = family_client.get(reverse("preview_story", args=[story.pk])).content.decode()
    assert submit_url not in again
    assert family_client.post(submit_url).status_code == 302
    assert WorkflowState.objects.filter(object_id=str(story.pk)).count() == 1


def test_sending_from_the_preview_needs_a_post(family_client, family):
    story = MemorialPageFactory(owner=family, live=False)
    assert family_client.get(reverse("submit_story", args=[story.pk])).status_code == 405
    story.refresh_from_db()
    assert story.current_workflow_state is None
