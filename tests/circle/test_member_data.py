"""A member's download holds what they did in the circle; deleting the account takes it all away."""

import pytest
from django.urls import reverse

from circle.models import Discussion, FamilyListing, Reply, TalkRequest
from tests.accounts.test_your_data import download
from tests.conftest import signed_in_client
from tests.factories import PASSWORD

from .helpers import discussion, listing, reply, talk_request

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_circle(family, other_family):
    listing(family, borough="hackney", loss="gun")
    mine = discussion(family, title="Anniversaries", body="How do you spend the day?")
    reply(mine, family, body="Thank you all.")
    talk_request(family, other_family)
    talk_request(other_family, family, status=TalkRequest.WITH_MODERATOR)  # not passed on: not theirs yet
    data = download(signed_in_client(family))["families_circle"]
    assert data["findable"] is True and data["borough"] == "Hackney" and data["loss"] == "Someone lost to gun violence"
    assert [d["title"] for d in data["discussions"]] == ["Anniversaries"]
    assert [r["text"] for r in data["replies"]] == ["Thank you all."]
    assert [t["to"] for t in data["requests_sent"]] == ["Family Frank"]
    assert data["requests_received"] == []


def test_deleting_the_account_takes_the_circle_with_it(family, other_family):
    listing(family)
    reply(discussion(other_family), family)
    discussion(family)
    talk_request(family, other_family)
    client = signed_in_client(family)
    assert client.post(reverse("delete_account"), {"password": PASSWORD}).status_code == 302
    assert not type(family).objects.filter(pk=family.pk).exists()
    assert not FamilyListing.objects.exists() and not TalkRequest.objects.exists()
    assert not Reply.objects.exists() and list(Discussion.objects.values_list("author", flat=True)) == [
        other_family.pk
    ]


def test_a_discussion_others_replied_to_is_kept_for_them_without_its_authors_words(family, other_family):
    kept = discussion(family, title="Anniversaries", body="How do you spend the day? My son was Tayo.")
    reply(kept, other_family, body="We light a candle at six.")
    reply(kept, family, body="Thank you.")
    discussion(family, title="Nobody answered")  # nobody else replied: it goes
    discussion(family, title="Still waiting", status="waiting")
    client = signed_in_client(family)
    assert client.post(reverse("delete_account"), {"password": PASSWORD}).status_code == 302

    [left] = Discussion.objects.all()
    assert left.pk == kept.pk and left.author is None and "Tayo" not in left.body
    assert list(left.replies.values_list("body", flat=True)) == ["We light a candle at six."]
    page = signed_in_client(other_family).get(reverse("circle_discussion", args=[left.pk])).content.decode()
    assert "a family member who has left" in page and "We light a candle at six." in page
    assert "Tayo" not in page
