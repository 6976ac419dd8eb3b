"""Every attack string through every circle input: at the form one by one (words kept, markup gone,
or a kind refusal that shows back what was typed), then in batches over HTTP, read back on the
circle's pages, the requests page and the moderator's inbox and decision pages."""

import pytest
from django.urls import reverse

from circle.forms import (
    AcceptForm,
    DecideForm,
    DiscussionForm,
    ListingForm,
    PeerSupporterForm,
    ReplyForm,
    TalkRequestForm,
)
from circle.models import Discussion, Reply, Status, TalkRequest
from tests.conftest import signed_in_client
from tests.security.corpora import batches, xss_payloads
from tests.security.markup import executable_markup
from tests.security.test_corpus_forms import run_form

from .helpers import discussion, listing

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def payloads():
    return xss_payloads()


def test_every_text_input_keeps_words_and_drops_markup_for_every_payload(payloads):
    failures = run_form(
        DiscussionForm, lambda t: {"title": t, "body": t}, {"title": "plain", "body": "plain"}, payloads
    )
    failures += run_form(ReplyForm, lambda t: {"body": t}, {"body": "plain"}, payloads)
    failures += run_form(
        TalkRequestForm,
        lambda t: {"message": t, "route": "direct", "contact": t},
        {"message": "plain", "contact": "plain"},
        payloads,
    )
    failures += run_form(AcceptForm, lambda t: {"contact": t}, {"contact": "plain"}, payloads)
    failures += run_form(DecideForm, lambda t: {"decision": "no", "note": t}, {"note": "plain"}, payloads)
    assert not failures, "\n".join(failures[:30])


def test_the_peer_supporter_training_note_keeps_words_and_drops_markup_for_every_payload(payloads, resident):
    """The admin's grant form: the moderator's note on where the supporter trained."""
    failures = run_form(PeerSupporterForm, lambda t: {"email": resident.email, "note": t}, {"note": "plain"}, payloads)
    assert not failures, "\n".join(failures[:30])


def test_the_choices_refuse_anything_not_offered(payloads, tree):
    for _, _, typed in payloads[:200]:
        form = ListingForm(data={"findable": "on", "borough": typed, "loss": typed})
        assert not form.is_valid() or (form.cleaned_data["borough"] is None and typed.strip() == "")
        form = TalkRequestForm(data={"message": "Hello", "route": typed, "contact": "a@example.org"})
        assert not form.is_valid() and form.errors["route"]


def _inert(client, path, baseline=()):
    """No executable markup, beyond what the same page shows for harmless words (the admin's own scripts)."""
    html = client.get(path).content.decode()
    problems = set(executable_markup(html, allow_site_chrome=True)) - set(baseline)
    assert not problems, f"{path}: {sorted(problems)[:5]}"


def _markup(client, path):
    return executable_markup(client.get(path).content.decode(), allow_site_chrome=True)


def test_payloads_over_http_are_inert_everywhere_they_are_shown(payloads, family, other_family, moderator, settings):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = settings.COMMENT_RATE_LIMIT_PER_DAY = 10_000
    settings.CIRCLE_TALK_REQUESTS_PER_DAY = 10_000
    writer, reader, staff = signed_in_client(family), signed_in_client(other_family), signed_in_client(moderator)
    texts = [text for _, _, text in payloads]
    open_discussion = discussion(other_family, title="Open for replies")
    harmless = {
        "circle_decide_discussion": discussion(family, title="Harmless", status=Status.WAITING).pk,
        "circle_decide_reply": Reply.objects.create(discussion=open_discussion, author=family, body="Harmless").pk,
        "circle_decide_request": TalkRequest.objects.create(
            sender=family,
            recipient=other_family,
            message="Harmless",
            status=TalkRequest.WITH_MODERATOR,
            sender_contact="harmless@example.org",
        ).pk,
    }
    tabs = ("circle_discussions", "circle_replies", "circle_requests")
    inboxes = {tab: reverse("moderation_inbox") + f"?tab={tab}" for tab in tabs}
    baseline = {path: _markup(staff, path) for path in inboxes.values()}
    baseline |= {name: _markup(staff, reverse(name, args=[pk])) for name, pk in harmless.items()}
    for i, batch in enumerate(batches(texts, 2900)):
        joined = " ¦ ".join(batch)
        response = writer.post(reverse("circle_start"), {"title": f"Batch {i} " + joined[:100], "body": joined})
        assert response.status_code == 302, response.content.decode()[:2000]
        response = writer.post(reverse("circle_reply", args=[open_discussion.pk]), {"body": joined})
        assert response.status_code == 302, response.content.decode()[:2000]
    for i, batch in enumerate(batches(texts, 950)):
        target = listing(type(family).objects.create(email=f"target{i}@example.org"))
        target.user.profile.is_family, target.user.profile.display_name = True, f"Target {i}"
        target.user.profile.save()
        response = writer.post(
            reverse("circle_ask", args=[target.pk]),
            {"message": " ¦ ".join(batch), "route": "moderator", "contact": f"Contact {i} " + batch[0][:150]},
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    for path in inboxes.values():
        _inert(staff, path, baseline[path])
    waiting = {
        "circle_decide_discussion": Discussion.objects.filter(status=Status.WAITING),
        "circle_decide_reply": Reply.objects.filter(status=Status.WAITING),
        "circle_decide_request": TalkRequest.objects.all(),
    }
    for name, rows in waiting.items():
        for row in rows:
            _inert(staff, reverse(name, args=[row.pk]), baseline[name])

    Discussion.objects.update(status=Status.PUBLISHED)
    Reply.objects.update(status=Status.PUBLISHED)
    TalkRequest.objects.update(status=TalkRequest.ACCEPTED, recipient_contact="<script>alert(1)</script>")
    for path in [reverse("circle_home"), reverse("circle_requests")] + [
        reverse("circle_discussion", args=[d.pk]) for d in Discussion.objects.all()
    ]:
        _inert(writer, path)
        _inert(reader, path)
