"""An appeal goes to a different moderator, and the one who decided cannot decide it while another can."""

import pytest
from django.test import Client
from django.urls import reverse

from safety import appeals
from safety.models import AppealKind
from tests.factories import ModeratorFactory, SanctionFactory


def _appeal(decider):
    sanction = SanctionFactory(created_by=decider)
    return appeals.file_appeal(appeals.decision_for(AppealKind.SANCTION, sanction.pk), reason="I was quoting someone.")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def decider(tree):
    return ModeratorFactory()


def test_the_moderator_who_decided_is_refused_while_another_moderator_exists(decider):
    other = ModeratorFactory()
    appeal = _appeal(decider)
    url = reverse("safety_decide_appeal", args=[appeal.pk])
    page = _client(decider).get(url).content.decode()
    assert "another moderator decides this appeal" in page
    assert "Record the outcome" not in page
    refused = _client(decider).post(url, {"outcome": "overturned", "reason": "I changed my mind."})
    assert refused.status_code == 302
    appeal.refresh_from_db()
    assert appeal.decided_at is None and appeal.outcome == ""
    _client(other).post(url, {"outcome": "upheld", "reason": "The sanction was fair."})
    appeal.refresh_from_db()
    assert appeal.outcome == "upheld" and appeal.decided_by == other


def test_the_only_moderator_may_decide_their_own_decisions_appeal(decider):
    appeal = _appeal(decider)
    url = reverse("safety_decide_appeal", args=[appeal.pk])
    page = _client(decider).get(url).content.decode()
    assert "no other moderator is available" in page and "Record the outcome" in page
    _client(decider).post(url, {"outcome": "overturned", "reason": "On a second reading, it was a quote."})
    appeal.refresh_from_db()
    assert appeal.outcome == "overturned"
