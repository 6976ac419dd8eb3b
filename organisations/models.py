"""Organisations that can act (verified by a moderator), residents' asks, backing, invitations and answers.

One app for the whole "from listening to action" domain: an answer joins an ask to an
organisation, so splitting asks from organisations would make two apps that import each other.
`boroughs` never imports this app: an ask is attached to a discussion by a hook
(`organisations/wagtail_hooks.py`, `after_start_thread`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.sanitise import plain_text


class Organisation(models.Model):
    KINDS = [
        ("council", "Council"),
        ("police", "Police safer neighbourhood team"),
        ("nhs", "NHS or mental-health service"),
        ("school", "School"),
        ("youth", "Youth service"),
        ("charity", "Charity"),
    ]

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=KINDS)
    boroughs = models.ManyToManyField("boroughs.Borough", related_name="organisations", blank=True)
    website = models.URLField(blank=True)
    is_verified = models.BooleanField("verified", default=False, editable=False)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_trusted = models.BooleanField(
        "trusted", default=False, help_text="Answers from a trusted organisation are published at once (and logged)."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = plain_text(self.name)  # whatever path wrote it (admin, demo, code)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("organisation", args=[self.slug])

    def clean(self):
        super().clean()
        self.name = plain_text(self.name)


class Membership(models.Model):
    """A named staff account of an organisation; the lead may remove the others."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    is_lead = models.BooleanField("lead", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_once")]

    def __str__(self):
        return f"{self.user} at {self.organisation}"


class Status(models.TextChoices):
    HEARD = "heard", "Heard"
    LOOKING = "looking", "Looking into it"
    PLANNED = "planned", "Change planned"
    MADE = "made", "Change made"
    CANNOT = "cannot", "Not something we can do"


class Ask(models.Model):
    """A discussion its starter marked as an ask ("what would help"), or a family's testimony they
    asked a named organisation to answer (with their consent to share it: `consented_at`)."""

    thread = models.OneToOneField(
        "boroughs.ThreadPage", null=True, blank=True, on_delete=models.CASCADE, related_name="ask"
    )
    testimony = models.OneToOneField(
        "stories.TestimonyPage", null=True, blank=True, on_delete=models.CASCADE, related_name="ask"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    # Who could act, as the resident chose it: verified organisations of this kind covering the
    # borough are invited when the discussion is published (`actions.invite_who_could_act`).
    kind = models.CharField("who could act", max_length=20, choices=Organisation.KINDS, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Denormalised so lists sort and count without a query per ask; changed only with F() in backing.back.
    backing_count = models.PositiveIntegerField(default=0)
    first_answer_at = models.DateTimeField(null=True, blank=True)
    latest_status = models.CharField(max_length=20, choices=Status.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(thread__isnull=False, testimony__isnull=True)
                | models.Q(thread__isnull=True, testimony__isnull=False, consented_at__isnull=False),
                name="ask_is_a_discussion_or_a_consented_testimony",
            )
        ]

    def __str__(self):
        return self.page.title

    @property
    def page(self):
        """The page the ask is on and its answers show under: the discussion or the testimony."""
        return self.thread if self.thread_id else self.testimony

    @property
    def is_testimony(self):
        return bool(self.testimony_id)


class Backing(models.Model):
    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="backings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="backings")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ask", "user"], name="back_an_ask_once")]

    def __str__(self):
        return f"{self.user} backs {self.ask}"


class Invitation(models.Model):
    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ask", "organisation"], name="invite_once")]

    def __str__(self):
        return f"{self.organisation} invited to {self.ask}"


class Answer(models.Model):
    """One status an organisation gave an ask; later updates are new rows, so the page keeps a timeline."""

    HELD, PUBLISHED, REJECTED = "held", "published", "rejected"
    STATES = [(HELD, "Waiting for a moderator"), (PUBLISHED, "Published"), (REJECTED, "Not published")]

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices)
    body = models.TextField()
    state = models.CharField(max_length=20, choices=STATES, default=HELD)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["published_at", "pk"]

    def __str__(self):
        return f"{self.organisation}: {self.get_status_display()}"
