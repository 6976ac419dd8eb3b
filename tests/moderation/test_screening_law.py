"""Screening for what the law and the families most need held: guilt asserted about named people
(contempt of court, defamation), a child in proceedings identified (reporting restrictions),
postcode call-outs and gloating. Ordinary words of grief pass."""

import pytest
from django_comments_xtd.models import XtdComment

from moderation.models import ScreeningPhrase
from moderation.screening import screen
from tests.moderation.helpers import post, trust

HELD = [
    ("Everyone knows who did this, they should get what's coming.", "accusation"),
    ("The killer is Dean from the estate", "accusation"),
    ("Dean Smith did it", "accusation"),
    ("Marcus definitely stabbed him", "accusation"),
    ("The 15-year-old who was arrested goes to Elm Park school", "child_in_proceedings"),
    ("A 16 year old was charged today", "child_in_proceedings"),
    ("Police arrested a 14yo near the station", "child_in_proceedings"),
    ("SE15 on top", "postcode_callout"),
    ("N17 till i die", "postcode_callout"),
    ("Top job whoever did that", "phrase"),
    ("He had it coming", "phrase"),
]
PASSES = [
    "He did it all for his family",
    "We did it together for Sam",
    "Jordan did it his way, always kind",
    "The trial is next week and we will be there together.",
    "She was 16 years old when she started at the club",
    "My son was 17 and loved football",
    "I live in SE15 and we miss him every day",
    "A candle on top of the cake, like every birthday",
]


@pytest.mark.parametrize(("text", "code"), HELD)
def test_what_must_wait_for_a_moderator(tree, text, code):
    assert code in [reason["code"] for reason in screen(text, trusted=True)]


@pytest.mark.parametrize("text", PASSES)
def test_ordinary_words_of_grief_pass(tree, text):
    assert screen(text, trusted=True) == []


def test_gloating_is_on_the_starter_list_moderators_edit(tree):
    gloating = set(ScreeningPhrase.objects.filter(category="gloating").values_list("phrase", flat=True))
    assert {"top job", "had it coming", "caught lacking"} <= gloating


def test_an_accusation_from_a_trusted_member_is_held_with_its_reason(story, resident, resident_client):
    trust(resident, story)
    post(resident_client, story, "Everyone knows who did this.")
    comment = XtdComment.objects.latest("pk")
    assert comment.is_public is False
    assert [reason["code"] for reason in comment.review.reasons] == ["accusation", "sent_after_nudge"]
