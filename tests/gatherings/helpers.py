"""Gatherings for the tests: made as a proposal is, then published as a moderator's approval would."""

from datetime import timedelta

from django.utils import timezone

from boroughs.models import Borough

from .factories import ADDRESS, GatheringPageFactory, london


def make_gathering(owner, *, borough="southwark", live=True, days=10, capacity=10, **fields):
    """A gathering `days` from now (18:00 to 21:00 London time) by `owner`: the factory, with the
    day counted from today."""
    day = timezone.localdate() + timedelta(days=days)
    fields = {"starts_at": london(day, 18), "ends_at": london(day, 21), **fields}
    return GatheringPageFactory(
        owner=owner, borough=Borough.objects.get(slug=borough), live=live, capacity=capacity, **fields
    )


def propose_data(**overrides):
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {
        "title": "A sharing evening",
        "description": "Tea, food and time to talk.",
        "audience": "everyone",
        "starts_on": day,
        "starts_time": "18:30",
        "ends_on": day,
        "ends_time": "21:00",
        "area": "A community hall near the high street",
        "address": ADDRESS,
        "capacity": "12",
        "step_free": "on",
        "organiser_name": "Fola",
        "memorial": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
