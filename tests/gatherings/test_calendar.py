"""Calendar files parse back with icalendar, with the properties the big calendar apps need,
and the times stay right either side of the clocks changing (last Sunday of March and October)."""

from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse
from icalendar import Calendar

from gatherings import booking
from gatherings.forms import ProposeForm, london_datetime
from gatherings.models import FAMILIES, LONDON, GatheringPage
from stories.models import MemorialPage

from .factories import ADDRESS
from .helpers import make_gathering, propose_data

pytestmark = pytest.mark.django_db

# 2027: the clocks go forward on Sunday 28 March and back on Sunday 31 October.
SPRING, AUTUMN = date(2027, 3, 28), date(2027, 10, 31)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal):
    return list(cal.walk("VEVENT"))


def test_a_gathering_file_has_uid_dtstamp_tzid_and_a_london_vtimezone(client, family):
    gathering = make_gathering(family)
    cal = parse(client.get(reverse("gathering_ics", args=[gathering.pk])))
    (event,) = events(cal)
    assert str(event["UID"]).startswith(f"gathering-{gathering.pk}@")
    assert event.get("DTSTAMP") is not None
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert event.decoded("DTSTART") == gathering.starts_at
    assert int(event["SEQUENCE"]) == 0 and str(event["STATUS"]) == "CONFIRMED"
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")
    assert "99 Example Street" not in cal.to_ical().decode()  # never the exact address
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")


def test_a_cancelled_gathering_keeps_its_uid_with_a_higher_sequence(client, family):
    gathering = make_gathering(family)
    before = events(parse(client.get(reverse("gathering_ics", args=[gathering.pk]))))[0]
    booking.cancel(gathering.pk, by=family)
    after = events(parse(client.get(reverse("gathering_ics", args=[gathering.pk]))))[0]
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_the_borough_feed_lists_its_live_gatherings_and_families_only_without_words(client, family):
    shown = make_gathering(family, title="Walk by the river")
    make_gathering(family, title="Waiting for a moderator", live=False)
    make_gathering(family, title="Elsewhere", borough="lambeth")
    private = make_gathering(family, title="Evening for Sam's family", audience=FAMILIES)
    cal = parse(client.get(reverse("borough_gatherings_calendar", args=["southwark"])))
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in events(cal)}
    assert set(summaries.values()) == {"Walk by the river", "A gathering for bereaved families"}
    assert str(cal["X-WR-CALNAME"]) == "Gatherings in Southwark"
    assert "Sam" not in cal.to_ical().decode()
    assert any(uid.startswith(f"gathering-{private.pk}@") for uid in summaries)
    assert any(uid.startswith(f"gathering-{shown.pk}@") for uid in summaries)


@pytest.mark.parametrize(
    "day, hour, utc_hour",
    [
        (date(2027, 3, 27), 19, 19),  # the Saturday before: GMT
        (SPRING, 19, 18),  # that Sunday evening: BST
        (date(2027, 10, 30), 19, 18),  # Saturday: still BST
        (AUTUMN, 19, 19),  # Sunday evening: GMT again
    ],
)
def test_times_typed_in_london_are_stored_and_shown_right_across_the_clock_changes(
    client, family, day, hour, utc_hour
):
    form = ProposeForm(
        propose_data(starts_on=day.isoformat(), ends_on=day.isoformat(), starts_time=f"{hour}:00", ends_time="21:30"),
        memorials=MemorialPage.objects.none(),
    )
    assert form.is_valid(), form.errors
    starts = form.cleaned_data["starts_at"]
    assert starts.astimezone(UTC) == datetime.combine(day, time(utc_hour), tzinfo=UTC)
    gathering = make_gathering(family, starts_at=starts, ends_at=form.cleaned_data["ends_at"])
    page = client.get(gathering.url).content.decode()
    assert f"{hour}:00 to 21:30" in page
    event = events(parse(client.get(reverse("gathering_ics", args=[gathering.pk]))))[0]
    assert event["DTSTART"].to_ical().decode() == f"{day:%Y%m%d}T{hour}0000"
    assert event.decoded("DTSTART").astimezone(UTC).hour == utc_hour


def test_a_time_the_clocks_skip_is_refused_kindly_and_a_doubled_time_is_the_first(family):
    assert london_datetime(SPRING, time(1, 30)) is None
    form = ProposeForm(
        propose_data(starts_on=SPRING.isoformat(), ends_on=SPRING.isoformat(), starts_time="01:30", ends_time="03:00"),
        memorials=MemorialPage.objects.none(),
    )
    assert not form.is_valid()
    assert "clocks go forward" in " ".join(form.errors["starts_time"])
    doubled = london_datetime(AUTUMN, time(1, 30))
    assert doubled == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # still summer time: the first 1:30
    # A gathering over the October night lasts its real length: 00:30 BST to 02:30 GMT is three hours.
    overnight = ProposeForm(
        propose_data(starts_on=AUTUMN.isoformat(), ends_on=AUTUMN.isoformat(), starts_time="00:30", ends_time="02:30"),
        memorials=MemorialPage.objects.none(),
    )
    assert overnight.is_valid(), overnight.errors
    data = overnight.cleaned_data
    assert (data["ends_at"] - data["starts_at"]).total_seconds() == 3 * 3600


def test_the_form_refuses_an_end_before_the_start_and_a_day_gone_by(family):
    bad = ProposeForm(propose_data(ends_time="17:00"), memorials=MemorialPage.objects.none())
    assert not bad.is_valid() and "ends before it starts" in " ".join(bad.errors["ends_time"])
    past = ProposeForm(
        propose_data(starts_on="2020-01-01", ends_on="2020-01-01"), memorials=MemorialPage.objects.none()
    )
    assert not past.is_valid() and "already passed" in " ".join(past.errors["starts_on"])


def test_stored_times_are_aware_and_london_views_are_local(family):
    gathering = make_gathering(family, starts_at=datetime(2027, 7, 1, 18, tzinfo=LONDON))
    gathering = GatheringPage.objects.get(pk=gathering.pk)
    assert gathering.london_start.hour == 18 and gathering.starts_at.astimezone(UTC).hour == 17
    assert ADDRESS  # the helper's address, for the reader of this module
