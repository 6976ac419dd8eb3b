"""The attack corpora through every new input of the directory: bleed kits and youth programmes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from support.models import BleedKit, SupportService
from tests.factories import borough
from tests.security.corpora import xss_payloads
from tests.security.markup import executable_markup
from tests.security.test_corpus_forms import check_plain

KIT_FIELDS = ("venue", "street_address", "where_in_venue", "access_hours", "guardian_name")


def kit_from(text, place):
    kit = BleedKit(
        venue_kind="shop",
        borough=place,
        guardian_email="guardian@example.org",
        last_checked=datetime.date(2026, 11, 1),
        **dict.fromkeys(KIT_FIELDS, text),
    )
    kit.sanitise()  # what save() and the admin form's clean() both do
    return kit


def test_every_payload_is_stored_as_plain_text_and_the_kits_page_stays_inert(tree):
    place = borough("southwark")
    problems, kits = [], []
    for source, index, text in xss_payloads():
        kit = kit_from(text, place)
        service = SupportService(name="X", summary="Y", schools_and_clubs=text, for_young_people=True)
        service.sanitise()
        for field in KIT_FIELDS:
            problems += [f"{source}#{index} {field}: {p}" for p in check_plain(text, getattr(kit, field))]
        problems += [f"{source}#{index} schools_and_clubs: {p}" for p in check_plain(text, service.schools_and_clubs)]
        if kit.venue and fits(kit):
            kits.append(kit)
    assert not problems, "\n".join(problems[:20])

    BleedKit.objects.bulk_create(kits)
    html = Client().get("/support/bleed-kits/southwark/").content.decode()
    assert not executable_markup(html), executable_markup(html)[:5]


def fits(kit):
    """What the admin form would store: a payload longer than a field is refused, not cut (see below)."""
    try:
        kit.full_clean(exclude=["borough"])
    except ValidationError as error:
        assert set(error.message_dict) <= set(KIT_FIELDS), error.message_dict
        return False
    return True


def test_the_admin_form_refuses_an_overlong_venue_kindly_and_keeps_what_was_typed(tree, admin_client):
    place = borough("southwark")
    long_venue = "A" * 121
    response = admin_client.post(
        reverse("wagtailsnippets_support_bleedkit:add"),
        {
            "venue": long_venue,
            "venue_kind": "shop",
            "street_address": "1 Example Parade",
            "borough": place.pk,
            "where_in_venue": "Behind the counter",
            "access_hours": "Mon–Sat 8am–11pm",
            "guardian_name": "Guardian Gale",
            "guardian_email": "guardian@example.org",
            "last_checked": "2026-11-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 120 characters (it has 121)." in html
    assert f'value="{long_venue}"' in html
    assert not BleedKit.objects.exists()


@pytest.mark.parametrize("text", ["<script>alert(1)</script>Example Academy", "Example Academy\u202e"])
def test_youth_details_render_escaped_on_the_directory(tree, text):
    SupportService.objects.create(name="Club", summary="Boxing.", for_young_people=True, schools_and_clubs=text)
    html = Client().get("/support/?young=1").content.decode()
    assert "<script>alert(1)</script>" not in html and "Example Academy" in html
