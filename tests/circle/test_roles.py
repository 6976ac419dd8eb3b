"""Moderators grant and remove the peer supporter role in the admin: logged, and the member is told."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from circle.models import PeerSupporter
from circle.roles import PEER_SUPPORTER_GRANTED, PEER_SUPPORTER_REMOVED
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_a_moderator_grants_and_removes_the_role_and_each_is_logged_and_told(resident, moderator):
    staff = signed_in_client(moderator)
    assert signed_in_client(resident).get(reverse("circle_home")).status_code == 403
    add = reverse("peer-supporters:add")
    assert staff.get(add).status_code == 200
    mail.outbox.clear()
    response = staff.post(add, {"email": resident.email.upper(), "note": "Trained in <b>May</b>"})
    assert response.status_code == 302, response.content.decode()[:3000]
    supporter = PeerSupporter.objects.get(user=resident)
    assert supporter.granted_by == moderator and supporter.note == "Trained in May"
    assert ModelLogEntry.objects.filter(action=PEER_SUPPORTER_GRANTED, object_id=str(supporter.pk)).exists()
    assert [m.to for m in mail.outbox] == [[resident.email]] and "peer supporter" in mail.outbox[0].subject
    assert signed_in_client(resident).get(reverse("circle_home")).status_code == 200

    mail.outbox.clear()
    response = staff.post(reverse("peer-supporters:delete", args=[supporter.pk]))
    assert response.status_code == 302
    assert not PeerSupporter.objects.filter(user=resident).exists()
    assert ModelLogEntry.objects.filter(action=PEER_SUPPORTER_REMOVED, object_id=str(supporter.pk)).exists()
    assert [m.to for m in mail.outbox] == [[resident.email]] and "ended" in mail.outbox[0].subject
    assert signed_in_client(resident).get(reverse("circle_home")).status_code == 403


def test_granting_says_kindly_when_there_is_no_such_member_or_they_hold_it_already(resident, moderator):
    staff = signed_in_client(moderator)
    response = staff.post(reverse("peer-supporters:add"), {"email": "nobody@example.org", "note": ""})
    assert response.status_code == 200 and "No member has this e-mail address." in response.content.decode()
    PeerSupporter.objects.create(user=resident)
    response = staff.post(reverse("peer-supporters:add"), {"email": resident.email, "note": ""})
    assert "already" in response.content.decode()
    assert PeerSupporter.objects.count() == 1


def test_only_moderators_reach_the_peer_supporters_area(resident, family):
    for member in (resident, family):
        response = signed_in_client(member).post(reverse("peer-supporters:add"), {"email": member.email})
        assert response.status_code in (302, 403) and not PeerSupporter.objects.exists()
