"""Moderators are people too: which waiting items may be distressing to read, and how many of
them a moderator has handled today.

A response is distressing when screening matched it for violence or self-harm: a phrase on the
moderators' list in a violent category, a detector for violence or self-harm, a report that it
threatens someone, or a moderator holding it for care (the author may be at risk). The inbox
folds its text until the moderator opens it, counts what each moderator decided today, and past
`MODERATOR_BREAK_AFTER` suggests a break. Apps above moderation (safety: reports of threats or of
a person at risk) add their own counts with `register_handled_today`.
"""

import re
from datetime import datetime, time

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import CommentFlagReport, CommentReview, CommentState, FlagReason, ScreeningCategory, ScreeningPhrase

# Phrase categories about violence or self-harm (a category added later under one of these names counts too).
DISTRESSING_CATEGORIES = {"threat", "retaliation", "gloating", "self_harm", "violence"}
# Codes a screening detector may give for violence or self-harm.
DISTRESSING_CODES = {"threat", "violence", "self_harm", "at_risk"}
DISTRESSING_FLAGS = {FlagReason.THREAT, FlagReason.AT_RISK}

_handled_today_counters = []


def register_handled_today(counter):
    """`counter(user, since) -> int`: distressing items of another kind that `user` decided since `since`."""
    _handled_today_counters.append(counter)


def distressing_phrases_pattern():
    """The active screening phrases about violence or self-harm as one pattern, or None (one query)."""
    categories = DISTRESSING_CATEGORIES & set(ScreeningCategory.values)
    phrases = list(
        ScreeningPhrase.objects.filter(is_active=True, category__in=categories).values_list("phrase", flat=True)
    )
    if not phrases:
        return None
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def is_distressing(review, pattern, *, threatening=False):
    """Whether a response's text may distress the moderator reading it. `threatening`: a member
    reported it as a threat (read by the caller with the review, so no query here)."""
    if review.state == CommentState.CARE or threatening:
        return True
    if any(reason.get("code") in DISTRESSING_CODES for reason in review.reasons):
        return True
    return bool(pattern and pattern.search(review.comment.comment or ""))


def mark_distressing(items):
    """Set `distressing` on the response items among the inbox's `items` (one query at most)."""
    responses = [item for item in items if item.is_response]
    if not responses:
        return
    pattern = distressing_phrases_pattern()
    for item in responses:
        reports = getattr(item.obj.comment, "open_reports", [])
        threatening = any(report.reason in DISTRESSING_FLAGS for report in reports)
        item.distressing = is_distressing(item.obj, pattern, threatening=threatening)


def start_of_today():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def handled_today(user):
    """How many distressing items `user` decided today: responses, and what other apps count."""
    since = start_of_today()
    threatened = CommentFlagReport.objects.filter(comment_id=OuterRef("comment_id"), reason__in=DISTRESSING_FLAGS)
    decided = (
        CommentReview.objects.filter(decided_by=user, decided_at__gte=since)
        .annotate(threatening=Exists(threatened))
        .select_related("comment")
    )
    pattern = distressing_phrases_pattern()
    count = sum(1 for review in decided if is_distressing(review, pattern, threatening=review.threatening))
    return count + sum(counter(user, since) for counter in _handled_today_counters)


def break_after():
    return settings.MODERATOR_BREAK_AFTER


def wellbeing(user):
    """What the inbox tells a moderator about their day: the count, whether to suggest a break, and where support is."""
    count = handled_today(user)
    return {
        "handled_today": count,
        "suggest_break": count >= break_after(),
        "support_url": settings.MODERATOR_WELLBEING_URL,
    }
