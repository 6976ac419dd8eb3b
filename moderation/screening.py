"""Screening rules, as data: the moderators' phrase list plus detectors for personal details.

`screen(text, trusted)` returns the reasons a comment should wait for a moderator
(an empty list when nothing matches). Each detector is a named pattern, not an
`if`: add one by adding a row to DETECTORS.
"""

import re
from dataclasses import dataclass

from .models import ScreeningPhrase


@dataclass(frozen=True)
class Detector:
    code: str
    label: str
    pattern: re.Pattern
    untrusted_only: bool = False


_STREET = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|crescent|drive|way|gardens|grove|place|court|terrace|"
    r"square|hill|row|mews|walk|estate|park|rise"
)

DETECTORS = [
    Detector(
        "phone",
        "contains what looks like a phone number",
        re.compile(r"(?<!\d)(?:\+\s?44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?!\d)"),
    ),
    Detector("email", "contains an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    Detector(
        "address",
        "contains what looks like a street address or postcode",
        re.compile(
            rf"\b\d{{1,4}}[a-z]?,?\s+(?:[a-z'-]+\s+){{1,3}}(?:{_STREET})\b"
            r"|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b",
            re.IGNORECASE,
        ),
    ),
    Detector(
        "link",
        "contains a link",
        re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|uk|io|ly|me|info|biz)\b", re.IGNORECASE),
        untrusted_only=True,
    ),
]


def _phrase_pattern(phrases):
    if not phrases:
        return None
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def screen(text, *, trusted):
    """The reasons `text` needs a moderator, as [{"code", "label"}], in a fixed order."""
    reasons = []
    phrases = dict(ScreeningPhrase.objects.filter(is_active=True).values_list("phrase", "category"))
    pattern = _phrase_pattern(phrases)
    if pattern:
        found = sorted({match.group(0).lower() for match in pattern.finditer(text)})
        if found:
            reasons.append({"code": "phrase", "label": "matches the screening list: " + ", ".join(found)})
    for detector in DETECTORS:
        if detector.untrusted_only and trusted:
            continue
        if detector.pattern.search(text):
            reasons.append({"code": detector.code, "label": detector.label})
    return reasons
