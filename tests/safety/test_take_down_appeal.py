"""A family whose story a moderator took down can appeal it from the e-mail, and an overturn republishes it."""

import re

from django.test import Client
from django.urls import reverse

from safety import appeals
from safety.models import Appeal
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, ModeratorFactory


def test_a_taken_down_story_is_appealed_from_the_e_mail_and_overturned(family, moderator, mailoutbox):
    memorial = MemorialPageFactory(owner=family, title="Jordan")
    other = ModeratorFactory()
    signed_in_client(moderator).post(
        reverse("moderation_take_down", args=[memorial.pk]), {"reason": "It names a witness."}
    )
    memorial.refresh_from_db()
    assert not memorial.live
    [message] = [m for m in mailoutbox if family.email in m.to]
    link = re.search(r"https?://\S+/appeal/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    page = Client().get(path).content.decode()  # the signed link works without signing in
    assert "“Jordan” was taken down" in page and "It names a witness." in page
    Client().post(path, {"reason": "We removed the witness's name before we shared it.", "email": ""})
    appeal = Appeal.objects.get()
    assert appeal.original_moderator == moderator and appeal.assigned_to == other

    signed_in_client(other).post(
        reverse("safety_decide_appeal", args=[appeal.pk]),
        {"outcome": "overturned", "reason": "The name is not there."},
    )
    memorial.refresh_from_db()
    assert memorial.live


def test_a_story_back_online_has_nothing_left_to_appeal(family, moderator):
    memorial = MemorialPageFactory(owner=family, title="Jordan")
    signed_in_client(moderator).post(reverse("moderation_take_down", args=[memorial.pk]), {"reason": "Checking."})
    memorial.refresh_from_db()
    assert appeals.decision_for("page", memorial.pk) is not None
    memorial.get_latest_revision().publish()
    assert appeals.decision_for("page", memorial.pk) is None
