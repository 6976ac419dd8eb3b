"""The starter screening list moderators edit holds gang taunts and gloating (migration 0009, with
0002 and 0006), beside the detectors for accusations and children in proceedings; the ordinary
words of grief pass (issue 15, item 5)."""

import pytest

from moderation.models import ScreeningPhrase
from moderation.screening import screen

HELD = [
    ("Rest in piss", "phrase", "gloating"),
    ("Good riddance to him", "phrase", "gloating"),
    ("One less opp on the road", "phrase", "gloating"),
    ("He got caught slipping", "phrase", "gloating"),
    ("Another one down lol", "phrase", "gloating"),
    ("lol rip", "phrase", "gloating"),
    ("Top job, honestly", "phrase", "gloating"),
    ("We spin the block tonight", "phrase", "callout"),
    ("Free the guys", "phrase", "callout"),
    ("E5 on top", "postcode_callout", None),
    ("The killer is Marcus", "accusation", None),
    ("Tyrone did it.", "accusation", None),
    ("The 15 year old who was charged goes to Hillside school", "child_in_proceedings", None),
]
GRIEF = [
    "He was killed",
    "I miss him",
    "He was killed in March and I miss him every single day.",
    "She was stabbed outside the shop and we still cannot believe it.",
    "Rest in peace, Sam. One less day until we see you again.",
    "Our block held a vigil for him and the whole estate came.",
    "He got through so much before this.",
]


@pytest.mark.parametrize(("text", "code", "category"), HELD)
def test_taunts_gloating_accusations_and_children_in_proceedings_are_held(tree, text, code, category):
    assert code in [reason["code"] for reason in screen(text, trusted=True)]
    if category:
        phrases = ScreeningPhrase.objects.filter(category=category, is_active=True).values_list("phrase", flat=True)
        assert any(phrase in text.lower() for phrase in phrases)


@pytest.mark.parametrize("text", GRIEF)
def test_ordinary_words_of_grief_are_not_held(tree, text):
    assert screen(text, trusted=True) == []


def test_the_phrases_are_data_moderators_can_switch_off(tree):
    assert screen("Good riddance", trusted=True)
    ScreeningPhrase.objects.filter(phrase="good riddance").update(is_active=False)
    assert screen("Good riddance", trusted=True) == []
