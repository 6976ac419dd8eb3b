"""A member's own data: downloading everything we hold, and deleting the account (`/me/data/`, `/me/delete/`)."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, WorkflowState

from accounts.deletion import ACCOUNT_DELETED, DATA_EXPORTED, DELETED_LABEL
from accounts.models import Profile
from boroughs.member_data import REMOVED_THREAD_BODY
from boroughs.models import Borough, ThreadPage
from care.models import QuietPeriod
from core.workflow import submit_for_review
from moderation.admin_views import tab_queryset
from moderation.models import CommentFlagReport, CommentReview, CommentState, Sanction, SanctionKind
from notifications.models import Follow
from stories.models import Candle, StoryPage
from tests.conftest import signed_in_client
from tests.factories import PASSWORD, MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory, UserFactory
from tests.moderation.helpers import make_comment

User = get_user_model()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts password attempts in the cache: none carried into or out of these tests."""
    cache.clear()
    yield
    cache.clear()


def started_thread(owner, title="Safer streets", body="Which routes feel safe after dark?", live=True):
    return ThreadPageFactory(
        title=title, body=body, owner=owner, borough=Borough.objects.get(slug="lambeth"), live=live
    )


def download(client):
    response = client.post(reverse("my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="london-listens-data-')
    return json.loads(response.content)


@pytest.fixture
def lived_in(family, other_resident):
    """The family member has done one of everything; someone else has too, on the same pages."""
    memorial = MemorialPageFactory(owner=family, title="Kemi Example", body="<p>She loved the river.</p>")
    draft = TestimonyPageFactory(owner=family, live=False, title="The trial", body="<p>Draft words.</p>")
    draft.note_court_case = True
    draft.content_note = "describes the trial"
    draft.save_revision(user=family)
    thread = started_thread(family)
    mine = make_comment(memorial, family, "Thank you all for coming.")
    theirs = make_comment(memorial, other_resident, "She was a light.", parent=mine)
    make_comment(thread, other_resident, "Yes, Brixton Road is well lit.")
    Follow.objects.create(user=family, borough=Borough.objects.get(slug="lambeth"))
    Follow.objects.create(user=family, page=thread)
    Follow.objects.create(user=other_resident, page=memorial)
    Candle.objects.create(user=family, memorial=memorial)
    Candle.objects.create(user=other_resident, memorial=memorial)
    reported = make_comment(thread, other_resident, "Some response.")
    CommentFlagReport.objects.create(user=family, comment=reported, reason="other", detail="It upset me.")
    QuietPeriod.objects.create(
        story=memorial, created_by=family, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=2)
    )
    Sanction.objects.create(user=family, kind=SanctionKind.WARN, reason="Please keep it kind.")
    return type("Lived", (), locals())


# ---- Download your data ---------------------------------------------------------------------------


def test_the_settings_page_links_to_your_data_and_to_deleting_your_account(family_client):
    html = family_client.get(reverse("my_settings")).content.decode()
    assert 'href="/me/data/"' in html and 'href="/me/delete/"' in html


def test_the_data_page_explains_and_a_get_downloads_nothing(family_client):
    response = family_client.get(reverse("my_data"))
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert b"Download your data" in response.content
    assert not ModelLogEntry.objects.filter(action=DATA_EXPORTED).exists()


def test_download_holds_everything_about_the_member(family, family_client, lived_in):
    data = download(family_client)
    account = data["account"]
    assert account["email"] == family.email
    assert account["display_name"] == "Family Fola"
    assert account["family_member"] is True
    assert account["email_addresses"] == [{"address": family.email, "verified": True, "primary": True}]

    stories = {s["title"]: s for s in data["stories"]}
    assert set(stories) == {"Kemi Example", "The trial"}
    assert stories["Kemi Example"]["status"] == "Published"
    assert stories["Kemi Example"]["text"] == "<p>She loved the river.</p>"
    assert stories["Kemi Example"]["borough"] == "Southwark"
    # The newest revision, though it is only a draft.
    assert stories["The trial"]["status"] == "Draft"
    assert stories["The trial"]["content_notes"] == {
        "categories": ["Describes a court case"],
        "your_words": "describes the trial",
    }
    assert [t["title"] for t in data["discussions_started"]] == ["Safer streets"]
    assert data["discussions_started"][0]["text"] == "Which routes feel safe after dark?"

    assert [(r["text"], r["state"]) for r in data["responses"]] == [("Thank you all for coming.", "Published")]
    assert data["responses"][0]["page"]["title"] == "Kemi Example"
    assert sorted(f["what"] for f in data["following"]) == ["borough", "page"]
    assert [c["memorial"]["title"] for c in data["candles"]] == ["Kemi Example"]
    assert [(r["reason"], r["your_words"]) for r in data["reports_you_made"]] == [("Something else", "It upset me.")]
    assert [q["story"] for q in data["quiet_periods"]] == ["Kemi Example"]
    assert [(s["kind"], s["reason"]) for s in data["sanctions"]] == [("Warning", "Please keep it kind.")]
    # Each download is recorded (when, not what), with no name in the log.
    entry = ModelLogEntry.objects.get(action=DATA_EXPORTED)
    assert entry.user_id == family.pk and entry.label == "A member"


def test_download_holds_nothing_about_anyone_else(family_client, other_resident, moderator, lived_in):
    CommentReview.objects.filter(comment=lived_in.mine).update(
        reasons=[{"code": "screening", "label": "Matched the screening phrase 'secret phrase'"}], decided_by=moderator
    )
    text = json.dumps(download(family_client))
    for someone_else in (other_resident.email, "Resident Ravi", moderator.email, "Moderator Mo"):
        assert someone_else not in text
    # Not the words of responses by others (the reply to theirs, the response they reported).
    assert "She was a light." not in text and "Some response." not in text and "Brixton Road" not in text
    # Nor the screening's working notes, nor any secret.
    assert "secret phrase" not in text and "pbkdf2" not in text


def test_the_number_of_queries_does_not_grow_with_what_the_member_did(
    family, family_client, django_assert_max_num_queries
):
    def queries_for_download():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            download(family_client)
        return len(captured)

    memorial = MemorialPageFactory(owner=family)
    make_comment(memorial, family)
    Candle.objects.create(user=family, memorial=memorial)
    few = queries_for_download()
    for n in range(6):
        story = MemorialPageFactory(owner=family) if n % 2 else TestimonyPageFactory(owner=family)
        make_comment(story, family, f"Words {n}")
        Follow.objects.create(user=family, page=story)
        if n % 2:
            Candle.objects.create(user=family, memorial=story)
    many = queries_for_download()
    assert many <= few + 1, f"{few} queries for one of each, {many} for seven"


def test_visitors_are_sent_to_sign_in(tree):
    for name in ("my_data", "delete_account"):
        response = Client().post(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# ---- Delete your account --------------------------------------------------------------------------


def test_the_delete_page_explains_what_happens_and_asks_for_the_password(family_client):
    html = family_client.get(reverse("delete_account")).content.decode()
    assert "What happens when you delete your account" in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html
    assert '<label for="id_password">' in html
    assert "csrfmiddlewaretoken" in html


def test_a_wrong_password_deletes_nothing_and_says_so_kindly(family, family_client, lived_in, mailoutbox):
    before = (StoryPage.objects.count(), XtdComment.objects.count(), Follow.objects.count(), Candle.objects.count())
    response = family_client.post(reverse("delete_account"), {"password": "not my password"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Nothing has been deleted" in html
    assert 'href="#id_password"' in html  # the error summary links to the field
    assert User.objects.filter(pk=family.pk).exists()
    assert before == (
        StoryPage.objects.count(),
        XtdComment.objects.count(),
        Follow.objects.count(),
        Candle.objects.count(),
    )
    assert mailoutbox == []
    assert family_client.get(reverse("my_settings")).status_code == 200  # still signed in


def test_guessing_the_password_is_throttled_like_signing_in(family, family_client):
    """Wrong passwords count towards allauth's sign-in limits (5 in 15 minutes per address):
    after them even the right one is refused for now, and nothing is deleted."""
    for _ in range(5):
        assert family_client.post(reverse("delete_account"), {"password": "a guess"}).status_code == 400
    response = family_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code in (400, 429)
    assert "Too many" in response.content.decode()
    assert User.objects.filter(pk=family.pk).exists()


def test_no_password_deletes_nothing(family, family_client):
    response = family_client.post(reverse("delete_account"), {})
    assert response.status_code == 400
    assert User.objects.filter(pk=family.pk).exists()


def test_a_superuser_cannot_delete_themselves_here(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = signed_in_client(admin)
    response = client.get(reverse("delete_account"))
    assert response.status_code == 403
    assert "administrator account" in response.content.decode()
    response = client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=admin.pk).exists()


def test_deleting_the_account(family, family_client, other_resident, lived_in, mailoutbox):
    memorial, draft, thread = lived_in.memorial, lived_in.draft, lived_in.thread
    story_ids = [memorial.pk, draft.pk]
    email = family.email
    response = family_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account_deleted")
    assert b"has been deleted" in family_client.get(response["Location"]).content

    # The account, its profile, addresses and everything that was only theirs.
    assert not User.objects.filter(pk=family.pk).exists()
    assert not Profile.objects.filter(user_id=family.pk).exists()
    assert not EmailAddress.objects.filter(email=email).exists()
    assert not Follow.objects.filter(user_id=family.pk).exists()
    assert not Candle.objects.filter(user_id=family.pk).exists()
    assert not CommentFlagReport.objects.filter(user_id=family.pk).exists()
    assert not Sanction.objects.filter(user_id=family.pk).exists()

    # Stories: gone, with every revision, workflow, quiet period, candle, follower and response on them.
    assert not Page.objects.filter(pk__in=story_ids).exists()
    assert not Revision.objects.filter(object_id__in=[str(pk) for pk in story_ids]).exists()
    assert not WorkflowState.objects.filter(object_id__in=[str(pk) for pk in story_ids]).exists()
    assert not QuietPeriod.objects.exists()
    assert not Candle.objects.exists()  # the other resident's candle was on the deleted memorial
    assert not Follow.objects.filter(page_id=memorial.pk).exists()
    assert not XtdComment.objects.filter(object_pk=str(memorial.pk)).exists()
    # The audit log keeps what happened, but not the memorial's name or the member's id.
    entries = PageLogEntry.objects.filter(page_id__in=story_ids)
    assert entries.exists() and set(entries.values_list("label", flat=True)) == {DELETED_LABEL}
    assert not PageLogEntry.objects.filter(user_id=family.pk).exists()
    assert not ModelLogEntry.objects.filter(user_id=family.pk).exists()

    # The discussion others had answered stays for them, without the opening post or its author.
    thread = ThreadPage.objects.get(pk=thread.pk)
    assert thread.live and thread.title == "Safer streets"
    assert thread.body == REMOVED_THREAD_BODY and thread.owner_id is None
    for revision in Revision.objects.filter(object_id=str(thread.pk)):
        assert "Which routes feel safe" not in json.dumps(revision.content)
    assert XtdComment.objects.filter(object_pk=str(thread.pk), user=other_resident).count() == 2
    for url in (thread.url, "/boroughs/lambeth/"):
        html = Client().get(url).content.decode()
        assert "started by a former member" in html.lower() and "Family Fola" not in html
    assert "Which routes feel safe" not in Client().get(thread.url).content.decode()

    # One record of the deletion: counts, no name, no address, no actor.
    entry = ModelLogEntry.objects.get(action=ACCOUNT_DELETED)
    assert entry.user_id is None and entry.label == "A member"
    assert entry.data["stories_deleted"] == 2 and entry.data["discussions_kept_for_others"] == 1
    assert email not in json.dumps(list(ModelLogEntry.objects.values("label", "data")))

    # Signed out, and told at the address that is no longer held.
    assert family_client.get(reverse("my_settings")).status_code == 302
    assert [m.to for m in mailoutbox] == [[email]]
    assert "deleted your London Listens account" in mailoutbox[0].body


def test_a_response_with_replies_is_erased_in_place_and_the_replies_stay(family, other_resident, tree):
    story = TestimonyPageFactory(owner=UserFactory())
    mine = make_comment(story, other_resident, "My words that I want gone.")
    reply = make_comment(story, family, "A reply from someone else.", parent=mine)
    alone = make_comment(story, other_resident, "Nobody answered this one.")
    held = make_comment(story, other_resident, "Held words.", state=CommentState.HELD)
    CommentFlagReport.objects.create(user=family, comment=mine, reason="harassment")
    client = signed_in_client(other_resident)
    assert client.post(reverse("delete_account"), {"password": PASSWORD}).status_code == 302

    mine.refresh_from_db()
    assert mine.comment == "" and mine.user_id is None and mine.user_name == "" and mine.user_email == ""
    assert mine.is_removed and mine.is_public
    assert CommentReview.objects.get(comment=mine).reasons[0]["code"] == "removed_by_writer"
    # Nothing left for moderators: its open report is settled, so it is not in the "Reported" tab.
    assert not CommentFlagReport.objects.filter(comment=mine, resolved_at__isnull=True).exists()
    assert not tab_queryset("flagged").filter(comment=mine).exists()
    reply.refresh_from_db()
    assert reply.is_public and not reply.is_removed and reply.parent_id == mine.pk
    assert not XtdComment.objects.filter(pk__in=[alone.pk, held.pk]).exists()


def test_own_replies_under_own_response_go_with_it(resident, tree):
    story = TestimonyPageFactory(owner=UserFactory())
    first = make_comment(story, resident, "First.")
    make_comment(story, resident, "And more.", parent=first)
    signed_in_client(resident).post(reverse("delete_account"), {"password": PASSWORD})
    assert not XtdComment.objects.filter(object_pk=str(story.pk)).exists()


def test_a_discussion_nobody_answered_is_deleted(resident, tree):
    waiting = started_thread(resident, title="Waiting", live=False)
    submit_for_review(waiting, resident)
    live = started_thread(resident, title="Quiet one")
    make_comment(live, resident, "Only me here.")
    signed_in_client(resident).post(reverse("delete_account"), {"password": PASSWORD})
    assert not ThreadPage.objects.filter(pk__in=[waiting.pk, live.pk]).exists()
    assert not XtdComment.objects.filter(object_pk=str(live.pk)).exists()


def test_memorial_photos_are_deleted(family, family_client, tree):
    image = get_image_model().objects.create(
        title="Kemi", file=_tiny_png(), uploaded_by_user=family, description="Kemi smiling"
    )
    MemorialPageFactory(owner=family, photo=image)
    family_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert not get_image_model().objects.filter(pk=image.pk).exists()


def test_a_mail_failure_does_not_undo_or_hide_the_deletion(family, family_client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr("accounts.views.send_mail", broken)
    response = family_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("account_deleted")
    assert not User.objects.filter(pk=family.pk).exists()
    assert "Could not send the account-deleted e-mail" in caplog.text
    assert family.email not in caplog.text


def test_other_sessions_of_the_member_end_too(family, family_client):
    phone = signed_in_client(family)
    family_client.post(reverse("delete_account"), {"password": PASSWORD})
    assert phone.get(reverse("my_settings")).status_code == 302


def _tiny_png():
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return ImageFile(buffer, name="kemi.png")


def test_an_erased_response_reads_removed_at_the_writers_request_and_its_replies_stay(family, other_resident, tree):
    story = TestimonyPageFactory(owner=UserFactory())
    mine = make_comment(story, other_resident, "My words that I want gone.")
    make_comment(story, family, "A reply from someone else.", parent=mine)
    make_comment(story, other_resident, "Nobody answered this one.")
    signed_in_client(other_resident).post(reverse("delete_account"), {"password": PASSWORD})

    for reader in (Client(), signed_in_client(UserFactory())):
        html = reader.get(story.url).content.decode()
        assert "A reply from someone else." in html
        assert "My words that I want gone." not in html and "Nobody answered" not in html
        assert "Resident Ravi" not in html
        erased = html[html.index(f'id="c{mine.pk}"') :].split('class="comment-list', 1)[0]
        assert "Removed at the writer&#x27;s request" in erased or "Removed at the writer's request" in erased
        assert "Reply" not in erased and "Report" not in erased
