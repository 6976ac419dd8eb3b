"""Moderators are people too: distressing text is folded in the inbox until opened, each moderator
sees how many distressing items they handled today, a break is suggested past a threshold, and
story photos in the queue are blurred until clicked."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.workflow import submit_for_review
from moderation import actions, distress
from moderation.models import CommentReview, CommentState
from safety import reports as safety_reports
from safety import targets
from safety.models import Category, Report
from tests.factories import MemorialPageFactory, ModeratorFactory, UserFactory

from .helpers import make_comment

INBOX = "/admin/inbox/"
FOLD = "This response may be distressing — open to read"


def html_of(client, url=INBOX):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def folds(html):
    """The <details> elements holding distressing text, as (attributes, inside)."""
    return re.findall(r'<details class="inbox-fold"([^>]*)>(.*?)</details>', html, re.S)


def target(story):
    return targets.resolve("stories.memorialpage", story.pk)


def held(story, text):
    return CommentReview.objects.get(comment=make_comment(story, UserFactory(), text, state=CommentState.HELD))


def test_a_response_matching_violent_screening_is_folded_closed_and_a_kind_one_is_not(story, moderator_client):
    held(story, "I will kill the one who did this.")
    held(story, "Thinking of you all today.")
    html = html_of(moderator_client, INBOX + "?tab=held")
    [(attributes, inside)] = folds(html)
    assert "open" not in attributes  # closed until the moderator opens it
    assert FOLD in inside and "I will kill the one who did this." in inside
    assert "Thinking of you all today." in html and "Thinking of you all today." not in inside


def test_a_response_reported_as_a_threat_is_folded(story, moderator_client):
    comment = make_comment(story, UserFactory(), "See you around.")
    actions.flag(comment, user=UserFactory(), reason="threat")
    [(_, inside)] = folds(html_of(moderator_client, INBOX + "?tab=flagged"))
    assert "See you around." in inside


def test_a_response_held_for_care_is_folded(story, moderator):
    from django.test import Client

    review = held(story, "I can't go on any more.")
    actions.hold_for_care(review, by=moderator)
    client = Client()
    client.force_login(moderator)
    [(_, inside)] = folds(html_of(client, INBOX + "?tab=care"))
    assert "go on any more" in inside


def test_a_report_of_a_person_at_risk_is_folded(story, moderator_client):
    safety_reports.file_report(
        target(story),
        category=Category.AT_RISK,
        detail="They said they would end it tonight.",
        email="",
        reporter=None,
    )
    html = html_of(moderator_client, INBOX + "?tab=reports")
    assert re.search(r'<details class="inbox-fold">\s*<summary>This report may be distressing', html)


def test_each_moderator_sees_how_many_distressing_items_they_handled_today(story, moderator, moderator_client):
    other = ModeratorFactory()
    actions.reject(held(story, "Gonna kill him."), by=moderator, reason="Threat")
    actions.approve(held(story, "Revenge is coming."), by=moderator)
    actions.approve(held(story, "Thinking of you all."), by=moderator)  # not distressing
    yesterday = held(story, "Stab him.")
    actions.reject(yesterday, by=moderator, reason="Threat")
    CommentReview.objects.filter(pk=yesterday.pk).update(decided_at=timezone.now() - timedelta(days=1))
    actions.reject(held(story, "Shank them."), by=other, reason="Threat")

    assert distress.handled_today(moderator) == 2
    assert "Distressing items you have handled today: <strong>2</strong>" in html_of(moderator_client)
    assert distress.handled_today(other) == 1


def test_a_break_is_suggested_past_the_threshold_with_support(settings, story, moderator, moderator_client):
    settings.MODERATOR_BREAK_AFTER = 2
    settings.MODERATOR_WELLBEING_URL = "https://support.example.org/moderators"
    actions.reject(held(story, "Gonna kill him."), by=moderator, reason="Threat")
    assert "good moment for a break" not in html_of(moderator_client)
    actions.reject(held(story, "Ride out tonight."), by=moderator, reason="Threat")
    html = html_of(moderator_client)
    assert "You have read 2 distressing items today." in html and "good moment for a break" in html
    assert 'href="https://support.example.org/moderators"' in html


def test_decided_reports_of_threats_count_too(story, moderator):
    report = safety_reports.file_report(
        target(story), category=Category.THREAT, detail="A threat.", email="", reporter=None
    )
    Report.objects.filter(pk=report.pk).update(decided_by=moderator, decided_at=timezone.now())
    safety_reports.file_report(target(story), category=Category.SPAM, detail="Spam.", email="", reporter=None)
    Report.objects.filter(category=Category.SPAM).update(decided_by=moderator, decided_at=timezone.now())
    assert distress.handled_today(moderator) == 1


def test_the_break_threshold_is_a_setting_and_in_the_example_environment():
    from pathlib import Path

    from django.conf import settings

    assert settings.MODERATOR_BREAK_AFTER == 20
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    assert "MODERATOR_BREAK_AFTER=20" in example and "MODERATOR_WELLBEING_URL=" in example


# Wagtail never closes the file it renders a rendition into (see tests/browser/helpers.py).
@pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")
def test_a_storys_photo_in_the_queue_is_blurred_behind_a_named_button(family, moderator_client):
    photo = Image.objects.create(title="Their photo", file=get_test_image_file(filename="their-photo.png"))
    story = MemorialPageFactory(owner=family, live=False, title="Amara Okoye", photo=photo)
    story.save_revision(user=family)
    submit_for_review(story, family)
    html = html_of(moderator_client, INBOX + "?tab=pages")
    box = re.search(r'<div class="inbox-photo" data-inbox-photo>(.*?)</div>\s*</div>', html, re.S).group(1)
    assert re.search(r'<img src="[^"]+" [^>]*data-inbox-photo-image', box)
    assert re.search(r'<button type="button"[^>]*data-inbox-photo-toggle', box)
    assert "Show photo" in box and "of “Amara Okoye”" in box
    assert "filter: blur(" in html and "prefers-reduced-motion" in html and "inbox_photos.js" in html
