"""The journey in code: an ask marked when starting a discussion, backed once per member, answered in
public by an organisation's own staff (held, or at once when trusted), the author and followers told."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from boroughs.models import ThreadPage
from notifications.models import Follow
from organisations import actions
from organisations.models import Answer, Ask, Backing, Status
from tests.conftest import signed_in_client
from tests.factories import UserFactory

from .helpers import ask, organisation, staff_of


def test_starting_a_discussion_with_the_box_ticked_makes_an_ask(resident_client):
    url = reverse("start_thread", args=["lambeth"])
    page = resident_client.get(url).content.decode()
    assert 'name="is_ask"' in page
    resident_client.post(url, {"title": "Light the path", "body": "The path by the estate is dark.", "is_ask": "on"})
    resident_client.post(url, {"title": "Just talking", "body": "Hello all."})
    assert list(Ask.objects.values_list("thread__title", flat=True)) == ["Light the path"]
    assert ThreadPage.objects.filter(title="Just talking").exists()


def test_a_refused_discussion_keeps_the_box_ticked(resident_client):
    page = resident_client.post(
        reverse("start_thread", args=["lambeth"]), {"title": "", "body": "Words", "is_ask": "on"}
    ).content.decode()
    assert 'name="is_ask" id="id_is_ask" value="on" aria-describedby="id_is_ask_helptext" checked' in page


def test_backing_is_one_per_member_however_many_clicks(resident, other_resident):
    the_ask = ask(owner=resident)
    client = signed_in_client(other_resident)
    for _ in range(3):
        assert client.post(reverse("back_ask", args=[the_ask.pk])).status_code == 302
    signed_in_client(resident).post(reverse("back_ask", args=[the_ask.pk]))
    the_ask.refresh_from_db()
    assert the_ask.backing_count == 2 == Backing.objects.count()
    assert not actions.back(the_ask, other_resident)


def test_backing_a_discussion_that_is_not_live_is_not_found(resident):
    the_ask = ask(owner=resident)
    ThreadPage.objects.filter(pk=the_ask.thread_id).update(live=False)
    assert signed_in_client(resident).post(reverse("back_ask", args=[the_ask.pk])).status_code == 404


def test_the_whole_round_invitation_held_answer_publish_update(resident, other_resident, moderator):
    council = organisation()
    officer = staff_of(council)
    the_ask = ask(owner=resident)
    Follow.objects.create(user=other_resident, page_id=the_ask.thread_id)
    mail.outbox.clear()
    actions.invite(the_ask, [council], by=moderator)
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert reverse("answer_ask", args=[the_ask.pk]) in mail.outbox[0].body
    mail.outbox.clear()

    client = signed_in_client(officer)
    response = client.post(
        reverse("answer_ask", args=[the_ask.pk]),
        {"organisation": council.pk, "status": Status.LOOKING, "body": "We are walking the route next week."},
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.state == Answer.HELD and mail.outbox == []
    thread_url = the_ask.thread.url
    assert "walking the route" not in client.get(thread_url).content.decode()  # held: not even its writer sees it

    actions.publish(answer, by=moderator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, other_resident.email])
    assert "Looking into it" in mail.outbox[0].subject
    page = client.get(thread_url).content.decode()
    assert "walking the route" in page and "Verified organisation" in page

    council.is_trusted = True
    council.save()
    mail.outbox.clear()
    client.post(
        reverse("answer_ask", args=[the_ask.pk]),
        {"organisation": council.pk, "status": Status.MADE, "body": "New lights are on."},
    )
    assert Answer.objects.filter(state=Answer.PUBLISHED).count() == 2
    assert len(mail.outbox) == 2 and "Change made" in mail.outbox[0].subject
    page = client.get(thread_url).content.decode()
    assert page.index("walking the route") < page.index("New lights are on.")  # a timeline, oldest first
    the_ask.refresh_from_db()
    assert the_ask.latest_status == Status.MADE and the_ask.first_answer_at
    logged = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {actions.INVITED, actions.ANSWER_PUBLISHED, actions.ANSWER_TRUSTED} <= logged


def test_an_organisation_never_answers_as_another(resident):
    council, charity = organisation(), organisation("Riverside Youth Trust", kind="charity")
    officer = staff_of(council)
    the_ask = ask(owner=resident)
    response = signed_in_client(officer).post(
        reverse("answer_ask", args=[the_ask.pk]),
        {"organisation": charity.pk, "status": Status.HEARD, "body": "Pretending."},
    )
    assert response.status_code == 200 and "only answer for an organisation you work for" in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(PermissionError):
        actions.give_answer(the_ask, charity, author=officer, status=Status.HEARD, body="No.")


def test_staff_of_an_unverified_organisation_cannot_answer(resident):
    officer = staff_of(organisation(verified=False))
    the_ask = ask(owner=resident)
    assert signed_in_client(officer).get(reverse("answer_ask", args=[the_ask.pk])).status_code == 403


def test_the_lead_removes_staff_and_it_is_logged(tree):
    council = organisation()
    lead, officer = staff_of(council, is_lead=True), staff_of(council)
    client = signed_in_client(lead)
    assert officer.public_name in client.get(reverse("organisation_staff", args=[council.slug])).content.decode()
    membership = officer.memberships.get()
    client.post(reverse("organisation_remove_staff", args=[council.slug, membership.pk]))
    assert not officer.memberships.exists()
    assert ModelLogEntry.objects.filter(action=actions.STAFF_REMOVED).exists()
    # Not themselves: an organisation always keeps its lead.
    own = lead.memberships.get()
    assert client.post(reverse("organisation_remove_staff", args=[council.slug, own.pk])).status_code == 404


def test_organisation_page_lists_its_published_answers_only(resident, moderator):
    council = organisation()
    officer = staff_of(council)
    the_ask = ask(owner=resident, title="Keep the youth club open")
    published = actions.give_answer(the_ask, council, author=officer, status=Status.PLANNED, body="Funded to March.")
    actions.publish(published, by=moderator)
    actions.give_answer(the_ask, council, author=officer, status=Status.MADE, body="Still waiting for a moderator.")
    page = signed_in_client(UserFactory()).get(council.get_absolute_url()).content.decode()
    assert "Keep the youth club open" in page and "Funded to March." in page
    assert "Still waiting" not in page
    assert signed_in_client(resident).get(reverse("organisations")).status_code == 200
    unverified = organisation("Unchecked Org", verified=False)
    assert signed_in_client(resident).get(unverified.get_absolute_url()).status_code == 404


def asks_section(response):
    html = response.content.decode()
    return html[html.index('id="asks"') :]


def test_borough_page_sorts_asks_by_backing_and_by_age(resident, other_resident, client):
    older = ask(owner=resident, title="Older but backed")
    newer = ask(owner=resident, title="Newer, not backed")
    Ask.objects.filter(pk=older.pk).update(created_at=newer.created_at.replace(year=2020))
    actions.back(older, other_resident)
    by_backing = asks_section(client.get("/boroughs/lambeth/"))
    assert by_backing.index("Older but backed") < by_backing.index("Newer, not backed")
    by_age = asks_section(client.get("/boroughs/lambeth/?asks=new"))
    assert by_age.index("Newer, not backed") < by_age.index("Older but backed")
    assert "no answer yet" in by_age


def test_what_changed_counts_from_the_data(resident, moderator, client):
    council = organisation()
    officer = staff_of(council)
    answered, _unanswered = ask(owner=resident), ask(owner=resident)
    actions.publish(
        actions.give_answer(answered, council, author=officer, status=Status.MADE, body="Done."), by=moderator
    )
    page = client.get(reverse("what_changed")).content.decode()
    assert "50%" in page and "Northbank Borough Council" in page and "Lambeth" in page
    assert "<script" not in page


def test_the_answer_form_and_staff_list_are_kept_by_no_cache(resident):
    council = organisation()
    lead = staff_of(council, is_lead=True)
    the_ask = ask(owner=resident)
    client = signed_in_client(lead)
    for url in (reverse("answer_ask", args=[the_ask.pk]), reverse("organisation_staff", args=[council.slug])):
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}, url
