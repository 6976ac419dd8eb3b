"""Gatherings: sharing evenings, vigils, walks and open nights in a borough, and who is coming.

A gathering is a Wagtail page under its borough's page, so it is proposed, reviewed and
published exactly as a story or a discussion is: the proposer's revision goes through the
"Moderators approval" workflow and only a moderator's approval lists it.

The practical details (when, the exact address, how many places, cancelled, the calendar
SEQUENCE) live on the page row only, not in revisions: the organiser changes them at once
and every attendee is told (`booking.change`), and a moderator publishing a later revision of
the words can never put an old time or address back (`with_content_json`).
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from core.pages import FewerQueriesPage
from core.sanitise import plain_text

LONDON = ZoneInfo("Europe/London")

EVERYONE, FAMILIES = "everyone", "families"
FAMILIES_TITLE = "A gathering for bereaved families"
AUDIENCES = [(EVERYONE, "Everyone"), (FAMILIES, "Bereaved families only")]

# Kept from the live row whenever a revision is turned back into a page (see the module docstring).
LIVE_ONLY_FIELDS = ("starts_at", "ends_at", "capacity", "address", "cancelled_at", "sequence")


class GatheringPage(FewerQueriesPage, Page):
    borough = models.ForeignKey("boroughs.Borough", on_delete=models.PROTECT, related_name="gatherings")
    description = models.TextField("what happens", help_text="Plain text.")
    audience = models.CharField("who it is for", max_length=10, choices=AUDIENCES, default=EVERYONE)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField("hearing loop", default=False)
    quiet_room = models.BooleanField("quiet room", default=False)
    capacity = models.PositiveIntegerField("places")
    organiser_name = models.CharField("organised by", max_length=120)
    area = models.CharField(
        "area", max_length=120, help_text="Shown to everyone, e.g. “a community hall near the high street”."
    )
    address = models.TextField("exact address", help_text="Only confirmed attendees ever see it.")
    memorial = models.ForeignKey(
        "stories.MemorialPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gatherings",
        verbose_name="held in memory of",
    )
    account_afterwards = models.TextField(
        "how it went", blank=True, help_text="A short account after the gathering. Plain text."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="The calendar SEQUENCE: one more at each change.")

    content_panels = Page.content_panels + [
        FieldPanel("borough"),
        FieldPanel("description"),
        FieldPanel("audience"),
        # When, the address and the places are changed on the organiser's page (/me/gatherings/<id>/,
        # open to moderators too), where every attendee is told: never here, where a change would
        # reach nobody (and publishing keeps the live row's values: `with_content_json`).
        HelpPanel(
            content="<p>To change the time, the address or the number of places, or to cancel, use "
            "the gathering's own page on the site (Manage this gathering): everyone coming is told.</p>"
        ),
        FieldPanel("area"),
        FieldPanel("organiser_name"),
        MultiFieldPanel([FieldPanel("step_free"), FieldPanel("hearing_loop"), FieldPanel("quiet_room")], "Access"),
        FieldPanel("memorial"),
        FieldPanel("account_afterwards"),
    ]
    # Only the title, for the admin's search: the site's /search/ lists stories and discussions only
    # (search/engine.py), so a families-only gathering's words never reach it.
    search_fields = Page.search_fields + [index.FilterField("borough")]
    parent_page_types = ["boroughs.BoroughPage"]
    subpage_types = []
    # Proposed from the public site only (the form that turns London times into moments).
    is_creatable = False

    kind = "gathering"
    kind_label = "Gathering"
    is_withdrawn = False  # read by `core.workflow.status_of`: an organiser cancels a gathering, never withdraws it

    class Meta:
        verbose_name = "gathering"
        permissions = [("propose_gathering", "Can propose a gathering (verified organisations)")]

    def __str__(self):
        return self.title

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in LIVE_ONLY_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def save(self, *args, **kwargs):
        # A families-only gathering's title never reaches a browser tab, a link preview or the sitemap.
        if self.families_only:
            self.seo_title = FAMILIES_TITLE
        elif self.seo_title == FAMILIES_TITLE:
            self.seo_title = ""
        self.title = plain_text(self.title)
        self.organiser_name = plain_text(self.organiser_name)
        self.area = plain_text(self.area)
        return super().save(*args, **kwargs)

    def slug_words(self):
        """The words its URL is made of: a families-only gathering's URL does not give its title away."""
        return "gathering-for-families" if self.families_only else self.title

    def get_sitemap_urls(self, request=None):
        return [] if self.families_only else super().get_sitemap_urls(request)

    # What a reader may see -------------------------------------------------------------

    @property
    def families_only(self):
        return self.audience == FAMILIES

    def details_visible_to(self, user):
        """Families-only gatherings show their words only to the family role (and moderators)."""
        if not self.families_only:
            return True
        return bool(user and user.is_authenticated and (user.is_family or user.is_moderator))

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def access_list(self):
        return [label for flag, label in self.ACCESS if getattr(self, flag)]

    ACCESS = [("step_free", "Step-free access"), ("hearing_loop", "Hearing loop"), ("quiet_room", "Quiet room")]

    @property
    def london_start(self):
        return timezone.localtime(self.starts_at, LONDON)

    @property
    def london_end(self):
        return timezone.localtime(self.ends_at, LONDON)

    def may_manage(self, user):
        return bool(user and user.is_authenticated and (user.pk == self.owner_id or user.is_moderator))

    def get_context(self, request, *args, **kwargs):
        from .booking import places_left

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["details_visible"] = self.details_visible_to(user)
        context["attendance"] = None
        if user.is_authenticated:
            context["attendance"] = self.attendances.filter(user=user).exclude(status=Attendance.CANCELLED).first()
            context["may_manage"] = self.may_manage(user)
        context["places_left"] = places_left(self)
        return context

    @staticmethod
    def coming(queryset=None):
        """Live gatherings not yet over, soonest first."""
        queryset = queryset if queryset is not None else GatheringPage.objects.all()
        return queryset.live().filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")


class Attendance(models.Model):
    CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"
    STATUSES = [(CONFIRMED, "Coming"), (WAITING, "On the waiting list"), (CANCELLED, "Cancelled")]

    gathering = models.ForeignKey(GatheringPage, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gathering_attendances")
    status = models.CharField(max_length=10, choices=STATUSES)
    # When they joined (or re-joined) the list: the waiting list is served in this order.
    joined_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gathering", "user"], name="one_attendance_per_member")]
        indexes = [models.Index(fields=["gathering", "status", "joined_at"])]
        ordering = ["joined_at", "pk"]

    def __str__(self):
        return f"{self.user_id} → {self.gathering_id}: {self.status}"
