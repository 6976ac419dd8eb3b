"""Findable families and requests to talk: off by default, the directory shows only what a family
chose, and contacts are seen only once both sides have agreed."""

import pytest
from django.core import mail
from django.urls import reverse

from circle.models import FamilyListing, TalkRequest
from tests.conftest import signed_in_client
from tests.factories import FamilyFactory, UserFactory

from .helpers import listing

pytestmark = pytest.mark.django_db

ASK = {"message": "Hello, our losses sound alike. Could we talk?", "route": "direct", "contact": "frank@example.org"}


def _directory(client, **params):
    return client.get(reverse("circle_directory"), params).content.decode()


def test_being_findable_is_off_until_the_family_turns_it_on(family, other_family):
    client = signed_in_client(family)
    page = client.get(reverse("circle_findable")).content.decode()
    assert 'name="findable"' in page and "checked" not in page.split('name="findable"')[1].split(">")[0]
    assert "Family Fola" not in _directory(signed_in_client(other_family))
    # The form as the browser sends it back with the box ticked (an unticked box sends nothing).
    response = client.post(reverse("circle_findable"), {"findable": "on", "borough": "", "loss": "knife"})
    assert response.status_code == 302
    assert FamilyListing.objects.get(user=family).findable
    assert "Family Fola" in _directory(signed_in_client(other_family))
    client.post(reverse("circle_findable"), {"borough": "", "loss": "knife"})  # unticked
    assert not FamilyListing.objects.get(user=family).findable
    assert "Family Fola" not in _directory(signed_in_client(other_family))


def test_the_directory_shows_name_borough_and_loss_and_nothing_else(family, other_family):
    listing(family, borough="hackney", loss="gun")
    html = _directory(signed_in_client(other_family))
    assert "Family Fola" in html and "Hackney" in html and "Someone lost to gun violence" in html
    assert family.email not in html


def test_the_directory_filters_by_borough_and_by_loss(tree, other_family):
    for name, borough, loss in [("Ada", "hackney", "gun"), ("Bea", "hackney", "knife"), ("Cy", "lambeth", "gun")]:
        listing(FamilyFactory(profile_and_email__display_name=name), borough=borough, loss=loss)
    client = signed_in_client(other_family)
    html = _directory(client, borough="hackney")
    assert "Ada" in html and "Bea" in html and "Cy" not in html
    html = _directory(client, borough="hackney", loss="gun")
    assert "Ada" in html and "Bea" not in html and "Cy" not in html
    html = _directory(client, loss="gun")
    assert "Ada" in html and "Cy" in html and "Bea" not in html


def test_a_family_without_the_role_any_more_is_not_listed(family, other_family):
    listing(family)
    family.profile.is_family = False
    family.profile.save()
    assert "Family Fola" not in _directory(signed_in_client(other_family))


def test_a_direct_request_reaches_the_family_and_contacts_show_only_after_they_accept(family, other_family):
    fola = listing(family)
    frank = signed_in_client(other_family)
    mail.outbox.clear()
    assert frank.post(reverse("circle_ask", args=[fola.pk]), ASK).status_code == 302
    request = TalkRequest.objects.get()
    assert request.status == TalkRequest.WAITING
    assert [m.to for m in mail.outbox] == [[family.email]]
    assert ASK["message"] not in mail.outbox[0].body  # the words stay on the site

    fola_client = signed_in_client(family)
    page = fola_client.get(reverse("circle_requests")).content.decode()
    assert ASK["message"] in page and "frank@example.org" not in page
    assert "fola-chosen@example.org" not in frank.get(reverse("circle_requests")).content.decode()

    mail.outbox.clear()
    fola_client.post(reverse("circle_accept", args=[request.pk]), {"contact": "fola-chosen@example.org"})
    request.refresh_from_db()
    assert request.status == TalkRequest.ACCEPTED
    assert [m.to for m in mail.outbox] == [[other_family.email]]
    assert "frank@example.org" in fola_client.get(reverse("circle_requests")).content.decode()
    assert "fola-chosen@example.org" in frank.get(reverse("circle_requests")).content.decode()


