"""Calendar files (RFC 5545) built with the icalendar library.

Each event carries a UID that never changes, a DTSTAMP, start and end with TZID=Europe/London
and the matching VTIMEZONE (so a calendar app shows the right hour either side of the clock
changes), and the gathering's SEQUENCE. A cancelled gathering stays in the file as
STATUS:CANCELLED with the same UID and a higher SEQUENCE, so calendars remove it.

The exact address is never in a calendar file: files can be shared and feeds are public;
LOCATION is the public area and borough.
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import LONDON

PRODID = "-//London Listens//Gatherings//EN"


def uid(gathering):
    domain = settings.WAGTAILADMIN_BASE_URL.split("://")[-1].split("/")[0] or "londonlistens.example"
    return f"gathering-{gathering.pk}@{domain}"


def _event(gathering, user=None):
    event = Event()
    event.add("uid", uid(gathering))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(gathering.starts_at, LONDON))
    event.add("dtend", timezone.localtime(gathering.ends_at, LONDON))
    event.add("sequence", gathering.sequence)
    event.add("status", "CANCELLED" if gathering.is_cancelled else "CONFIRMED")
    if gathering.details_visible_to(user):
        event.add("summary", gathering.title)
        event.add("description", gathering.description)
        event.add("location", f"{gathering.area}, {gathering.borough.name}")
    else:
        event.add("summary", "A gathering for bereaved families")
        event.add("location", gathering.borough.name)
    event.add("url", gathering.full_url or "")
    return event


def calendar(gatherings, name, user=None):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    for gathering in gatherings:
        cal.add_component(_event(gathering, user))
    cal.add_missing_timezones()  # the VTIMEZONE for Europe/London, with its daylight and standard rules
    return cal.to_ical()
