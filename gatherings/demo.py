"""Demo gatherings: one for families only, one full with a waiting list, one cancelled, one waiting
for a moderator. Called with one line from `home`'s `load_demo_data`; idempotent (found by title).

Everything is fictional: the organisers are the demo accounts, and the venues are kinds of
public place, never a real address.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from boroughs.models import BoroughPage
from core.workflow import submit_for_review, unique_slug
from stories.models import MemorialPage

from .models import EVERYONE, FAMILIES, LONDON, Attendance, GatheringPage


def _at(days_ahead, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days_ahead)
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=LONDON)


GATHERINGS = [
    {
        "title": "A sharing evening for families (demo)",
        "borough": "southwark",
        "owner": "family",
        "audience": FAMILIES,
        "days": 9,
        "hours": (18, 21),
        "capacity": 20,
        "area": "A community hall near the high street",
        "address": "The community hall (example venue), Example High Street, London",
        "description": "An evening at one long table: food, tea, and time to talk about the people we have lost. "
        "Come as you are; you do not have to speak. (An example written for the demo.)",
        "quiet_room": True,
        "step_free": True,
        "memorial": True,
        "attending": [("family", Attendance.CONFIRMED)],
    },
    {
        "title": "Remembrance walk along the river (demo)",
        "borough": "lambeth",
        "owner": "moderator",
        "audience": EVERYONE,
        "days": 12,
        "hours": (10, 12),
        "capacity": 2,
        "area": "Meeting by the library on the riverside path",
        "address": "Outside the library doors (example venue), Riverside Path, London",
        "description": "A slow walk of about two miles with a pause to lay flowers. "
        "The path is flat and step-free. (An example written for the demo.)",
        "step_free": True,
        "attending": [
            ("resident", Attendance.CONFIRMED),
            ("admin", Attendance.CONFIRMED),
            ("family", Attendance.WAITING),
        ],
    },
    {
        "title": "Bleed-control training evening (demo)",
        "borough": "newham",
        "owner": "moderator",
        "audience": EVERYONE,
        "days": 5,
        "hours": (19, 21),
        "capacity": 15,
        "area": "A youth club by the station",
        "address": "The youth club hall (example venue), Station Road, London",
        "description": "A first-aid trainer shows how to use a bleed-control kit. (An example written for the demo.)",
        "hearing_loop": True,
        "cancelled": True,
        "attending": [("resident", Attendance.CONFIRMED)],
    },
    {
        "title": "Youth club open night (demo)",
        "borough": "hackney",
        "owner": "family",
        "audience": EVERYONE,
        "days": 16,
        "hours": (17, 20),
        "capacity": 40,
        "area": "A youth club near the market",
        "address": "The youth club (example venue), Market Street, London",
        "description": "Meet the youth workers and mentors, and see what runs each week. (An example for the demo.)",
        "pending": True,
        "attending": [],
    },
]


def load_demo_gatherings(accounts):
    """`accounts`: the demo accounts by role ("family", "resident", "moderator", "admin")."""
    moderator = accounts["moderator"]
    memorial = MemorialPage.objects.live().filter(owner=accounts["family"]).order_by("pk").first()
    for spec in GATHERINGS:
        gathering = GatheringPage.objects.filter(title=spec["title"]).first()
        if gathering is None:
            gathering = _create(spec, accounts, moderator, memorial)
        for role, status in spec["attending"]:
            Attendance.objects.get_or_create(gathering=gathering, user=accounts[role], defaults={"status": status})


def _create(spec, accounts, moderator, memorial):
    parent = BoroughPage.objects.get(slug=spec["borough"])
    owner = accounts[spec["owner"]]
    start, end = spec["hours"]
    gathering = GatheringPage(
        title=spec["title"],
        borough=parent.borough,
        owner=owner,
        live=False,
        audience=spec["audience"],
        description=spec["description"],
        starts_at=_at(spec["days"], start),
        ends_at=_at(spec["days"], end),
        capacity=spec["capacity"],
        organiser_name=owner.public_name,
        area=spec["area"],
        address=spec["address"],
        step_free=spec.get("step_free", False),
        hearing_loop=spec.get("hearing_loop", False),
        quiet_room=spec.get("quiet_room", False),
        memorial=memorial if spec.get("memorial") else None,
        cancelled_at=timezone.now() if spec.get("cancelled") else None,
        sequence=1 if spec.get("cancelled") else 0,
    )
    gathering.slug = unique_slug(parent, gathering.slug_words())
    parent.add_child(instance=gathering)
    revision = gathering.save_revision(user=owner)
    if spec.get("pending"):
        submit_for_review(gathering, owner)
    else:
        revision.publish(user=moderator)
    return gathering