def test_a_decline_is_quiet_and_kind(family, other_family):
    fola = listing(family)
    frank = signed_in_client(other_family)
    frank.post(reverse("circle_ask", args=[fola.pk]), ASK)
    request = TalkRequest.objects.get()
    mail.outbox.clear()
    signed_in_client(family).post(reverse("circle_decline", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == TalkRequest.DECLINED
    assert mail.outbox == []  # nobody is e-mailed a "no"
    page = frank.get(reverse("circle_requests")).content.decode()
    assert "not about you" in page and family.email not in page


def test_through_a_moderator_it_waits_until_they_pass_it_on(family, other_family, moderator):
    fola = listing(family)
    frank = signed_in_client(other_family)
    frank.post(reverse("circle_ask", args=[fola.pk]), ASK | {"route": "moderator"})
    request = TalkRequest.objects.get()
    assert request.status == TalkRequest.WITH_MODERATOR
    fola_client = signed_in_client(family)
    assert ASK["message"] not in fola_client.get(reverse("circle_requests")).content.decode()
    staff = signed_in_client(moderator)
    assert ASK["message"] in staff.get(reverse("moderation_inbox") + "?tab=circle_requests").content.decode()
    mail.outbox.clear()
    staff.post(reverse("circle_decide_request", args=[request.pk]), {"decision": "yes"})
    request.refresh_from_db()
    assert request.status == TalkRequest.WAITING and request.passed_by == moderator
    assert [m.to for m in mail.outbox] == [[family.email]]
    assert ASK["message"] in fola_client.get(reverse("circle_requests")).content.decode()


def test_a_request_not_passed_on_never_reaches_the_family_and_the_sender_is_told_kindly(
    family, other_family, moderator
):
    fola = listing(family)
    signed_in_client(other_family).post(reverse("circle_ask", args=[fola.pk]), ASK | {"route": "moderator"})
    request = TalkRequest.objects.get()
    mail.outbox.clear()
    signed_in_client(moderator).post(reverse("circle_decide_request", args=[request.pk]), {"decision": "no"})
    request.refresh_from_db()
    assert request.status == TalkRequest.NOT_PASSED
    assert [m.to for m in mail.outbox] == [[other_family.email]]
    assert ASK["message"] not in signed_in_client(family).get(reverse("circle_requests")).content.decode()


def test_a_direct_request_that_screening_stops_goes_to_a_moderator(family, other_family):
    fola = listing(family)
    mail.outbox.clear()
    signed_in_client(other_family).post(
        reverse("circle_ask", args=[fola.pk]), ASK | {"message": "Ring me on 07700 900123"}
    )
    request = TalkRequest.objects.get()
    assert request.status == TalkRequest.WITH_MODERATOR and request.route == "direct"
    assert mail.outbox == []


def test_requests_are_rate_limited_and_the_words_kept(tree, other_family, settings):
    settings.CIRCLE_TALK_REQUESTS_PER_DAY = 2
    frank = signed_in_client(other_family)
    listings = [listing(FamilyFactory()) for _ in range(3)]
    for target in listings[:2]:
        assert frank.post(reverse("circle_ask", args=[target.pk]), ASK).status_code == 302
    response = frank.post(reverse("circle_ask", args=[listings[2].pk]), ASK | {"message": "Words to keep"})
    assert response.status_code == 429
    assert "Words to keep" in response.content.decode() and "come back tomorrow" in response.content.decode()
    assert TalkRequest.objects.count() == 2


def test_nobody_can_ask_a_family_who_is_not_findable(family, other_family):
    hidden = listing(family, findable=False)
    assert signed_in_client(other_family).post(reverse("circle_ask", args=[hidden.pk]), ASK).status_code == 404
    assert not TalkRequest.objects.exists()


def test_a_resident_cannot_be_asked_even_with_a_listing(tree, other_family):
    resident = UserFactory()
    row = listing(resident)
    assert signed_in_client(other_family).post(reverse("circle_ask", args=[row.pk]), ASK).status_code == 404


def test_a_refused_request_keeps_everything_typed(family, other_family):
    fola = listing(family)
    response = signed_in_client(other_family).post(
        reverse("circle_ask", args=[fola.pk]), ASK | {"message": "m" * 1001, "contact": "kept@example.org"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please shorten it by 1 character" in html and "m" * 1001 in html and "kept@example.org" in html
