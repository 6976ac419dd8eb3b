"""The support directory: services a grieving family or a worried neighbour can turn to.

Moderators keep the list up to date as a Wagtail snippet ("Support services"). Visitors
see it at `/support/`, and every story, borough and thread page shows the crisis lines and
the services for its borough in a small "Support near you" panel.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from boroughs.models import Borough
from core.sanitise import plain_text

CRISIS = "crisis"

# What a phone field may hold: digits and the spacing people write numbers with.
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,24}$")
_validate_web_address = URLValidator(schemes=["https", "http"])

SESSION_COSTS = [
    ("", "Not stated"),
    ("free", "Free"),
    ("some", "Some sessions cost money"),
    ("paid", "There is a charge"),
]
YOUNGEST, OLDEST = 0, 30


class SupportCategory(models.Model):
    """A kind of help (bereavement, victim support, ...), seeded by a data migration.

    `crisis` is special: services in it are listed first everywhere.
    """

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "support categories"

    def __str__(self):
        return self.name


class SupportServiceQuerySet(models.QuerySet):
    def with_crisis_flag(self):
        crisis = SupportService.categories.through.objects.filter(
            supportservice=OuterRef("pk"), supportcategory__slug=CRISIS
        )
        return self.annotate(is_crisis=Exists(crisis))

    def serving(self, borough):
        """Services for everyone in London (no boroughs chosen) and those naming this borough."""
        served = SupportService.boroughs.through.objects.filter(supportservice=OuterRef("pk"))
        return self.annotate(
            serves_all_london=~Exists(served),
            serves_borough=Exists(served.filter(borough=borough)),
        ).filter(Q(serves_all_london=True) | Q(serves_borough=True))

    def in_listing_order(self):
        """Crisis lines first, then the order moderators chose, then by name."""
        return self.with_crisis_flag().order_by("-is_crisis", "position", "name")


class SupportService(index.Indexed, models.Model):
    """One service in the directory. Every text field is stripped of markup when saved."""

    name = models.CharField(max_length=120)
    summary = models.TextField("what they offer", max_length=600)
    phone = models.CharField(
        max_length=30, blank=True, help_text="As people should dial it, e.g. “116 123”. Leave blank if none."
    )
    web_address = models.CharField(
        max_length=300,
        blank=True,
        validators=[_validate_web_address],
        help_text="The full address, starting https://",
    )
    opening_hours = models.CharField(max_length=200, blank=True, help_text="e.g. “24 hours, every day”.")
    categories = models.ManyToManyField(SupportCategory, related_name="services")
    boroughs = models.ManyToManyField(
        Borough,
        blank=True,
        related_name="support_services",
        help_text="Leave empty if the service is for everyone in London.",
    )
    position = models.PositiveSmallIntegerField(
        default=100,
        help_text="Lower numbers are listed first within their group (crisis lines always come first).",
    )
    # Youth programmes and mentoring: who they are for and how a young person gets there.
    for_young_people = models.BooleanField(
        "for young people", default=False, help_text="Tick for youth programmes and mentoring."
    )
    age_from = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    age_to = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    referral_self = models.BooleanField("a young person can refer themselves", default=False)
    referral_parent = models.BooleanField("a parent or carer can refer", default=False)
    referral_school = models.BooleanField("a school can refer", default=False)
    referral_youth_worker = models.BooleanField("a youth worker can refer", default=False)
    schools_and_clubs = models.TextField(
        "schools and clubs served",
        max_length=600,
        blank=True,
        help_text="Names of the schools and clubs they work in.",
    )
    sessions_cost = models.CharField(
        "do sessions cost anything?", max_length=10, choices=SESSION_COSTS, blank=True, default=""
    )
    check_before_launch = models.BooleanField(
        "details still to be checked",
        default=False,
        help_text="Tick while nobody has confirmed these details with the service. The public listing says so.",
    )

    objects = SupportServiceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("web_address"), FieldPanel("opening_hours")],
            heading="How to reach them",
        ),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("boroughs", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("for_young_people"),
                FieldPanel("age_from"),
                FieldPanel("age_to"),
                FieldPanel("referral_self"),
                FieldPanel("referral_parent"),
                FieldPanel("referral_school"),
                FieldPanel("referral_youth_worker"),
                FieldPanel("schools_and_clubs"),
                FieldPanel("sessions_cost"),
            ],
            heading="Youth programmes and mentoring",
        ),
        FieldPanel("position"),
        FieldPanel("check_before_launch"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("summary"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "support service"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sanitise()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.sanitise()
        if self.phone and not _PHONE.match(self.phone):
            raise ValidationError({"phone": "Please enter only the digits and spaces people dial, e.g. 116 123."})
        errors = {}
        for field in ("age_from", "age_to"):
            age = getattr(self, field)
            if age is not None and not YOUNGEST <= age <= OLDEST:
                errors[field] = f"Please give an age between {YOUNGEST} and {OLDEST}."
        if not errors and self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            errors["age_to"] = "The oldest age should not be below the youngest."
        if errors:
            raise ValidationError(errors)

    def sanitise(self):
        """Admin edits are held to the same rules as anything else people type."""
        for field in ("name", "summary", "phone", "web_address", "opening_hours", "schools_and_clubs"):
            setattr(self, field, plain_text(getattr(self, field)))

    @property
    def tel_href(self):
        digits = re.sub(r"[^0-9+]", "", self.phone)
        return f"tel:{digits}" if digits else ""

    @property
    def safe_web_address(self):
        """Only ever link to http(s), even if a row was changed outside the admin form."""
        try:
            _validate_web_address(self.web_address)
        except ValidationError:
            return ""
        return self.web_address

    @property
    def age_range(self):
        if self.age_from is not None and self.age_to is not None:
            return f"{self.age_from} to {self.age_to}"
        if self.age_from is not None:
            return f"{self.age_from} and over"
        if self.age_to is not None:
            return f"up to {self.age_to}"
        return ""

    @property
    def referral_routes(self):
        """Who can refer a young person, in words."""
        routes = [
            (self.referral_self, "the young person themselves"),
            (self.referral_parent, "a parent or carer"),
            (self.referral_school, "a school"),
            (self.referral_youth_worker, "a youth worker"),
        ]
        return [words for allowed, words in routes if allowed]


from .bleed_kits import BleedKit  # noqa: E402, F401  (a model of this app, kept in its own module)
