"""Quiet periods (a family pauses responses to their story) and legal holds (a moderator makes
every new response on a page wait for review while court proceedings are active).

Both sit beside the page rather than on it: they are not part of the page's content, so they
never travel through revisions, drafts or the family's edit form, and a family's resubmission
can never clear a moderator's legal hold. Both are read at the moment they matter (posting,
sending a notification) against `timezone.now()`, so a quiet period ends by itself.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from core.sanitise import plain_text


class QuietPeriodQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def current_on(self, page, now=None):
        """The quiet periods holding on `page` (an id or an `OuterRef`) now, the one lasting
        longest first: the first of them is *the* current quiet period, wherever it is asked."""
        return self.current(now).filter(story_id=page).order_by("-ends_at")

    def not_over(self, now=None):
        """Current or still to come."""
        return self.filter(ends_at__gt=now or timezone.now())


class QuietPeriod(models.Model):
    """A time the family asked for quiet on their story: no new responses, no notifications."""

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="quiet_periods")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_early_at = models.DateTimeField(null=True, blank=True)

    objects = QuietPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="quiet_period_ends_after_start"
            )
        ]

    def __str__(self):
        return f"Quiet period on {self.story_id}: {self.starts_at:%Y-%m-%d} to {self.ends_at:%Y-%m-%d}"

    def is_current(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


def current_quiet_period(page_id, now=None):
    """The quiet period holding on a page right now, or None (one query)."""
    return QuietPeriod.objects.current_on(page_id, now).first()


def next_quiet_period(page_id, now=None):
    """The current quiet period, else the next one planned, or None."""
    now = now or timezone.now()
    return current_quiet_period(page_id, now) or QuietPeriod.objects.not_over(now).filter(story_id=page_id).first()


REASON_MAX_LENGTH = 300
WATCH_NAMES_MAX_LENGTH = 1000


class HoldStage(models.TextChoices):
    """How far proceedings have gone. Contempt of court's strict liability starts at arrest
    (Contempt of Court Act 1981, Schedule 1), so a hold may be set from then, not only from charge."""

    ARREST = "arrest", "Someone has been arrested"
    WARRANT = "warrant", "A warrant for an arrest has been issued"
    CHARGE = "charge", "Someone has been charged"
    TRIAL = "trial", "A trial is under way or due"
    APPEAL = "appeal", "An appeal or retrial is under way"
    CHILD = "child", "A child is involved in proceedings (reporting restrictions)"
    OTHER = "other", "Other active proceedings"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        """Holds in force: not cleared, on a page that still exists."""
        return self.filter(cleared_at__isnull=True, page__isnull=False)


class LegalHold(models.Model):
    """Active court proceedings touch this page: every new response waits for a moderator.

    Only moderators set or clear it (in the Wagtail admin); each change is in the audit log.
    The record (who set it, why, when, on which page) outlives the page: deleting a story, or
    the account of the family who shared it, leaves the hold with its page's title and id.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="legal_holds"
    )
    page_title = models.CharField(
        "page title", max_length=255, blank=True, help_text="The page's title when the hold was set."
    )
    page_ref = models.PositiveIntegerField(
        "page id", null=True, blank=True, help_text="The page's id, kept after the page is deleted."
    )
    stage = models.CharField("what has happened", max_length=20, choices=HoldStage.choices, blank=True, default="")
    proceedings_since = models.DateField(
        "since", null=True, blank=True, help_text="The day of the arrest, warrant or charge, if known."
    )
    reason = models.CharField(
        "reason",
        max_length=REASON_MAX_LENGTH,
        blank=True,
        help_text="Why the page is held, e.g. 'a man was arrested on 3 December; police statement'.",
    )
    watch_names = models.TextField(
        "other names to watch for",
        blank=True,
        help_text="One a line: other names the person or case is known by. A new discussion naming any of "
        "them, or the page's title, is marked as touching this hold.",
    )
    note = models.TextField(
        "note for moderators",
        blank=True,
        help_text="Which case, and when it is expected to end, e.g. 'trial at the Old Bailey, verdict expected in March'.",
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=Q(cleared_at__isnull=True), name="one_active_legal_hold_per_page"
            )
        ]

    def __str__(self):
        return f"Legal hold on “{self.page_title}” (page {self.page_ref})"

    def save(self, *args, **kwargs):
        self.note = plain_text(self.note)[:1000]
        self.reason = plain_text(self.reason)[:REASON_MAX_LENGTH]
        self.watch_names = "\n".join(self.names_to_watch())[:WATCH_NAMES_MAX_LENGTH]
        if self.page_id is not None:
            self.page_ref = self.page_id
            if not self.page_title:
                self.page_title = self.page.title[:255]
        super().save(*args, **kwargs)

    def names_to_watch(self):
        """The moderators' other names, one a line, cleaned, each once."""
        names = [" ".join(plain_text(line).split()) for line in self.watch_names.splitlines()]
        return list(dict.fromkeys(name for name in names if name))


