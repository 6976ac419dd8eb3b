"""What moderation knows about comments and the people who write them.

django-comments-xtd owns the comment itself (`XtdComment`, with `is_public` and
`is_removed`); `CommentReview` sits beside each one and records the state a moderator
sees in the queue, why it was held and who decided what. Screening phrases,
thresholds and sanctions are data that moderators edit in the Wagtail admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.sanitise import plain_text


class CommentState(models.TextChoices):
    PUBLISHED = "published", "Published"
    HELD = "held", "Held for review"
    HIDDEN = "hidden", "Hidden pending review"
    REJECTED = "rejected", "Rejected"
    # Not published and never announced; the author was sent support links instead of a rejection.
    CARE = "care", "Held for care"


class CommentReview(models.Model):
    """One per comment: its moderation state, hold reasons and the last decision.

    `comment.is_public` is kept in step with `state` (only PUBLISHED is public), so
    anything reading xtd's fields directly still sees the right answer.
    """

    comment = models.OneToOneField(XtdComment, on_delete=models.CASCADE, related_name="review")
    state = models.CharField(max_length=12, choices=CommentState.choices, db_index=True)
    # [{"code": "new_author", "label": "..."}]: why the comment was held or hidden.
    reasons = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    # Followers are told once, the first time the comment becomes public.
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "response review"
        permissions = [("work_queue", "Can work the response moderation queue")]

    def __str__(self):
        return f"Comment #{self.comment_id} by {self.comment.user_name}"

    @classmethod
    def for_comment(cls, comment):
        """The review of `comment`, made on the spot for a comment that predates this app."""
        review = getattr(comment, "review", None)  # RelatedObjectDoesNotExist is an AttributeError
        if review is None:
            state = CommentState.PUBLISHED if comment.is_public else CommentState.HELD
            if comment.is_removed:
                state = CommentState.REJECTED
            review, _ = cls.objects.get_or_create(comment=comment, defaults={"state": state})
        return review

    @property
    def reason_labels(self):
        return [reason.get("label", reason.get("code", "")) for reason in self.reasons]


class ReportCategory(models.TextChoices):
    """What is wrong, as everyone who reports anything chooses it (issue 15, item 1): the one list,
    for a member's report of a response here and for safety's reports of anything."""

    THREAT = "threat", "A threat, or incitement to violence"
    IDENTIFIES = (
        "identifies",
        "Someone identified who must not be (a victim with anonymity, a child in proceedings, a witness)",
    )
    PREJUDICE = "prejudice", "Something that could prejudice a trial"
    HARASSMENT = "harassment", "Harassment of a family"
    HATE = "hate", "Hate"
    AT_RISK = "at_risk", "Self-harm, or a person at risk"
    SPAM = "spam", "Spam or advertising"
    OTHER = "other", "Something else"


# A member's report of a response gives one of the same categories (its old six reasons became these).
FlagReason = ReportCategory


class CommentFlagReport(models.Model):
    """A signed-in member telling moderators a published comment needs a look."""

    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="flag_reports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports")
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "response report"
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_member_per_comment")]

    def __str__(self):
        return f"{self.get_reason_display()} (comment #{self.comment_id})"

    def save(self, *args, **kwargs):
        self.detail = plain_text(self.detail)[:500]
        super().save(*args, **kwargs)


class ScreeningCategory(models.TextChoices):
    THREAT = "threat", "Threats or violence"
    RETALIATION = "retaliation", "Revenge or retaliation"
    CALLOUT = "callout", "Gang or postcode call-outs"
    GLOATING = "gloating", "Gloating over a death or an injury"
    OTHER = "other", "Other"


class ScreeningPhrase(models.Model):
    """A word or phrase that holds a comment for a moderator. Moderators edit the list."""

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text="Matched as whole words, ignoring capitals. A response containing it waits for a moderator.",
    )
    category = models.CharField(max_length=20, choices=ScreeningCategory.choices, default=ScreeningCategory.OTHER)
    is_active = models.BooleanField("in use", default=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list (for other moderators).")

    class Meta:
        ordering = ["phrase"]
        verbose_name = "screening phrase"

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase = plain_text(self.phrase).lower()
        self.note = plain_text(self.note)
        super().save(*args, **kwargs)


@register_setting(icon="comment")
class ModerationSettings(BaseGenericSetting):
    """Thresholds moderators can change without a deploy."""

    trusted_after = models.PositiveSmallIntegerField(
        "approved responses before someone is trusted",
        default=3,
        help_text="Until a member has this many approved responses, each of theirs waits for a moderator.",
    )
    flags_to_hide = models.PositiveSmallIntegerField(
        "reports that hide a response",
        default=3,
        help_text="When this many different members report a response, it is hidden until a moderator decides.",
    )

    class Meta:
        verbose_name = "response moderation thresholds"


class SanctionKind(models.TextChoices):
    WARN = "warn", "Warning"
    PREMODERATE = "premoderate", "Every response read by a moderator first"
    SUSPEND = "suspend", "Suspended from posting"
    BAN = "ban", "Banned from posting"


class SanctionQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gt=now))


class Sanction(models.Model):
    """A moderator's measure against an account. Warnings only inform; the rest change what they can post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions")
    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    reason = models.TextField()
    until = models.DateTimeField(null=True, blank=True, help_text="Empty: until a moderator lifts it.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"

    def save(self, *args, **kwargs):
        self.reason = plain_text(self.reason)
        super().save(*args, **kwargs)


class RejectionReason(models.Model):
    """A ready-made reason moderators choose when they reject a response; the text is sent to the author.

    Moderators keep the list in the admin (Inbox → Rejection reasons) and can still write their own.
    """

    title = models.CharField(
        max_length=80, unique=True, help_text="A short name moderators pick it by. The author never sees it."
    )
    text = models.TextField(
        "words sent to the author",
        max_length=1000,
        help_text="Be kind and specific: the author reads this in the e-mail about their response.",
    )
    is_active = models.BooleanField("offered in the inbox", default=True)
    sort_order = models.PositiveSmallIntegerField("position", default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "rejection reason"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = plain_text(self.title)[:80]
        self.text = plain_text(self.text)[:1000]
        super().save(*args, **kwargs)
