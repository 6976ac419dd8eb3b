"""The families' circle: discussions only bereaved families (and peer supporters) can read, how a
family chooses to be found by other families, requests to talk, and the peer supporter role.

Plain Django models, never Wagtail pages: nothing here is served by Wagtail, so nothing reaches the
page cache, the search index, the sitemap or the feeds, and no Open Graph tag is drawn from it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class LossKind(models.TextChoices):
    """Gently worded, and short on purpose: enough to find someone whose loss is like yours."""

    KNIFE = "knife", "Someone lost to knife violence"
    GUN = "gun", "Someone lost to gun violence"
    ATTACK = "attack", "Someone lost in an attack or assault"
    OTHER = "other", "Someone lost to another kind of violence"
    UNSAID = "unsaid", "I would rather not say"


class FamilyListing(models.Model):
    """Whether (and how) other families can find this family. Off until the family turns it on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_listing")
    findable = models.BooleanField("let other families find me", default=False)
    borough = models.ForeignKey("boroughs.Borough", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    loss = models.CharField("who you lost", max_length=10, choices=LossKind.choices, default=LossKind.UNSAID)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "findable family"

    def __str__(self):
        return self.user.public_name


class PeerSupporter(models.Model):
    """A trained peer supporter: granted (and removed) by moderators, marked wherever their name is shown."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_supporter")
    note = models.CharField(
        "training", max_length=200, blank=True, help_text="Where and when they trained (moderators only)."
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "peer supporter"

    def __str__(self):
        return self.user.public_name


class Status(models.TextChoices):
    WAITING = "waiting", "Waiting for a moderator"
    PUBLISHED = "published", "Published in the circle"
    DECLINED = "declined", "Not published"


class Discussion(models.Model):
    """A discussion among families. A moderator reads every one before the circle sees it."""

    # None once the author left and others had replied: the conversation is kept for them (member_data.py).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="circle_discussions"
    )
    title = models.CharField(max_length=120)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    reasons = models.JSONField(default=list, blank=True)  # what screening found, for the moderator
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField("note to the author", blank=True)

    class Meta:
        verbose_name = "circle discussion"
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return self.title


class Reply(models.Model):
    """A reply in a circle discussion: published at once, or held for a moderator (as responses are)."""

    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_replies")
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "circle reply"
        verbose_name_plural = "circle replies"

    def __str__(self):
        return f"Reply {self.pk} in {self.discussion_id}"


class Route(models.TextChoices):
    MODERATOR = "moderator", "Through a moderator: they read it first, then pass it on"
    DIRECT = "direct", "Directly: the family receives it straight away"


class TalkRequest(models.Model):
    """One family asks another to talk. Contacts are shown to both only once the recipient accepts."""

    WITH_MODERATOR = "with_moderator"
    WAITING = "waiting"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_PASSED = "not_passed"
    STATUSES = [
        (WITH_MODERATOR, "With a moderator"),
        (WAITING, "Waiting for their answer"),
        (ACCEPTED, "Accepted"),
        (DECLINED, "Not taken up"),
        (NOT_PASSED, "Not passed on"),
    ]
    OPEN = (WITH_MODERATOR, WAITING)

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talk_requests_sent")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talk_requests_received"
    )
    message = models.TextField()
    route = models.CharField(max_length=10, choices=Route.choices, default=Route.MODERATOR)
    status = models.CharField(max_length=15, choices=STATUSES)
    reasons = models.JSONField(default=list, blank=True)
    sender_contact = models.CharField(max_length=200)
    recipient_contact = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "request to talk"
        verbose_name_plural = "requests to talk"
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status__in=["with_moderator", "waiting"]),
                name="circle_one_open_request_per_pair",
            )
        ]

    def __str__(self):
        return f"Request {self.pk}"

    @property
    def accepted(self):
        return self.status == self.ACCEPTED
