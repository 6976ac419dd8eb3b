"""A kind nudge before posting (issue 15, item 6).

When screening would hold a response, the writer is told why in plain words before it is sent,
with everything they typed kept, and may change their words or send it anyway. Sending anyway
queues it for a moderator with the reasons and `SENT_ANYWAY`; changed words that screening
passes are posted as any other response. (Nextdoor's "Kindness Reminder" saw about one writer
in five change their words.)

Only screening's own reasons nudge (moderation/screening.py: `SCREENING_CODES`): a response held
because the page or the author is read first has nothing to rephrase.
"""

from .screening import SCREENING_CODES, matched_phrases

# The form's markers: `nudged` says the writer has seen the reminder, `send_anyway` is their choice.
NUDGED, SEND_ANYWAY = "nudged", "send_anyway"

SENT_ANYWAY = {"code": "sent_after_nudge", "label": "the writer was told why and chose to send it as it was"}

# What each screening reason means, said to the writer (the moderators' labels are in screening.py).
IN_PLAIN_WORDS = {
    "phone": "It seems to include a phone number. We never publish people's contact details.",
    "email": "It seems to include an e-mail address. We never publish people's contact details.",
    "address": "It seems to include a street address or a postcode, which could tell people where someone lives.",
    "accusation": "It seems to say who is guilty of a crime. Until a court decides, that could harm a trial, "
    "and the family's hope of justice, and be unfair to the person named.",
    "child_in_proceedings": "It may identify a child involved in a court case. The law protects children in "
    "court proceedings from being named or described.",
    "postcode_callout": "It mentions a postcode or an area the way gangs taunt each other, "
    "which can put people in danger.",
    "link": "It contains a link. Links from members who are new here wait for a moderator.",
}


def _phrase_words(text):
    quoted = ", ".join(f"“{phrase}”" for phrase in matched_phrases(text))
    return f"Some of its words ({quoted}) can read as a threat, as revenge or as gloating to a family who is grieving."


def nudge_for(decision, text):
    """Plain sentences saying why screening would hold `text` ([] when it would not)."""
    codes = [reason["code"] for reason in decision.reasons if reason["code"] in SCREENING_CODES]
    return [_phrase_words(text) if code == "phrase" else IN_PLAIN_WORDS[code] for code in codes]


def chose_to_send_anyway(post):
    """Only a writer who has seen the reminder can choose to send it anyway."""
    return post.get(NUDGED) == "1" and bool(post.get(SEND_ANYWAY))
