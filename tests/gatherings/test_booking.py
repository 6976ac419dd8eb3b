"""The rules of places and the waiting list, what each person is told, and who sees the address."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gatherings import booking
from gatherings.models import FAMILIES, Attendance, GatheringPage
from gatherings.reminders import send_due_reminders, send_reminder
from tests.conftest import signed_in_client
from tests.factories import FamilyFactory, SanctionFactory, UserFactory

from .factories import ADDRESS
from .helpers import make_gathering

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering(family):
    return make_gathering(family, capacity=2)


def status(gathering, user):
    return Attendance.objects.get(gathering=gathering, user=user).status


def test_places_then_waiting_list_then_promotion_in_order(gathering):
    a, b, c, d = UserFactory.create_batch(4)
    for person in (a, b, c, d):
        booking.join(gathering.pk, person)
    assert [status(gathering, p) for p in (a, b, c, d)] == ["confirmed", "confirmed", "waiting", "waiting"]
    mail.outbox.clear()
    booking.leave(gathering.pk, a)
    assert status(gathering, a) == "cancelled"
    assert status(gathering, c) == "confirmed"  # the first to wait moves up
    assert status(gathering, d) == "waiting"
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {a.email, c.email}
    assert ADDRESS in to[c.email].body and "place has freed up" in to[c.email].body
    assert ADDRESS not in to[a.email].body


def test_asking_twice_keeps_one_place_and_rejoining_goes_to_the_back(gathering):
    a, b, c = UserFactory.create_batch(3)
    booking.join(gathering.pk, a)
    booking.join(gathering.pk, a)
    assert Attendance.objects.filter(gathering=gathering).count() == 1
    booking.join(gathering.pk, b)
    booking.join(gathering.pk, c)  # waiting
    booking.leave(gathering.pk, b)  # c moves up
    booking.join(gathering.pk, b)
    assert status(gathering, b) == "waiting"
    assert status(gathering, c) == "confirmed"


def test_confirmation_carries_the_address_and_the_waiting_list_message_does_not(gathering):
    a, b, c = UserFactory.create_batch(3)
    for person in (a, b, c):
        booking.join(gathering.pk, person)
    by = {m.to[0]: m for m in mail.outbox}
    assert ADDRESS in by[a.email].body and "confirmed" in by[a.email].subject
    assert ADDRESS not in by[c.email].body and "waiting list" in by[c.email].subject
    assert "/calendar.ics" in by[a.email].body


def test_organiser_change_tells_everyone_and_more_places_move_the_list_up(gathering, family):
    a, b, c = UserFactory.create_batch(3)
    for person in (a, b, c):
        booking.join(gathering.pk, person)
    mail.outbox.clear()
    later = gathering.starts_at + timezone.timedelta(hours=1)
    _, changed = booking.change(
        gathering.pk, by=family, starts_at=later, ends_at=gathering.ends_at, capacity=3, address=gathering.address
    )
    assert changed == {"starts_at", "capacity"}
    gathering.refresh_from_db()
    assert gathering.sequence == 1
    assert status(gathering, c) == "confirmed"
    changed_mail = [m for m in mail.outbox if "has changed" in m.subject]
    assert {m.to[0] for m in changed_mail} == {a.email, b.email, c.email}
    # c was still waiting when told of the change: the address came in the promotion, not before.
    (c_change,) = [m for m in changed_mail if m.to[0] == c.email]
    assert ADDRESS not in c_change.body
    (promoted,) = [m for m in mail.outbox if "freed up" in m.subject]
    assert promoted.to == [c.email] and ADDRESS in promoted.body


def test_nothing_changed_tells_nobody(gathering, family):
    booking.join(gathering.pk, UserFactory())
    mail.outbox.clear()
    details = {name: getattr(gathering, name) for name in ("starts_at", "ends_at", "capacity", "address")}
    _, changed = booking.change(gathering.pk, by=family, **details)
    assert changed == set() and mail.outbox == []


def test_cancelling_tells_everyone_and_closes_the_list(gathering, family):
    a, b, c = UserFactory.create_batch(3)
    for person in (a, b, c):
        booking.join(gathering.pk, person)
    mail.outbox.clear()
    booking.cancel(gathering.pk, by=family)
    gathering.refresh_from_db()
    assert gathering.is_cancelled and gathering.sequence == 1
    assert {m.to[0] for m in mail.outbox} == {a.email, b.email, c.email}
    assert all("cancelled" in m.subject for m in mail.outbox)
    attendance, refusal = booking.join(gathering.pk, UserFactory())
    assert attendance is None and refusal.status == 409
    booking.cancel(gathering.pk, by=family)  # twice: nobody is told again
    assert len(mail.outbox) == 3


def test_a_moderator_publishing_older_words_never_puts_back_an_old_time(gathering, family):
    later = gathering.starts_at + timezone.timedelta(hours=2)
    booking.change(
        gathering.pk,
        by=family,
        starts_at=later,
        ends_at=later + timezone.timedelta(hours=1),
        capacity=2,
        address="Somewhere else",
    )
    page = GatheringPage.objects.get(pk=gathering.pk)
    page.get_latest_revision().publish()  # the revision still holds the first time and address
    page.refresh_from_db()
    assert page.starts_at == later and page.address == "Somewhere else"


def test_families_only_is_for_the_family_role(family, resident, moderator):
    gathering = make_gathering(family, audience=FAMILIES)
    attendance, refusal = booking.join(gathering.pk, resident)
    assert attendance is None and refusal.status == 403
    assert booking.join(gathering.pk, FamilyFactory())[0].status == "confirmed"
    assert booking.join(gathering.pk, moderator)[0].status == "confirmed"


def test_not_yet_approved_or_past_gatherings_take_no_places(family, resident):
    pending = make_gathering(family, live=False)
    assert booking.join(pending.pk, resident)[1].status == 404
    past = make_gathering(family, days=-3)
    assert booking.join(past.pk, resident)[1].status == 409


# ---- Reminders (the task worker) ---------------------------------------------------------------


def test_reminder_the_day_before_goes_once_to_confirmed_attendees_with_the_address(family):
    soon = make_gathering(family, capacity=1)
    soon.starts_at = timezone.now() + timezone.timedelta(hours=20)
    soon.ends_at = soon.starts_at + timezone.timedelta(hours=2)
    soon.save()
    coming, waiting = UserFactory.create_batch(2)
    booking.join(soon.pk, coming)
    booking.join(soon.pk, waiting)
    mail.outbox.clear()
    assert send_due_reminders.call() == 1
    (reminder,) = mail.outbox
    assert reminder.to == [coming.email] and ADDRESS in reminder.body and "Tomorrow" in reminder.subject
    assert send_due_reminders.call() == 0 and send_reminder.call(soon.pk) == 0


def test_no_reminder_for_a_cancelled_or_distant_gathering(family):
    far = make_gathering(family, days=10)
    booking.join(far.pk, UserFactory())
    assert send_reminder.call(far.pk) == 0
    soon = make_gathering(family)
    soon.starts_at = timezone.now() + timezone.timedelta(hours=5)
    soon.save()
    booking.join(soon.pk, UserFactory())
    booking.cancel(soon.pk, by=family)
    mail.outbox.clear()
    assert send_reminder.call(soon.pk) == 0 and mail.outbox == []


def test_publishing_queues_the_reminder_on_a_backend_that_can_wait(family, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    gathering = make_gathering(family, days=5)
    queued = [r for r in send_reminder.get_backend().results if r.task.name == "send_reminder"]
    assert queued and queued[-1].args == [gathering.pk]
    assert queued[-1].task.run_after == gathering.starts_at - timezone.timedelta(days=1)


# ---- Who sees the exact address -------------------------------------------------------------------


@pytest.fixture
def roles(family, other_family, resident, other_resident, moderator):
    suspended = UserFactory()
    SanctionFactory(user=suspended)
    return {
        "visitor": None,
        "resident": resident,
        "other_resident": other_resident,
        "family": family,
        "other_family": other_family,
        "peer_supporter": UserFactory(),  # a resident until that role exists
        "moderator": moderator,
        "suspended": suspended,
    }


@pytest.mark.parametrize("audience", ["everyone", "families"])
def test_the_address_reaches_only_confirmed_attendees_on_every_page(roles, family, audience):
    gathering = make_gathering(family, audience=audience, capacity=1)
    confirmed, waiting = FamilyFactory(), FamilyFactory()
    Attendance.objects.create(gathering=gathering, user=confirmed, status="confirmed")
    Attendance.objects.create(gathering=gathering, user=waiting, status="waiting")
    people = {**roles, "confirmed": confirmed, "waiting": waiting}
    slug = gathering.borough.slug
    pages = [gathering.url, "/", f"/boroughs/{slug}/", reverse("my_gatherings")]
    pages += [reverse("gathering_ics", args=[gathering.pk]), f"/boroughs/{slug}/gatherings.ics"]
    own = {gathering.url, reverse("my_gatherings")}
    for role, user in people.items():
        client = signed_in_client(user) if user else Client()
        for path in pages:
            body = client.get(path).content.decode()
            sees = "99 Example Street" in body
            assert sees == (role == "confirmed" and path in own), f"{role} on {path}: address shown={sees}"


def test_families_only_details_are_for_the_family_role(roles, family):
    gathering = make_gathering(family, audience=FAMILIES, title="Evening for Sam's family")
    for role, user in roles.items():
        client = signed_in_client(user) if user else Client()
        for path in (gathering.url, "/", f"/boroughs/{gathering.borough.slug}/"):
            body = client.get(path).content.decode()
            shown = "Evening for Sam" in body
            assert shown == (role in ("family", "other_family", "moderator")), f"{role} on {path}"
            if path != gathering.url or role != "visitor":
                assert shown or "A gathering for bereaved families" in body or role == "suspended"
