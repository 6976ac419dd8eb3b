"""Signing up, the profile, and the family role that moderators grant in the Wagtail admin."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.models import Profile
from tests.factories import PASSWORD


def test_sign_up_needs_a_verified_email_before_signing_in(tree, mailoutbox):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "New <b>Person</b>",
            "age": "18_or_over",
            "agree_to_terms": "on",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new@example.org")
    assert user.profile.display_name == "New Person"
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in until the address is confirmed.
    assert client.get(reverse("my_stories")).status_code == 302

    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mailoutbox[0].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    signed_in = client.post(reverse("account_login"), {"login": "new@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.get(reverse("my_stories")).status_code == 200


def test_sign_up_refuses_a_display_name_of_only_markup(tree):
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "<script></script>",
            "age": "18_or_over",
            "agree_to_terms": "on",
        },
    )
    assert response.status_code == 200
    assert "Please choose a display name made of letters or numbers." in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_public_name_never_shows_the_email_address(tree, resident):
    resident.profile.display_name = ""
    resident.profile.save()
    assert resident.email not in resident.public_name
    assert str(resident) == "A member of London Listens"


def test_moderator_grants_the_family_role_which_is_logged_and_emailed(
    moderator_client, moderator, resident, mailoutbox
):
    resident.profile.request_family_role("My son, Tom.")
    listing = moderator_client.get("/admin/members/?waiting=true").content.decode()
    assert "Resident Rita" in listing

    response = moderator_client.post(f"/admin/members/edit/{resident.profile.pk}/", {"is_family": "on"})
    assert response.status_code == 302
    resident.profile.refresh_from_db()
    assert resident.profile.is_family
    entry = ModelLogEntry.objects.get(action="accounts.family_role_granted")
    assert entry.user == moderator and entry.object_id == str(resident.profile.pk)
    assert [m.to for m in mailoutbox] == [[resident.email]]
    assert mailoutbox[0].subject == "You can now share stories on London Listens"
    assert "/share/" in mailoutbox[0].body


def test_moderator_removes_the_family_role(moderator_client, family, mailoutbox):
    moderator_client.post(f"/admin/members/edit/{family.profile.pk}/", {})
    family.profile.refresh_from_db()
    assert not family.profile.is_family
    assert ModelLogEntry.objects.filter(action="accounts.family_role_removed").count() == 1
    assert "removed the family member role" in mailoutbox[0].body


def test_members_area_is_closed_to_residents_and_families(resident_client, family_client, resident):
    for client in (resident_client, family_client):
        response = client.post(f"/admin/members/edit/{resident.profile.pk}/", {"is_family": "on"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Profile.objects.get(pk=resident.profile.pk).is_family


def test_password_reset_emails_a_link_that_sets_a_new_password(tree, resident, mailoutbox):
    client = Client()
    response = client.post(reverse("account_reset_password"), {"email": resident.email})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # allauth moves the key out of the URL first
    client.post(form_url, {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"})
    resident.refresh_from_db()
    assert resident.check_password("a-brand-new-passphrase-7")


def test_signing_out_needs_a_post_and_ends_the_session(resident_client):
    assert resident_client.get(reverse("my_stories")).status_code == 200
    resident_client.post(reverse("account_logout"))
    assert resident_client.get(reverse("my_stories")).status_code == 302
