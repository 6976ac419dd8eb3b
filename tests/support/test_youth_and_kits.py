"""Youth programmes in the directory and public bleed-control kits: pages, privacy, memorials, reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.bleed_kits import months_before
from support.models import BleedKit, SupportService
from support.tasks import remind_guardians
from tests.factories import MemorialPageFactory, borough

from .helpers import make_service

EMERGENCY = "In an emergency call 999 first."


def make_kit(venue="Corner Shop", slug="southwark", checked_days_ago=10, **fields):
    return BleedKit.objects.create(
        venue=venue,
        venue_kind=fields.pop("venue_kind", "shop"),
        street_address=fields.pop("street_address", "1 Example Lane"),
        borough=borough(slug),
        where_in_venue=fields.pop("where_in_venue", "Behind the counter"),
        access_hours=fields.pop("access_hours", "Every day 7am–11pm"),
        guardian_name=fields.pop("guardian_name", "Guardian Person"),
        guardian_email=fields.pop("guardian_email", "guardian@example.org"),
        last_checked=timezone.localdate() - datetime.timedelta(days=checked_days_ago),
        **fields,
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Youth programmes


@pytest.fixture
def youth(tree):
    make_service("Samaritans", ["crisis"], phone="116 123")
    make_service("Adult bereavement", ["bereavement"])
    return make_service(
        "Mentors for schools",
        ["youth"],
        ["southwark"],
        for_young_people=True,
        age_from=11,
        age_to=16,
        referral_school=True,
        referral_youth_worker=True,
        schools_and_clubs="Example Academy",
        sessions_cost="free",
    )


def test_young_people_filter_lists_youth_programmes_with_their_details_and_keeps_crisis_lines(youth):
    html = Client().get("/support/?young=1").content.decode()
    assert "Support for young people" in html
    assert "Mentors for schools" in html and "Samaritans" in html
    assert "Adult bereavement" not in html
    assert "11 to 16" in html and "A school, a youth worker" in html
    assert "Example Academy" in html and "Free" in html
    assert 'id="support-young" name="young" value="1" checked' in html


def test_young_people_filter_combines_with_the_borough(youth):
    assert "Mentors for schools" in Client().get("/support/?young=1&borough=southwark").content.decode()
    assert "Mentors for schools" not in Client().get("/support/?young=1&borough=newham").content.decode()


def test_borough_panel_links_to_support_for_young_people_and_kits(youth):
    html = Client().get("/boroughs/southwark/").content.decode()
    assert '<a href="/support/?young=1&amp;borough=southwark">For young people in Southwark</a>' in html
    assert '<a href="/support/bleed-kits/southwark/">Bleed-control kits in Southwark</a>' in html


def test_ages_must_be_in_order_and_plausible(tree):
    service = SupportService(name="X", summary="Y", age_from=16, age_to=11)
    with pytest.raises(ValidationError) as error:
        service.full_clean(exclude=["categories", "boroughs"])
    assert set(error.value.message_dict) == {"age_to"}
    service = SupportService(name="X", summary="Y", age_from=200)
    with pytest.raises(ValidationError) as error:
        service.full_clean(exclude=["categories", "boroughs"])
    assert set(error.value.message_dict) == {"age_from"}


def test_moderators_add_a_youth_programme_in_the_admin(tree, moderator_client):
    from support.models import SupportCategory

    response = moderator_client.post(
        "/admin/snippets/support/supportservice/add/",
        {
            "name": "Club",
            "summary": "Boxing.",
            "categories": [SupportCategory.objects.get(slug="youth").pk],
            "position": "100",
            "for_young_people": "on",
            "age_from": "12",
            "age_to": "18",
            "referral_self": "on",
            "schools_and_clubs": "",
            "sessions_cost": "some",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    club = SupportService.objects.get(name="Club")
    assert club.for_young_people and club.referral_self and not club.referral_parent
    assert (club.age_from, club.age_to, club.sessions_cost) == (12, 18, "some")


# Bleed kits


def test_borough_kits_page_says_call_999_before_everything_and_hides_the_guardian(tree):
    make_kit(guardian_name="Private Guardian", guardian_email="private@example.org")
    html = Client().get("/support/bleed-kits/southwark/").content.decode()
    main = html[html.index("<main") :]
    assert main.index(EMERGENCY) < main.index("<h1") < main.index("Corner Shop")
    assert "Behind the counter" in html and "Every day 7am–11pm" in html and "1 Example Lane" in html
    assert "Private Guardian" not in html and "private@example.org" not in html


def test_kits_index_lists_only_boroughs_with_kits(tree):
    make_kit(slug="newham")
    html = Client().get("/support/bleed-kits/").content.decode()
    assert EMERGENCY in html
    assert '<a href="/support/bleed-kits/newham/">Newham</a> (1 kit)' in html
    assert "/support/bleed-kits/southwark/" not in html


def test_unknown_borough_is_not_found(tree):
    assert Client().get("/support/bleed-kits/atlantis/").status_code == 404


def test_a_kit_given_in_memory_links_to_the_memorial_and_the_memorial_lists_it(tree):
    memorial = MemorialPageFactory(borough=borough("southwark"), title="Example Person")
    kit = make_kit(in_memory_of=memorial)
    kits_page = Client().get("/support/bleed-kits/southwark/").content.decode()
    assert f'<a href="{memorial.url}">Example Person</a>' in kits_page
    html = Client().get(memorial.url).content.decode()
    assert "Bleed kits given in Example Person's memory" in html
    assert f'href="/support/bleed-kits/southwark/#kit-{kit.pk}">Corner Shop</a>' in html


def test_a_new_kit_in_memory_shows_at_once_on_the_cached_memorial(tree):
    memorial = MemorialPageFactory(borough=borough("southwark"), title="Example Person")
    client = Client()
    assert "Bleed kits given" not in client.get(memorial.url).content.decode()
    make_kit(in_memory_of=memorial)
    assert "Bleed kits given" in client.get(memorial.url).content.decode()


def test_no_kind_of_venue_is_a_home():
    from support.bleed_kits import VENUE_KINDS

    assert not any("home" in slug or "home" in label.lower() for slug, label in VENUE_KINDS)
    field_names = {f.name for f in BleedKit._meta.get_fields()}
    assert not field_names & {"home_address", "family", "owner", "user"}


def test_kit_text_is_stripped_of_markup(tree):
    kit = make_kit(venue="<b>Shop</b>", where_in_venue="<script>alert(1)</script>by the door")
    kit.refresh_from_db()
    assert kit.venue == "Shop" and "<" not in kit.where_in_venue


@pytest.mark.parametrize("url", ["/support/bleed-kits/", "/support/bleed-kits/southwark/", "/support/?young=1"])
def test_queries_do_not_grow_with_kits_and_programmes(tree, url):
    memorial = MemorialPageFactory(borough=borough("southwark"))
    make_service("Samaritans", ["crisis"], phone="116 123")  # the listing always has its crisis lines
    counts = []
    made = 0
    for total in (0, 10, 100):
        for n in range(made, total):
            make_kit(venue=f"Venue {n}", in_memory_of=memorial if n % 2 else None)
            make_service(f"Youth {n}", ["youth"], ["southwark"], for_young_people=True, age_from=10, age_to=18)
        made = total
        counts.append(count_queries(Client(), url))
    assert counts[0] == counts[1] == counts[2], counts
    assert counts[2] <= 15


def test_memorial_queries_do_not_grow_with_its_kits(tree):
    memorial = MemorialPageFactory(borough=borough("southwark"))
    counts = []
    for total in (0, 10, 100):
        while memorial.bleed_kits.count() < total:
            make_kit(venue=f"Venue {memorial.bleed_kits.count()}", in_memory_of=memorial)
        counts.append(count_queries(Client(), memorial.url))
    assert counts[0] == counts[1] == counts[2], counts


def test_moderators_add_a_kit_in_the_admin_and_residents_cannot(tree, moderator_client, resident_client):
    data = {
        "venue": "Gym",
        "venue_kind": "gym",
        "street_address": "2 Demo Street",
        "borough": borough("lambeth").pk,
        "where_in_venue": "Front desk",
        "access_hours": "6am–10pm",
        "guardian_name": "A Guardian",
        "guardian_email": "g@example.org",
        "last_checked": "2026-11-01",
        "in_memory_of": "",
    }
    assert resident_client.get("/admin/snippets/support/bleedkit/").status_code in (302, 403)
    resident_client.post("/admin/snippets/support/bleedkit/add/", data)
    assert not BleedKit.objects.exists()
    response = moderator_client.post("/admin/snippets/support/bleedkit/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BleedKit.objects.get().last_checked == datetime.date(2026, 11, 1)


# Reminding guardians


def test_three_months_before_handles_short_months_and_years():
    assert months_before(datetime.date(2026, 5, 31), 3) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 2, 15), 3) == datetime.date(2025, 11, 15)


def test_guardians_of_overdue_kits_are_emailed_once_per_check(tree):
    overdue = make_kit(venue="Old Check", checked_days_ago=100, guardian_email="old@example.org")
    make_kit(venue="Fresh Check", checked_days_ago=20, guardian_email="fresh@example.org")
    mail.outbox.clear()

    call_command("remind_bleed_kit_guardians", stdout=io.StringIO())  # the immediate backend runs it
    assert [m.to for m in mail.outbox] == [["old@example.org"]]
    message = mail.outbox[0]
    assert "Old Check" in message.subject and "Guardian Person" in message.body
    assert "/support/bleed-kits/southwark/" in message.body

    assert remind_guardians.call() == 0  # not again for the same check
    overdue.last_checked = timezone.localdate() - datetime.timedelta(days=95)
    overdue.save()
    assert remind_guardians.call() == 1  # a later (still overdue) check date earns a new reminder


def test_a_failing_mail_server_leaves_the_kit_to_be_tried_again(tree, monkeypatch):
    kit = make_kit(checked_days_ago=100)

    def fail(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("support.tasks.send_mail", fail)
    assert remind_guardians.call() == 0
    kit.refresh_from_db()
    assert kit.reminded_about is None
