"""Gatherings for the tests: saved as the organiser's revision and, when `live`, published as a
moderator's approval would publish it (tests/factories.py's `OwnedPageFactory`)."""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from boroughs.models import BoroughPage
from core.workflow import unique_slug
from gatherings.models import EVERYONE, LONDON, GatheringPage
from tests.factories import FamilyFactory, OwnedPageFactory

ADDRESS = "Hall 2, 99 Example Street, London"


def london(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=LONDON)


def in_days(days, hour):
    return london(timezone.localdate() + timedelta(days=days), hour)


class GatheringPageFactory(OwnedPageFactory):
    """A gathering ten days from now, 18:00 to 21:00 London time, organised by a family member."""

    class Meta:
        model = GatheringPage

    title = "A sharing evening"
    description = "Tea, food and time to talk."
    owner = factory.SubFactory(FamilyFactory)
    starts_at = factory.LazyFunction(lambda: in_days(10, 18))
    ends_at = factory.LazyAttribute(lambda g: g.starts_at + timedelta(hours=3))
    capacity = 10
    organiser_name = "Fola and friends"
    area = "A community hall near the high street"
    address = ADDRESS
    audience = EVERYONE

    @classmethod
    def parent_of(cls, instance):
        return BoroughPage.objects.get(borough=instance.borough)

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        # Its URL is made as a proposal's is: a families-only gathering's does not give its title away.
        probe = model_class(**{k: v for k, v in kwargs.items() if k != "slug"})
        parent = parent or cls.parent_of(probe)
        kwargs["slug"] = unique_slug(parent, probe.slug_words())
        return super()._create(model_class, *args, parent=parent, **kwargs)
