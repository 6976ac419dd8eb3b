"""Building support services for tests, as a moderator would in the admin."""

from boroughs.models import Borough
from support.models import SupportCategory, SupportService


def make_service(name, categories=("bereavement",), boroughs=(), **fields):
    service = SupportService.objects.create(name=name, summary=fields.pop("summary", f"What {name} offers."), **fields)
    service.categories.set(SupportCategory.objects.filter(slug__in=categories))
    service.boroughs.set(Borough.objects.filter(slug__in=boroughs))
    return service
