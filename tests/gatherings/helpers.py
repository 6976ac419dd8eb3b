"""Gatherings for the tests: made as a proposal is, then published as a moderator's approval would."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from boroughs.models import BoroughPage
from gatherings.models import EVERYONE, LONDON, GatheringPage
from stories.submission import unique_slug

ADDRESS = "Hall 2, 99 Example Street, London"


def london(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=LONDON)


def make_gathering(owner, *, borough="southwark", live=True, days=10, capacity=10, audience=EVERYONE, **fields):
    parent = BoroughPage.objects.get(slug=borough)
    day = timezone.localdate() + timedelta(days=days)
    values = {
        "title": "A sharing evening",
        "description": "Tea, food and time to talk.",
        "starts_at": london(day, 18),
        "ends_at": london(day, 21),
        "capacity": capacity,
        "organiser_name": "Fola and friends",
        "area": "A community hall near the high street",
        "address": ADDRESS,
        "audience": audience,
        **fields,
    }
    gathering = GatheringPage(borough=parent.borough, owner=owner, live=False, **values)
    gathering.slug = unique_slug(parent, gathering.slug_words())
    parent.add_child(instance=gathering)
    revision = gathering.save_revision(user=owner)
    if live:
        revision.publish()
    gathering.refresh_from_db()
    return gathering


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
