"""A family asks a named organisation to answer their testimony (with their consent); the system
invites who could act on a discussion's ask; the cached public pages follow every status."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisations import actions
from organisations.models import Answer, Ask, Invitation, Status
from tests.caching.test_page_cache import HIT, MISS, get, warm
from tests.conftest import signed_in_client
from tests.factories import TestimonyPageFactory, ThreadPageFactory, borough

from .factories import AskFactory
from .helpers import organisation, staff_of

CONSENT_MISSING = "Please tick the box to agree, or we cannot ask them."


@pytest.fixture
def testimony(family):
    return TestimonyPageFactory(owner=family, title="The support we wish we had", borough=borough("lambeth"))


@pytest.fixture
def victim_support(tree):
    return organisation("Fictional Victim Support London", boroughs=("lambeth",), kind="charity")


def _ask(client, testimony, org, consent=True):
    data = {"organisation": org.pk, **({"consent": "on"} if consent else {})}
    return client.post(reverse("ask_about_testimony", args=[testimony.pk]), data)


def test_the_family_asks_from_your_stories_and_the_organisation_is_invited(family, testimony, victim_support):
    officer = staff_of(victim_support)
    client = signed_in_client(family)
    mine = client.get(reverse("my_stories")).content.decode()
    url = reverse("ask_about_testimony", args=[testimony.pk])
    assert url in mine
    assert url in client.get(testimony.url).content.decode()  # and on the testimony itself
    form = client.get(url).content.decode()
    assert victim_support.name in form and 'name="consent"' in form
    mail.outbox.clear()
    with_consent = _ask(client, testimony, victim_support)
    assert with_consent.status_code == 302 and with_consent["Location"] == reverse("my_stories")
    ask = Ask.objects.get(testimony=testimony)
    assert ask.consented_at is not None and ask.thread is None
    assert list(ask.invitations.values_list("organisation", "invited_by")) == [(victim_support.pk, family.pk)]
    (invitation,) = [m for m in mail.outbox if m.to == [officer.email]]
    assert "asks Fictional Victim Support London to answer their testimony" in invitation.subject
    assert "agreed to share it with you" in invitation.body and reverse("answer_ask", args=[ask.pk]) in invitation.body
    again = _ask(client, testimony, victim_support)
    assert again.status_code == 302 and Invitation.objects.count() == 1


def test_without_consent_nothing_is_shared_and_the_choice_is_kept(family, testimony, victim_support):
    response = _ask(signed_in_client(family), testimony, victim_support, consent=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert CONSENT_MISSING in page
    assert f'<option value="{victim_support.pk}" selected>' in page
    assert not Ask.objects.exists() and not Invitation.objects.exists()


def test_only_the_family_asks_and_only_about_a_published_testimony(family, resident, victim_support, testimony):
    other_family = TestimonyPageFactory(title="Someone else's").owner
    assert _ask(signed_in_client(other_family), testimony, victim_support).status_code == 404
    assert _ask(signed_in_client(resident), testimony, victim_support).status_code == 404
    draft = TestimonyPageFactory(owner=family, live=False, title="Not yet")
    assert _ask(signed_in_client(family), draft, victim_support).status_code == 404
    unverified = organisation("Unchecked Helpers", verified=False, kind="charity")
    response = _ask(signed_in_client(family), testimony, unverified)
    assert (
        response.status_code == 400 and "Please choose one of the organisations listed." in response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_only_the_invited_answer_and_the_answer_shows_in_public_after_moderation(
    family, testimony, victim_support, moderator
):
    officer = staff_of(victim_support)
    council = organisation("Fictional Lambeth Council", boroughs=("lambeth",))
    council_officer = staff_of(council)  # covers the borough, but was not asked
    _ask(signed_in_client(family), testimony, victim_support)
    ask = Ask.objects.get(testimony=testimony)
    answer_url = reverse("answer_ask", args=[ask.pk])
    assert signed_in_client(council_officer).get(answer_url).status_code == 403
    officer_client = signed_in_client(officer)
    assert "Answer for your organisation" in officer_client.get(testimony.url).content.decode()
    response = officer_client.post(
        answer_url,
        {"organisation": victim_support.pk, "status": Status.LOOKING, "body": "We are sorry. We will call."},
    )
    assert response.status_code == 302 and response["Location"] == f"{testimony.url}#ask"
    answer = Answer.objects.get()
    assert answer.state == Answer.HELD
    assert "We will call." not in Client().get(testimony.url).content.decode()  # held: nobody sees it
    mail.outbox.clear()
    actions.publish(answer, by=moderator)
    public = Client().get(testimony.url).content.decode()
    assert "We are sorry. We will call." in public and "Looking into it" in public
    assert "Fictional Victim Support London" in public and "Verified organisation" in public
    assert [m.to for m in mail.outbox] == [[family.email]]
    assert "Looking into it" in mail.outbox[0].subject
    assert "We are sorry" in Client().get(victim_support.get_absolute_url()).content.decode()


def test_a_testimony_is_answered_never_backed(family, testimony, victim_support, resident):
    _ask(signed_in_client(family), testimony, victim_support)
    ask = Ask.objects.get(testimony=testimony)
    assert signed_in_client(resident).post(reverse("back_ask", args=[ask.pk])).status_code == 404
    assert not ask.backings.exists()


def test_the_system_invites_organisations_of_the_chosen_kind_covering_the_borough(resident, moderator):
    youth_lambeth = organisation("Fictional Lambeth Youth Service", boroughs=("lambeth",), kind="youth")
    youth_both = organisation("Fictional South Youth Trust", boroughs=("hackney", "lambeth"), kind="youth")
    organisation("Fictional Hackney Youth", boroughs=("hackney",), kind="youth")  # another borough
    organisation("Fictional Lambeth Council", boroughs=("lambeth",), kind="council")  # another kind
    organisation("Fictional Unverified Youth", boroughs=("lambeth",), kind="youth", verified=False)
    officer = staff_of(youth_lambeth)
    client = signed_in_client(resident)
    client.post(
        reverse("start_thread", args=["lambeth"]),
        {"title": "Keep the youth club open", "body": "Evenings matter.", "is_ask": "on", "ask_kind": "youth"},
    )
    ask = Ask.objects.get(thread__title="Keep the youth club open")
    assert ask.kind == "youth" and not Invitation.objects.exists()  # not before a moderator publishes it
    mail.outbox.clear()
    ask.thread.get_latest_revision().publish(user=moderator)
    invited = set(Invitation.objects.filter(ask=ask).values_list("organisation__name", flat=True))
    assert invited == {youth_lambeth.name, youth_both.name}
    assert Invitation.objects.filter(ask=ask, invited_by=None).count() == 2  # the system's, not a person's
    assert [m.to for m in mail.outbox if "invited to answer" in m.subject] == [[officer.email]]
    ask.thread.refresh_from_db()
    ask.thread.save_revision(user=resident).publish(user=moderator)  # published again: nobody asked twice
    assert Invitation.objects.filter(ask=ask).count() == 2


@pytest.mark.parametrize("kind", ["", "not-a-kind", "<script>alert(1)</script>"])
def test_no_kind_or_an_unknown_one_invites_nobody_automatically(resident, moderator, kind):
    organisation("Fictional Lambeth Youth Service", boroughs=("lambeth",), kind="youth")
    signed_in_client(resident).post(
        reverse("start_thread", args=["lambeth"]),
        {"title": "Better lighting", "body": "The path is dark.", "is_ask": "on", "ask_kind": kind},
    )
    ask = Ask.objects.get()
    assert ask.kind == ""
    ask.thread.get_latest_revision().publish(user=moderator)
    assert not Invitation.objects.exists()


def test_what_changed_and_organisation_pages_are_cached_and_refreshed_on_every_status(
    page_cache_on, resident, moderator, family, testimony, victim_support
):
    council = organisation("Fictional Lambeth Council", boroughs=("lambeth",))
    officer = staff_of(council)
    the_ask = AskFactory(thread=ThreadPageFactory(owner=resident, borough=borough("lambeth"), title="Lit paths"))
    visitor = Client()
    pages = [reverse("what_changed"), reverse("organisations"), council.get_absolute_url()]
    for url in pages:
        warm(visitor, url)
    figures = get(visitor, reverse("what_changed"))[1]
    for status, words in [(Status.LOOKING, "Looking into it"), (Status.MADE, "Change made")]:
        answer = actions.give_answer(the_ask, council, author=officer, status=status, body=f"Now: {words}.")
        assert all(get(visitor, url)[0]["X-Page-Cache"] == HIT for url in pages)  # held: nothing public changed
        actions.publish(answer, by=moderator)
        response, html = get(visitor, reverse("what_changed"))
        assert response["X-Page-Cache"] == MISS and html != figures  # the figures moved on
        figures = html
        response, html = get(visitor, council.get_absolute_url())
        assert response["X-Page-Cache"] == MISS and f"Now: {words}." in html
        assert get(visitor, reverse("organisations"))[0]["X-Page-Cache"] == MISS
        for url in pages:
            assert get(visitor, url)[0]["X-Page-Cache"] == HIT  # stored again

    # The family's testimony: its cached copy follows the organisation's answer too.
    _ask(signed_in_client(family), testimony, victim_support)
    answer = actions.give_answer(
        Ask.objects.get(testimony=testimony), victim_support, author=staff_of(victim_support), status=Status.HEARD,
        body="We hear you.",
    )  # fmt: skip
    assert "We hear you." not in warm(visitor, testimony.url)  # held
    actions.publish(answer, by=moderator)
    response, html = get(visitor, testimony.url)
    assert response["X-Page-Cache"] == MISS and "We hear you." in html
