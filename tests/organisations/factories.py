"""Organisations, their staff and asks for the tests, made as the product makes them."""

import factory
from django.utils.text import slugify

from boroughs.models import Borough
from organisations import actions
from organisations.models import Ask, Membership, Organisation
from tests.factories import ThreadPageFactory, UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A verified council covering Lambeth; `boroughs` takes slugs."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fictional Borough Council {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = "council"
    is_verified = True
    is_trusted = False

    @factory.post_generation
    def boroughs(self, create, extracted, **kwargs):
        if create:
            self.boroughs.set(Borough.objects.filter(slug__in=("lambeth",) if extracted is None else extracted))


class StaffFactory(factory.django.DjangoModelFactory):
    """A named staff account of an organisation (`is_lead` for its lead)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_lead = False


class AskFactory(factory.django.DjangoModelFactory):
    """A published Lambeth discussion its starter marked as an ask, as the start-a-discussion hook marks it."""

    class Meta:
        model = Ask

    thread = factory.SubFactory(
        ThreadPageFactory, borough=factory.LazyFunction(lambda: Borough.objects.get(slug="lambeth"))
    )

    @classmethod
    def _create(cls, model_class, thread):
        return actions.mark_as_ask(thread)
