from boroughs.models import Borough
from organisations import actions
from organisations.models import Membership, Organisation
from tests.factories import ThreadPageFactory, UserFactory


def organisation(
    name="Northbank Borough Council", boroughs=("lambeth",), verified=True, trusted=False, kind="council"
):
    slug = name.lower().replace(" ", "-")
    org = Organisation.objects.create(name=name, slug=slug, kind=kind, is_verified=verified, is_trusted=trusted)
    org.boroughs.set(Borough.objects.filter(slug__in=boroughs))
    return org


def staff_of(org, is_lead=False, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=org, is_lead=is_lead)
    return user


def ask(owner=None, borough="lambeth", title=None):
    kwargs = {"borough": Borough.objects.get(slug=borough)}
    if owner is not None:
        kwargs["owner"] = owner
    if title:
        kwargs["title"] = title
    thread = ThreadPageFactory(**kwargs)
    return actions.mark_as_ask(thread)
