"""Shorthands over tests/organisations/factories.py for the names the tests read best with."""

from boroughs.models import Borough
from tests.factories import ThreadPageFactory, UserFactory

from .factories import AskFactory, OrganisationFactory, StaffFactory


def organisation(
    name="Northbank Borough Council", boroughs=("lambeth",), verified=True, trusted=False, kind="council"
):
    return OrganisationFactory(name=name, boroughs=boroughs, is_verified=verified, is_trusted=trusted, kind=kind)


def staff_of(org, is_lead=False, **kwargs):
    return StaffFactory(organisation=org, is_lead=is_lead, user=UserFactory(**kwargs)).user


def ask(owner=None, borough="lambeth", title=None):
    kwargs = {"borough": Borough.objects.get(slug=borough)}
    if owner is not None:
        kwargs["owner"] = owner
    if title:
        kwargs["title"] = title
    return AskFactory(thread=ThreadPageFactory(**kwargs))