# A name shorter than this ("Jo") would match too many unrelated discussions to be a useful signal.
MIN_NAME_LENGTH = 4


def _name_pattern(name):
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)", re.IGNORECASE)


def named_holds_finder():
    """A function `(text, page_id) -> [(hold, name found)]`: the active legal holds, other than the
    page's own, whose page the text names (by its title, or a name the moderators gave the hold).
    The holds are read once (one query), so many texts cost no more."""
    holds = []
    for hold in LegalHold.objects.active().select_related("page"):
        names = [" ".join(name.split()) for name in (hold.page.title, hold.page_title, *hold.names_to_watch())]
        patterns = [(name, _name_pattern(name)) for name in dict.fromkeys(names) if len(name) >= MIN_NAME_LENGTH]
        holds.append((hold, patterns))

    def find(text, page_id=None):
        found = []
        for hold, patterns in holds:
            if hold.page_id == page_id or not text:
                continue
            name = next((name for name, pattern in patterns if pattern.search(text)), None)
            if name:
                found.append((hold, name))
        return found

    return find


def active_legal_hold(page_id):
    return LegalHold.objects.active().filter(page_id=page_id).first()


def pages_under_legal_hold(page_ids):
    """The ids (as ints) among `page_ids` under a legal hold now, in one query."""
    return set(LegalHold.objects.active().filter(page_id__in=page_ids).values_list("page_id", flat=True))


def care_annotations(now=None):
    """Expressions to annotate on a `Page` queryset, read in the same query as other page facts:
    whether a legal hold is active, the current quiet period's id, start and end (None when
    there is none), and when the next one starts. `care_facts(row)` turns them into answers."""
    now = now or timezone.now()
    current = QuietPeriod.objects.current_on(OuterRef("pk"), now)
    upcoming = QuietPeriod.objects.filter(story_id=OuterRef("pk"), starts_at__gt=now).order_by("starts_at")
    return {
        "care_legal_hold": Exists(LegalHold.objects.active().filter(page_id=OuterRef("pk"))),
        "care_quiet_pk": Subquery(current.values("pk")[:1]),
        "care_quiet_starts_at": Subquery(current.values("starts_at")[:1]),
        "care_quiet_ends_at": Subquery(current.values("ends_at")[:1]),
        "care_next_starts_at": Subquery(upcoming.values("starts_at")[:1]),
    }


def care_facts(row):
    """What a page's readers are told about care on it, from a row annotated with `care_annotations`:
    `{"quiet_period": (id, start, end) or None, "legal_hold": bool, "until": datetime or None}`
    (the answers of `current_quiet_period` and `active_legal_hold`).

    `until` is when the answer next changes by itself (the current quiet period ends, or the
    next one begins). Before then only a saved quiet period or legal hold can change it, so
    readers may share the answer until then (moderation/shared_copies.py).
    """
    row = row or {}
    quiet = None
    if row.get("care_quiet_pk") is not None:
        quiet = (row["care_quiet_pk"], row["care_quiet_starts_at"], row["care_quiet_ends_at"])
    changes = [row.get("care_quiet_ends_at"), row.get("care_next_starts_at")]
    return {
        "quiet_period": quiet,
        "legal_hold": bool(row.get("care_legal_hold")),
        "until": min((moment for moment in changes if moment is not None), default=None),
    }


def quiet_period_from_facts(facts, page_id):
    """The current quiet period of `care_facts` as a `QuietPeriod` (its id, story, start and end:
    what pages show, not the rest), or None."""
    if facts["quiet_period"] is None:
        return None
    pk, starts_at, ends_at = facts["quiet_period"]
    return QuietPeriod(pk=pk, story_id=page_id, starts_at=starts_at, ends_at=ends_at)
