"""Residents start discussion threads in a borough; moderators approve them through Wagtail's workflow."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowState

from boroughs.models import Borough, BoroughPage, ThreadPage
from moderation.models import CommentState, Sanction, SanctionKind
from tests.conftest import signed_in_client
from tests.factories import ThreadPageFactory
from tests.moderation.helpers import make_comment, post

START = "/boroughs/lambeth/start-a-discussion/"


def workflow_action_url(page, action):
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def start(client, title="Safer routes home", body="Which streets feel safe after dark?"):
    cache.clear()
    return client.post(START, {"title": title, "body": body})


def approved_thread(resident, title="Safer routes home"):
    lambeth = BoroughPage.objects.get(slug="lambeth")
    thread = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Opening", owner=resident, borough=lambeth.borough
    )
    return thread


def test_thread_pages_live_only_under_borough_pages(tree):
    assert ThreadPage.can_create_at(BoroughPage.objects.get(slug="lambeth"))
    assert not ThreadPage.can_create_at(tree.stories)
    assert not ThreadPage.can_create_at(tree.home)


def test_visitor_is_asked_to_sign_in_to_start_a_thread(tree):
    response = Client().get(START)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_resident_starts_a_thread_that_waits_for_moderators(resident, resident_client, mailoutbox):
    response = start(resident_client, "Safer <b>routes</b> home", "Which streets <script>x</script>feel safe?")
    assert response.status_code == 302 and response["Location"] == "/me/discussions/"
    thread = ThreadPage.objects.get()
    assert thread.live is False
    assert thread.owner == resident
    assert thread.title == "Safer routes home"
    assert "<" not in thread.body
    assert thread.get_parent().specific.borough.slug == "lambeth"
    assert thread.borough == Borough.objects.get(slug="lambeth")
    assert thread.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Waiting for review" in resident_client.get("/me/discussions/").content.decode()
    assert "Safer routes home" not in Client().get("/boroughs/lambeth/").content.decode()


def test_empty_thread_form_gets_kind_errors_and_keeps_the_text(resident_client):
    response = start(resident_client, "", "Kept words")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please give your discussion a title." in html
    assert "Kept words</textarea>" in html
    assert not ThreadPage.objects.exists()


def test_banned_resident_cannot_start_a_thread(resident, resident_client):
    Sanction.objects.create(user=resident, kind=SanctionKind.BAN, reason="x")
    response = start(resident_client, "Title", "Kept words")
    assert response.status_code == 403
    assert "Kept words</textarea>" in response.content.decode()
    assert not ThreadPage.objects.exists()


def test_moderator_approval_publishes_and_emails_the_author_with_thread_wording(
    resident, resident_client, moderator_client, mailoutbox
):
    start(resident_client)
    thread = ThreadPage.objects.get()
    mailoutbox.clear()
    moderator_client.post(workflow_action_url(thread, "approve"))
    thread.refresh_from_db()
    assert thread.live is True
    [message] = [m for m in mailoutbox if m.to == [resident.email]]
    assert "the discussion is now open in Lambeth" in message.body
    assert "/me/discussions/" in message.body
    assert "stories page" not in message.body
    assert "Safer routes home" in Client().get("/boroughs/lambeth/").content.decode()


def test_moderator_rejection_tells_the_author_why_and_keeps_their_words(
    resident, resident_client, moderator_client, mailoutbox
):
    start(resident_client)
    thread = ThreadPage.objects.get()
    mailoutbox.clear()
    moderator_client.post(workflow_action_url(thread, "reject"), {"comment": "Please leave out the street name."})
    [message] = [m for m in mailoutbox if m.to == [resident.email]]
    assert "Please leave out the street name." in message.body
    assert "Which streets feel safe after dark?" in message.body
    assert "Changes requested" in resident_client.get("/me/discussions/").content.decode()


def test_resident_cannot_approve_their_own_thread(resident_client):
    start(resident_client)
    thread = ThreadPage.objects.get()
    resident_client.post(workflow_action_url(thread, "approve"))
    thread.refresh_from_db()
    assert thread.live is False


def test_borough_page_lists_threads_most_recently_active_first_with_reply_counts(resident, other_resident):
    older = approved_thread(resident, "Older thread")
    newer = approved_thread(resident, "Newer thread")
    make_comment(older, other_resident, "Reply one")
    make_comment(older, other_resident, "Reply two")
    make_comment(older, other_resident, "Held reply", state=CommentState.HELD)
    html = Client().get("/boroughs/lambeth/").content.decode()
    assert html.index("Older thread") < html.index("Newer thread")  # a reply made it the most recently active
    assert "2 responses" in html
    assert "0 responses" in html
    assert newer.url in html


def test_residents_respond_on_a_thread(resident, other_resident):
    thread = approved_thread(resident)
    client = Client()
    client.force_login(other_resident)
    response = post(client, thread, "Well lit along the high street")
    assert response.status_code == 302
    assert "Well lit along the high street" in client.get(thread.url).content.decode()


def test_closed_thread_refuses_responses(resident, other_resident):
    thread = approved_thread(resident)
    thread.is_closed = True
    thread.save_revision().publish()
    client = Client()
    client.force_login(other_resident)
    assert post(client, thread, "Late").status_code == 403


EDIT = "/me/discussions/{}/edit/"


def test_author_makes_the_requested_change_and_it_goes_back_to_the_moderators(
    resident, resident_client, moderator_client, mailoutbox
):
    start(resident_client, "Safer routes home", "Meet at 12 Acre Lane")
    thread = ThreadPage.objects.get()
    moderator_client.post(workflow_action_url(thread, "reject"), {"comment": "Please leave out the address."})
    [message] = [m for m in mailoutbox if m.to == [resident.email]]
    assert EDIT.format(thread.pk) in message.body

    page = resident_client.get(EDIT.format(thread.pk)).content.decode()
    assert "Please leave out the address." in page
    assert "Meet at 12 Acre Lane</textarea>" in page  # their words, ready to change

    response = resident_client.post(
        EDIT.format(thread.pk), {"title": "Safer routes home", "body": "Meet near the library", "content_notes": []}
    )
    assert response.status_code == 302 and response["Location"] == "/me/discussions/"
    thread.refresh_from_db()
    assert thread.live is False
    assert thread.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Waiting for review" in resident_client.get("/me/discussions/").content.decode()

    moderator_client.post(workflow_action_url(thread, "approve"))
    thread.refresh_from_db()
    assert thread.live and thread.body == "Meet near the library"


def test_a_change_to_a_published_discussion_waits_and_the_published_words_stay(
    resident, resident_client, moderator_client
):
    thread = approved_thread(resident)
    resident_client.post(EDIT.format(thread.pk), {"title": "Safer routes home", "body": "Changed <b>words</b>"})
    thread.refresh_from_db()
    assert thread.live and thread.body == "Opening"  # the published version is untouched
    assert thread.get_latest_revision_as_object().body == "Changed words"  # sanitised, waiting
    assert thread.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_an_invalid_change_keeps_what_was_typed(resident, resident_client):
    thread = approved_thread(resident)
    response = resident_client.post(EDIT.format(thread.pk), {"title": "", "body": "Kept words"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please give your discussion a title." in html and "Kept words</textarea>" in html
    assert thread.revisions.count() == 1


def test_only_the_author_can_change_a_discussion(resident, other_resident, moderator_client):
    thread = approved_thread(resident)
    for client in (signed_in_client(other_resident), moderator_client):
        assert client.get(EDIT.format(thread.pk)).status_code == 404
        assert client.post(EDIT.format(thread.pk), {"title": "Taken", "body": "Over"}).status_code == 404
    assert Client().get(EDIT.format(thread.pk)).status_code == 302  # to sign in
    assert thread.revisions.count() == 1


def test_your_discussions_page_costs_the_same_queries_for_many_threads(resident, resident_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert resident_client.get("/me/discussions/").status_code == 200
        return len(captured)

    start(resident_client, "First", "One")
    few = queries()
    for n in range(4):
        start(resident_client, f"More {n}", "Another")
    assert ThreadPage.objects.count() == 5
    assert queries() == few
