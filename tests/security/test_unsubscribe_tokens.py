"""One-click unsubscribe skips CSRF on purpose (mail programs POST without a token), so the signed
token is the only credential: it must not be forgeable, transferable or reusable on someone else."""

import base64
import json

from django.core import signing
from django.test import Client

from notifications.models import Follow
from notifications.notify import UNSUBSCRIBE_SALT, unsubscribe_token


def test_a_tampered_or_unsigned_token_unsubscribes_nobody(tree, resident, other_resident):
    follow = Follow.objects.create(user=resident, borough_id=1)
    other = Follow.objects.create(user=other_resident, borough_id=2)
    good = unsubscribe_token(follow)
    payload = base64.urlsafe_b64encode(json.dumps({"f": other.pk, "u": other_resident.pk}).encode()).decode()
    forged = [
        good[:-2] + ("AA" if not good.endswith("AA") else "BB"),  # signature altered
        payload.rstrip("="),  # no signature at all
        signing.dumps({"f": other.pk, "u": other_resident.pk}, salt="another-salt"),  # signed for something else
        signing.dumps({"f": other.pk, "u": other_resident.pk}, key="not-our-secret", salt=UNSUBSCRIBE_SALT),
        "x" * 300,
    ]
    client = Client()
    for token in forged:
        response = client.post(f"/notifications/unsubscribe/{token}/")
        assert response.status_code == 400, token
    assert Follow.objects.filter(pk__in=[follow.pk, other.pk]).count() == 2


def test_a_token_only_ever_removes_the_follow_it_was_made_for(tree, resident, other_resident):
    mine = Follow.objects.create(user=resident, borough_id=1)
    theirs = Follow.objects.create(user=other_resident, borough_id=1)
    token = unsubscribe_token(mine)
    assert Client().get(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert Follow.objects.filter(pk=mine.pk).exists()  # GET only asks
    Client().post(f"/notifications/unsubscribe/{token}/")
    assert not Follow.objects.filter(pk=mine.pk).exists()
    assert Follow.objects.filter(pk=theirs.pk).exists()
