"""The one place that decides what happens to a new comment: refuse, hold or publish.

Registered on django-comments-xtd's moderator (`django_comments_xtd.moderation.moderator`;
the one in `django_comments.moderation` is never consulted by xtd) for every page type
that takes comments. Our own post view asks `decide()` for the reasons and message;
`allow()` and `moderate()` give xtd's signal pipeline the same answer.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, timezone
from django_comments_xtd.moderation import XtdCommentModerator
from django_comments_xtd.moderation import moderator as xtd_moderator

from core.ratelimit import Limit, Rate

from .models import CommentReview, CommentState, ModerationSettings, Sanction, SanctionKind
from .screening import screen

REFUSE, HOLD, PUBLISH = "refuse", "hold", "publish"

CLOSED, PREMODERATED = "closed", "premoderated"  # values of stories.models.CommentPolicy


@dataclass(frozen=True)
class Decision:
    outcome: str
    message: str = ""
    reasons: list = field(default_factory=list)
    status: int = 200

    @property
    def refused(self):
        return self.outcome == REFUSE

    @property
    def held(self):
        return self.outcome == HOLD


def refuse(message, status=403):
    return Decision(REFUSE, message=message, status=status)


def _posting_rates():
    return [
        Rate(settings.COMMENT_RATE_LIMIT_PER_MINUTE, 60, "minute"),
        Rate(settings.COMMENT_RATE_LIMIT_PER_DAY, 86400, "day"),
    ]


# How often one account may post: comments and new discussions are counted apart, each in any
# minute and any 24 hours. Only what was posted counts (`record_post` after the save).
POSTING_LIMITS = {action: Limit(action, _posting_rates) for action in ("comment", "thread")}


def record_post(user, action="comment"):
    POSTING_LIMITS[action].record(user.pk)


def posting_refusal(user, action="comment"):
    """Why `user` may not post anything at all right now (sanctions, rate limit), or None."""
    for kind, until in Sanction.objects.active().filter(user=user).values_list("kind", "until"):
        if kind == SanctionKind.BAN:
            return refuse(
                "Your account can no longer post on London Listens. If you think this is a mistake, "
                "reply to the e-mail we sent you."
            )
        if kind == SanctionKind.SUSPEND:
            when = formats.date_format(until, "j F Y") if until else "a moderator lifts it"
            return refuse(f"Your account is paused from posting until {when}. You can still read everything.")
    rate = POSTING_LIMITS[action].exceeded(user.pk)
    window = rate.name if rate else None
    if window == "minute":
        return refuse(
            "You have posted several times in the last minute. Please wait a minute, then send it again.", 429
        )
    if window == "day":
        return refuse(
            "You have reached today's limit for posting. Please come back tomorrow; your words are kept below.", 429
        )
    return None


def is_trusted(user, page):
    if user.has_perm("django_comments.can_moderate") or page.owner_id == user.pk:
        return True
    needed = ModerationSettings.load().trusted_after
    approved = CommentReview.objects.filter(comment__user=user, state=CommentState.PUBLISHED).count()
    return approved >= needed


def quiet_period_refusal(page):
    """The family asked for quiet on their story: responses pause until it ends (by itself)."""
    from care.models import current_quiet_period

    period = current_quiet_period(page.pk)
    if period is None:
        return None
    until = formats.date_format(timezone.localtime(period.ends_at), "j F Y, H:i")
    return refuse(
        f"The family has asked for a quiet time on this page, so responses are paused until {until}. "
        "Nothing you wrote has been posted, and your words are kept below. Thank you for understanding."
    )


def legal_hold_reason(page):
    """Court proceedings are active: a moderator reads every new comment first, whoever wrote it."""
    from care.models import active_legal_hold

    if active_legal_hold(page.pk) is None:
        return None
    return {"code": "legal_hold", "label": "legal hold: court proceedings are active"}


# Page-level rules, in order. A refusal rule returns a refusal Decision or None; a hold
# rule returns a hold reason or None, and any reason holds the comment whatever the
# author's trust.
PAGE_REFUSAL_RULES = [quiet_period_refusal]
PAGE_HOLD_RULES = [legal_hold_reason]


class ForumCommentModerator(XtdCommentModerator):
    """Refuse, hold or publish: the rules in DESIGN.md "Moderation pipeline", in that order."""

    def decide(self, *, user, text, page):
        if not page.live:
            return refuse("This page is not published, so it cannot take responses.")
        policy = getattr(page, "comment_policy", "open")
        if policy == CLOSED:
            return refuse("Responses to this page are closed. Nothing you wrote has been posted.")
        for rule in PAGE_REFUSAL_RULES:
            refusal = rule(page)
            if refusal:
                return refusal
        refusal = posting_refusal(user)
        if refusal:
            return refusal

        reasons = []
        if policy == PREMODERATED:
            reasons.append({"code": "page_premoderated", "label": "the page asks for every comment to be read first"})
        reasons.extend(reason for reason in (rule(page) for rule in PAGE_HOLD_RULES) if reason)
        if Sanction.objects.active().filter(user=user, kind=SanctionKind.PREMODERATE).exists():
            reasons.append(
                {"code": "author_premoderated", "label": "a moderator asked to read this member's comments"}
            )
        trusted = is_trusted(user, page)
        if not trusted:
            reasons.append({"code": "new_author", "label": "the author is new (few approved comments yet)"})
        if not user.has_perm("django_comments.can_moderate"):
            reasons.extend(screen(text, trusted=trusted))
        if reasons:
            return Decision(
                HOLD,
                message="Thank you. A moderator will read your response before it appears, usually within a day. "
                "Until then only you can see it.",
                reasons=reasons,
            )
        return Decision(PUBLISH, message="Thank you. Your response is published.")

    # xtd's signal pipeline (comment_will_be_posted) asks these two; give it the same answer.
    def allow(self, comment, content_object, request):
        return not self.decide(user=comment.user, text=comment.comment, page=content_object).refused

    def moderate(self, comment, content_object, request):
        return self.decide(user=comment.user, text=comment.comment, page=content_object).held


def commentable_models():
    from boroughs.models import ThreadPage
    from stories.models import MemorialPage, TestimonyPage

    return [MemorialPage, TestimonyPage, ThreadPage]


# The page classes this app registered with xtd's moderator, and the moderator each answers to.
# django_comments' `Moderator` offers `register`/`unregister` but no public lookup, so we keep our
# own record of what we registered (its `register` refuses, with AlreadyModerated, a model that
# anything else registered first: that stays loud).
_registered = {}


def register():
    for model in commentable_models():
        if model not in _registered:
            xtd_moderator.register(model, ForumCommentModerator)
            _registered[model] = ForumCommentModerator(model)


def moderator_for(model):
    """The moderator registered for a page class, or None if it takes no comments."""
    return _registered.get(model)
