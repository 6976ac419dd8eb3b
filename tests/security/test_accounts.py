"""Accounts: throttled sign-in, no user enumeration, session rotation, suspended users, admin 2FA."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from accounts.models import User
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def same_page(a, b, a_email, b_email):
    """Two responses say the same thing (their CSRF tokens and the address typed, echoed back, aside)."""

    def normalised(response, email):
        return CSRF_TOKEN.sub("", response.content.decode()).replace(email, "EMAIL")

    return a.status_code == b.status_code and normalised(a, a_email) == normalised(b, b_email)


def signed_in(client):
    return "_auth_user_id" in client.session


# Throttling: allauth's rate limits (ACCOUNT_RATE_LIMITS["login_failed"] = 5 per address per 15 minutes).


TOO_MANY = "Too many failed login attempts. Try again later."


@pytest.mark.parametrize("known", [True, False], ids=["known address", "unknown address"])
def test_sign_in_is_refused_after_five_failures_for_one_address(client, resident, known):
    email = resident.email if known else "nobody@example.org"
    for _ in range(5):
        response = client.post(LOGIN, {"login": email, "password": "wrong-password"})
        assert response.status_code == 200 and TOO_MANY not in response.content.decode()
    # The sixth attempt is refused before the password is even checked: the right one waits too.
    response = client.post(LOGIN, {"login": email, "password": PASSWORD if known else "wrong-password"})
    assert TOO_MANY in response.content.decode()
    assert not signed_in(client)


def test_throttle_is_per_address_and_lifts(client, resident, other_resident):
    from django.core.cache import cache

    for _ in range(5):
        client.post(LOGIN, {"login": resident.email, "password": "wrong-password"})
    other = Client()
    assert other.post(LOGIN, {"login": other_resident.email, "password": PASSWORD}).status_code == 302
    cache.clear()  # as if the 15 minutes had passed
    assert client.post(LOGIN, {"login": resident.email, "password": PASSWORD}).status_code == 302
    assert signed_in(client)


# No user enumeration: the same answer for an address we know and one we do not.


def test_failed_sign_in_looks_the_same_for_known_and_unknown_addresses(resident):
    known = Client().post(LOGIN, {"login": resident.email, "password": "wrong-password"})
    unknown = Client().post(LOGIN, {"login": "nobody@example.org", "password": "wrong-password"})
    assert same_page(known, unknown, resident.email, "nobody@example.org")
    assert "not correct" in known.content.decode()


def test_sign_up_with_a_taken_address_looks_the_same_and_tells_only_the_owner(resident, tree):
    def sign_up(email):
        data = {"email": email, "password1": "a-long-new-password-73", "password2": "a-long-new-password-73"}
        return Client().post(
            "/accounts/signup/", {**data, "display_name": "Someone", "age": "18_or_over", "agree_to_terms": "on"}
        )

    taken, fresh = sign_up(resident.email), sign_up("brand-new@example.org")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert User.objects.filter(email=resident.email).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, "brand-new@example.org"])


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(resident):
    known = Client().post("/accounts/password/reset/", {"email": resident.email})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


# Sessions.


def test_signing_in_rotates_the_session_key(client, resident):
    session = client.session
    session["seen_the_welcome"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = before = session.session_key
    assert client.post(LOGIN, {"login": resident.email, "password": PASSWORD}).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_suspended_members_open_session_stops_working(family_client, family):
    assert family_client.get("/me/stories/").status_code == 200
    User.objects.filter(pk=family.pk).update(is_active=False)
    response = family_client.get("/me/stories/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = family_client.post("/share/ask/", {"message": "still here?"})
    assert response.status_code == 302
    family.profile.refresh_from_db()
    assert family.profile.family_role_requested_at is None


def test_a_suspended_member_cannot_sign_in(client, resident):
    User.objects.filter(pk=resident.pk).update(is_active=False)
    client.post(LOGIN, {"login": resident.email, "password": PASSWORD})
    assert not signed_in(client)


# Two-factor authentication for the Wagtail admin (allauth.mfa; required in production).


def current_code(secret, offset=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


@pytest.fixture
def require_mfa(settings):
    settings.WAGTAILADMIN_REQUIRE_MFA = True


def test_production_requires_two_factor_for_the_admin():
    source = (settings.BASE_DIR / "forum_site" / "settings" / "production.py").read_text()
    assert re.search(r"^WAGTAILADMIN_REQUIRE_MFA = True$", source, re.MULTILINE)


def test_wagtails_own_sign_in_form_hands_over_to_allauth(client, tree):
    response = client.get("/admin/login/", {"next": "/admin/pages/"})
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(require_mfa, client, moderator):
    client.post(LOGIN, {"login": moderator.email, "password": PASSWORD})
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"
    # Setting up an authenticator app: confirm the password, then the page shows the secret and
    # the first code confirms it.
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/"):
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()


def test_a_moderator_signs_in_with_a_code_and_then_reaches_the_admin(require_mfa, client, moderator):
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    response = client.post(LOGIN, {"login": moderator.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # password alone is not enough
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": "000000" if current_code(secret) != "000000" else "1"}
    )
    assert not signed_in(client)
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302 and signed_in(client)
    assert client.get("/admin/").status_code == 200


def test_a_session_that_skipped_the_second_factor_must_confirm_it(require_mfa, moderator_client, moderator):
    TOTP.activate(moderator, generate_totp_secret())
    response = moderator_client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"


def test_the_requirement_leaves_members_without_admin_access_alone(require_mfa, resident_client):
    response = resident_client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
