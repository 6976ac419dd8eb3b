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
    # Contempt of court and defamation: saying who is guilty ("the killer is ...", "Dean did it").
    # Names are capitalised; "everyone knows who did it" speculates about a named person's guilt too.
    Detector(
        "accusation",
        "says who is guilty of a crime (could prejudice a trial, or be defamatory)",
        re.compile(
            r"(?i:\b(?:the\s+)?(?:killer|murderer|stabber|shooter|one\s+who\s+(?:did|stabbed|shot|killed))"
            r"(?:\s+\w+){0,2}\s+(?:is|was|are|were)\s+(?:definitely\s+|obviously\s+)?[A-Z]?)"
            r"|\b(?!(?:He|She|We|They|I|You|It|Who|That|This|Someone|Somebody|Nobody|Everyone|God)\b)"
            r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?i:(?:definitely\s+|obviously\s+)?(?:(?:did|done)\s+(?:it|this)"
            r"(?=\s*(?:[.!?,;]|$))|(?:killed|stabbed|shot)\s+(?:him|her|them)|is\s+guilty|was\s+the\s+one))\b"
            r"|(?i:\b(?:everyone|everybody|we\s+all|the\s+whole\s+\w+)\s+knows?\s+who\s+(?:did|done)\s+(?:it|this)\b)"
        ),
    ),
    # Reporting restrictions (Children and Young Persons Act 1933 s.49, YJCEA 1999 s.45): a child's
    # age beside an arrest, a charge or the crime is how a child in proceedings is identified.
    Detector(
        "child_in_proceedings",
        "may identify a child involved in court proceedings (reporting restrictions protect them)",
        re.compile(
            r"\b(?:1[0-7])[- ]?(?:years?[- ]old|yr[- ]?old|yo)\b[^.!?]{0,80}?"
            r"\b(?:arrested|charged|accused|suspect|in\s+court|on\s+trial|did\s+it|stabbed|shot|killed)\b"
            r"|\b(?:arrested|charged|accused|suspect|in\s+court|on\s+trial)\b[^.!?]{0,80}?"
            r"\b(?:1[0-7])[- ]?(?:years?[- ]old|yr[- ]?old|yo)\b"
            r"|\b(?:boy|girl|kid|lad|teenager|schoolboy|schoolgirl)\s+(?:who|that)\s+(?:was\s+)?"
            r"(?:arrested|charged|did\s+it|stabbed|shot|killed)\b[^.!?]{0,60}?\b(?:goes|went|is)\s+(?:to|at)\b",
            re.IGNORECASE,
        ),
    ),
    # Gang call-outs by postcode ("SE15 on top"): gloating over a death in the other side's name.
    Detector(
        "postcode_callout",
        "calls out a postcode or area the way gangs taunt each other",
        re.compile(
            r"\b(?:EC|WC|SE|SW|NW|N|E|W)\d{1,2}[A-Z]?\s*(?:on\s+top|till\s+i\s+die|ting|gang|block|side|boys|mandem|man)\b",
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
    phrases = list(phrases)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def matched_phrases(text):
    """The active screening phrases in `text`, lower case, sorted."""
    pattern = _phrase_pattern(ScreeningPhrase.objects.filter(is_active=True).values_list("phrase", flat=True))
    return sorted({match.group(0).lower() for match in pattern.finditer(text)}) if pattern else []


# The reasons screening itself gives (what the writer can change), as opposed to the page's or the author's.
SCREENING_CODES = frozenset({"phrase", *(detector.code for detector in DETECTORS)})


def screen(text, *, trusted):
    """The reasons `text` needs a moderator, as [{"code", "label"}], in a fixed order."""
    reasons = []
    found = matched_phrases(text)
    if found:
        reasons.append({"code": "phrase", "label": "matches the screening list: " + ", ".join(found)})
    for detector in DETECTORS:
        if detector.untrusted_only and trusted:
            continue
        if detector.pattern.search(text):
            reasons.append({"code": detector.code, "label": detector.label})
    return reasons
