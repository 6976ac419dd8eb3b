"""The attack corpora through the two pages that show a writer's words back before anything is
posted: the kind nudge (moderation/nudge.py) and the terms page a post before agreeing lands on
(accounts/terms.py). Nothing executes, and every word typed is in the form to send again."""

import pytest
from django.urls import reverse

from accounts.models import TermsAcceptance
from tests.factories import TestimonyPageFactory
from tests.forms.browser_form import form_data_as_browser_sends
from tests.moderation.helpers import form_data, trust
from tests.security.corpora import batches, xss_payloads
from tests.security.markup import executable_markup

POST = "/comments/post/"
HELD_PHRASE = "top job"  # so every batch is nudged


@pytest.fixture
def story(tree, family):
    return TestimonyPageFactory(owner=family, title="For Tayo", slug="for-tayo")


def payload_batches(limit):
    return batches([text for _, _, text in xss_payloads()], limit)


def test_the_nudge_shows_every_payload_inert_and_keeps_it_to_send_again(story, resident, resident_client, settings):
    trust(resident, story)
    problems = []
    prefix = HELD_PHRASE + " ¦ "
    for batch in payload_batches(settings.COMMENT_MAX_LENGTH - len(prefix)):
        typed = prefix + " ¦ ".join(batch)
        response = resident_client.post(POST, form_data(story, typed, sent_anyway=False, next=story.url))
        html = response.content.decode()
        if response.status_code != 200 or "Before you send this" not in html:
            problems.append(f"not nudged ({response.status_code}): {typed[:60]!r}")
            continue
        problems += executable_markup(html)
        kept = form_data_as_browser_sends(html, "form.comment-form", page_path=POST)["comment"][0]
        if kept.replace("\r\n", "\n") != typed.replace("\r\n", "\n").replace("\r", "\n"):
            problems.append(f"changed on the way back: {typed[:60]!r}")
    assert not problems, problems[:5]


def test_a_post_before_agreeing_shows_every_payload_inert(story, resident, resident_client, settings):
    settings.TERMS_VERSION = "2027-06"
    TermsAcceptance.objects.filter(user=resident).update(version="2026-12")
    problems = []
    for batch in payload_batches(settings.COMMENT_MAX_LENGTH):
        typed = " ¦ ".join(batch)
        response = resident_client.post(reverse("comments-post-comment"), form_data(story, typed, next=story.url))
        assert response.status_code == 403
        problems += executable_markup(response.content.decode())
    assert not problems, problems[:5]
