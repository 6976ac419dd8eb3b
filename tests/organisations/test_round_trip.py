"""The organisations' edit forms, sent back untouched as a browser sends them, change nothing
(a multi-select of boroughs, an unticked "trusted" box, a staff member's "lead" box)."""

from tests.conftest import signed_in_client
from tests.forms.browser_form import forms_in

from .helpers import organisation, staff_of


def _round_trip(client, path):
    (form,) = [f for f in forms_in(client.get(path).content.decode(), page_path=path) if f.action == path]
    response = client.post(path, form.data())
    assert response.status_code == 302, response.content.decode()[:2000]


def test_organisation_and_staff_edit_forms_save_back_unchanged(moderator):
    council = organisation(boroughs=("lambeth", "southwark"))
    trusted = organisation("Riverside Safer Neighbourhood Team", kind="police", trusted=True)
    lead = staff_of(council, is_lead=True)
    officer = staff_of(council)
    client = signed_in_client(moderator)
    for org in (council, trusted):
        before = (org.name, org.slug, org.kind, org.website, org.is_trusted, org.is_verified, set(org.boroughs.all()))
        _round_trip(client, f"/admin/organisations/edit/{org.pk}/")
        org.refresh_from_db()
        assert (
            org.name,
            org.slug,
            org.kind,
            org.website,
            org.is_trusted,
            org.is_verified,
            set(org.boroughs.all()),
        ) == before
    for member in (lead, officer):
        membership = member.memberships.get()
        _round_trip(client, f"/admin/organisation_staff/edit/{membership.pk}/")
        assert member.memberships.get().is_lead == membership.is_lead


def test_the_verify_button_verifies_once_and_is_logged(moderator):
    from wagtail.models import ModelLogEntry

    from organisations.actions import VERIFIED

    unverified = organisation("Southfield Community Charity", verified=False, kind="charity")
    client = signed_in_client(moderator)
    page = client.get(f"/admin/organisations/edit/{unverified.pk}/").content.decode()
    assert "Verify Southfield Community Charity" in page
    client.post(f"/admin/organisations/{unverified.pk}/verify/")
    client.post(f"/admin/organisations/{unverified.pk}/verify/")
    unverified.refresh_from_db()
    assert unverified.is_verified and unverified.verified_at
    assert ModelLogEntry.objects.filter(action=VERIFIED).count() == 1
    assert "Verified on" in client.get(f"/admin/organisations/edit/{unverified.pk}/").content.decode()
