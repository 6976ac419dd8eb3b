"""Public bleed-control kits: where they are, when they can be reached, and who keeps them checked.

Families hand kits to shops, pubs, gyms and community centres across London. A kit is always in a
public place: there is no kind of venue for a home, the address is the venue's, and the guardian
who checks it is known only to moderators (their name and e-mail are never shown on the site).
"""

import calendar
import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from boroughs.models import Borough
from core.sanitise import plain_text

# A kit whose last check is older than this many months is due a check; its guardian is told.
CHECK_EVERY_MONTHS = 3

VENUE_KINDS = [
    ("shop", "Shop"),
    ("pub", "Pub or bar"),
    ("restaurant", "Café or restaurant"),
    ("gym", "Gym or sports club"),
    ("community", "Community centre"),
    ("worship", "Place of worship"),
    ("school", "School or college"),
    ("youth-club", "Youth club"),
    ("station", "Station"),
    ("library", "Library"),
    ("other-public", "Another public place"),
]


def months_before(day, months):
    """The same day `months` calendar months earlier (the month's last day when it has fewer)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_due_before(today=None):
    """Kits last checked before this date are due a check."""
    return months_before(today or timezone.localdate(), CHECK_EVERY_MONTHS)


class BleedKit(models.Model):
    venue = models.CharField("venue name", max_length=120)
    venue_kind = models.CharField("kind of venue", max_length=20, choices=VENUE_KINDS)
    street_address = models.CharField(
        "venue's public address",
        max_length=200,
        help_text="The address of the public venue, as on its shop front. Never a home address.",
    )
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="bleed_kits")
    where_in_venue = models.CharField(
        "where in the venue", max_length=200, help_text="e.g. “On the wall behind the counter, green box”."
    )
    access_hours = models.CharField("when it can be reached", max_length=200, help_text="e.g. “Mon–Sat 8am–11pm”.")
    guardian_name = models.CharField(
        "guardian's name", max_length=120, help_text="The person who checks the kit. Never shown on the site."
    )
    guardian_email = models.EmailField(
        "guardian's e-mail", help_text="Reminders go here when a check is due. Never shown on the site."
    )
    last_checked = models.DateField("last checked")
    in_memory_of = models.ForeignKey(
        "stories.MemorialPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bleed_kits",
        help_text="If the kit was given in someone's memory, their memorial lists it.",
    )
    # The `last_checked` date the guardian was last reminded about: one reminder per overdue check.
    reminded_about = models.DateField(null=True, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("venue_kind"), FieldPanel("street_address"), FieldPanel("borough")],
            heading="The venue",
        ),
        MultiFieldPanel([FieldPanel("where_in_venue"), FieldPanel("access_hours")], heading="Finding the kit"),
        MultiFieldPanel(
            [FieldPanel("guardian_name"), FieldPanel("guardian_email"), FieldPanel("last_checked")],
            heading="Guardian (private)",
        ),
        FieldPanel("in_memory_of"),
    ]

    class Meta:
        ordering = ["borough__name", "venue"]
        verbose_name = "bleed kit"

    def __str__(self):
        return f"{self.venue} ({self.borough.name})" if self.borough_id else self.venue

    def save(self, *args, **kwargs):
        self.sanitise()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.sanitise()

    def sanitise(self):
        for field in ("venue", "street_address", "where_in_venue", "access_hours", "guardian_name"):
            setattr(self, field, plain_text(getattr(self, field)))

    @property
    def check_due(self):
        return self.last_checked < check_due_before()
