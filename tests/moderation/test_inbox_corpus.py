"""Every attack string through the inbox's text fields: a moderator's own rejection reason, a story's
send-back note, and the ready-made rejection reasons (title and text), as in tests/security/test_corpus_*.py.

Form by form, payload by payload; then over HTTP in batches, read back where they are shown (the
inbox's reason pickers, the reject page): no executable markup added to the admin's own, and every
character typed outside markup kept.
"""

import pytest
from django.urls import reverse

from moderation.forms import InboxRejectForm
from moderation.inbox_views import SendBackForm
from moderation.models import CommentReview, CommentState, RejectionReason
from tests.security import corpora
from tests.security.markup import executable_markup, lost_text, text_outside_tags, text_without_any_markup
from tests.security.test_corpus_forms import check_plain, run_form
from tests.security.test_corpus_pages import field_batches, joined

from .helpers import make_comment


@pytest.fixture(scope="module")
def xss_payloads():
    return corpora.xss_payloads()


@pytest.fixture
def texts(xss_payloads):
    return [text for _, _, text in xss_payloads]


def test_own_rejection_reason_keeps_words_and_drops_markup_for_every_payload(xss_payloads):
    failures = run_form(
        InboxRejectForm,
        lambda typed: {"choice": "own", "reason": typed},
        {"reason": "plain"},
        xss_payloads,
        reasons=[],
    )
    assert not failures, "\n".join(failures[:30])


def test_send_back_note_keeps_words_and_drops_markup_for_every_payload(xss_payloads):
    failures = run_form(SendBackForm, lambda typed: {"comment": typed}, {"comment": "plain"}, xss_payloads)
    assert not failures, "\n".join(failures[:30])


def test_rejection_reason_model_keeps_words_and_drops_markup_for_every_payload(xss_payloads, db):
    failures = []
    for source, index, typed in xss_payloads:
        reason = RejectionReason(title=typed[:80] or "x", text=typed[:1000] or "x")
        reason.save()
        reason.refresh_from_db()
        problems = check_plain(typed[:1000] or "x", reason.text)
        failures += [f"{source}[{index}] text: {p}" for p in problems]
        reason.delete()
    assert not failures, "\n".join(failures[:30])


def test_own_reasons_over_http_reach_the_review_as_plain_text(story, resident, moderator_client, texts):
    failures = []
    for typed in [joined(batch) for batch in field_batches(texts, 1000)]:
        review = CommentReview.objects.get(comment=make_comment(story, resident, "Held", state=CommentState.HELD))
        url = reverse("moderation_reject", args=[review.pk])
        response = moderator_client.post(url, {"choice": "own", "reason": typed})
        assert response.status_code == 302, response.status_code
        review.refresh_from_db()
        assert review.state == CommentState.REJECTED
        failures += check_plain(typed, review.rejection_reason)
    assert not failures, "\n".join(failures[:20])


def test_rejection_reasons_over_http_through_the_admin_and_in_the_inbox(story, resident, moderator_client, texts):
    """A reason per batch (title and text), added in the admin, then shown in the inbox's pickers and the
    reject page, which must gain no executable markup."""
    review = CommentReview.objects.get(comment=make_comment(story, resident, "Held", state=CommentState.HELD))
    inbox_url, reject_url = reverse("moderation_inbox"), reverse("moderation_reject", args=[review.pk])
    baselines = {
        url: set(executable_markup(moderator_client.get(url).content.decode())) for url in (inbox_url, reject_url)
    }
    titles = [joined(batch) for batch in field_batches(texts, 80)]
    bodies = [joined(batch) for batch in field_batches(texts, 1000)]
    typed = [
        (f"{number} {titles[number % len(titles)]}"[:80], bodies[number % len(bodies)])
        for number in range(max(len(titles), len(bodies)))
    ]
    for title, text in typed:
        response = moderator_client.post(
            reverse("rejection_reasons:add"), {"title": title, "text": text, "is_active": "on", "sort_order": 1}
        )
        assert response.status_code == 302, (title, text)
    stored = list(RejectionReason.objects.filter(sort_order=1).order_by("pk").values_list("title", "text"))
    failures = []
    for (typed_title, typed_text), (title, text) in zip(typed, stored, strict=True):
        failures += check_plain(typed_title, title) + check_plain(typed_text, text)
    shown = {}
    for url in (inbox_url, reject_url):
        html = moderator_client.get(url).content.decode()
        extra = set(executable_markup(html)) - baselines[url]
        if extra:
            failures.append(f"{url}: new executable markup {extra}")
        shown[url] = text_outside_tags(html)
    for title, text in stored:
        failures.append(lost_text(text_without_any_markup(title), shown[inbox_url]))
        failures.append(lost_text(text_without_any_markup(text), shown[reject_url]))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:20])
