"""Reports about anything, appeals against a decision, and complaints about the service.

The user-facing side of the Online Safety Act duties (s.20 reporting, s.21 complaints and
appeals, s.23 records). Each record carries a human-readable reference (LL-7KQ2-9F) the person
can quote; every decision about one is also written to Wagtail's audit log (`safety.actions`).
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from core.sanitise import plain_text
from moderation.models import ReportCategory

# No 0/O, 1/I/L: a reference is read aloud on the phone and typed from a printed letter.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference():
    pick = lambda n: "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(n))  # noqa: E731
    return f"LL-{pick(4)}-{pick(2)}"


class ReferenceModel(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            reference = new_reference()
            while type(self).objects.filter(reference=reference).exists():
                reference = new_reference()
            self.reference = reference
        super().save(*args, **kwargs)


# The one list of report categories, shared with a member's report of a response (moderation).
Category = ReportCategory


class ReportOutcome(models.TextChoices):
    ACTED = "acted", "We took action"
    NO_ACTION = "no_action", "We looked and it can stay"


class Report(ReferenceModel):
    """Someone, signed in or not, telling moderators that something on the site needs a look."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # What it was when reported, in case it changes or goes: "Memorial: Remembering Sam".
    target_label = models.CharField(max_length=300)
    target_url = models.CharField(max_length=500, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    detail = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_reports"
    )
    # A member's report of a response is also moderation's flag, which counts toward hiding it.
    flag = models.OneToOneField(
        "moderation.CommentFlagReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_report"
    )
    # What screening found in the report's own words (a threat in a report is itself for moderators).
    screening = models.JSONField(default=list, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=ReportOutcome.choices, blank=True)
    outcome_note = models.TextField("what we tell the reporter", blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def save(self, *args, **kwargs):
        self.detail = plain_text(self.detail)[:2000]
        self.outcome_note = plain_text(self.outcome_note)[:2000]
        self.target_label = plain_text(self.target_label)[:300]
        super().save(*args, **kwargs)

    @property
    def urgent(self):
        return self.category == Category.AT_RISK


class AppealKind(models.TextChoices):
    RESPONSE = "response", "A response that was rejected or hidden"
    PAGE = "page", "A story or discussion that was sent back or removed"
    SANCTION = "sanction", "A warning, suspension or ban"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "The decision stands"
    OVERTURNED = "overturned", "The decision is overturned"


class Appeal(ReferenceModel):
    """One appeal against one decision (a second is refused), decided by another moderator."""

    kind = models.CharField(max_length=12, choices=AppealKind.choices)
    # The CommentReview, the Page or the Sanction appealed against.
    object_id = models.PositiveBigIntegerField()
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_appeals"
    )
    email = models.EmailField(blank=True)
    reason = models.TextField("why it should be looked at again")
    # The decision appealed against, as it was when the appeal came in.
    decision = models.CharField(max_length=300)
    decision_reason = models.TextField(blank=True)
    original_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_appeals"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=AppealOutcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_appeal_per_decision")]

    def save(self, *args, **kwargs):
        self.reason = plain_text(self.reason)[:3000]
        self.outcome_reason = plain_text(self.outcome_reason)[:2000]
        super().save(*args, **kwargs)


class Complaint(ReferenceModel):
    """A complaint about the service itself; it reaches the administrators by e-mail."""

    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    about = models.TextField("what went wrong")
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField("what was done (for the administrators)", blank=True)

    class Meta:
        ordering = ["-created_at"]

    def save(self, *args, **kwargs):
        self.name = plain_text(self.name)[:100]
        self.about = plain_text(self.about)[:5000]
        self.note = plain_text(self.note)[:2000]
        super().save(*args, **kwargs)
