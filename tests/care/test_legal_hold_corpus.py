"""The attack corpora through the legal hold's inputs (reason, other names, note): inert where
shown (the hold's page, the inbox beside a discussion naming it), the words kept."""

import pytest
from django.test import Client

from care.models import LegalHold
from tests.factories import MemorialPageFactory, ModeratorFactory
from tests.moderation.test_inbox import submitted_thread
from tests.security import corpora
from tests.security.markup import executable_markup, lost_text, text_without_any_markup

SEPARATOR = " ¦ "


@pytest.fixture
def staff(tree):
    client = Client()
    client.force_login(ModeratorFactory())
    return client


def test_the_corpora_through_the_reason_names_and_note(staff, resident):
    texts = [text for _, _, text in corpora.xss_payloads()]
    failures = []
    empty = MemorialPageFactory(title="Baseline Person")
    page_baseline = set(executable_markup(staff.get(f"/admin/legal-holds/page/{empty.pk}/").content.decode()))
    inbox_baseline = set(executable_markup(staff.get("/admin/inbox/?tab=pages").content.decode()))
    for n, batch in enumerate(corpora.batches(texts, 290, SEPARATOR)):
        story = MemorialPageFactory(title=f"Corpus Person {n}")
        url = f"/admin/legal-holds/page/{story.pk}/"
        typed = SEPARATOR.join(["Batch", *batch])[:300]
        names = "\n".join(["Corpus Person", *batch])[:1000]
        response = staff.post(url, {"stage": "arrest", "reason": typed, "watch_names": names, "note": typed})
        assert response.status_code == 302, response.content[:400]
        hold = LegalHold.objects.active().get(page=story)
        failures.append(lost_text(text_without_any_markup(typed), hold.reason))
        failures.append(lost_text(text_without_any_markup(typed), hold.note))
        failures += sorted(set(executable_markup(staff.get(url).content.decode())) - page_baseline)
    submitted_thread(resident, title="Thinking of Corpus Person 0")
    failures += sorted(set(executable_markup(staff.get("/admin/inbox/?tab=pages").content.decode())) - inbox_baseline)
    failures = [failure for failure in failures if failure]
    assert not failures, failures[:5]


def test_the_corpora_through_a_take_down_reason(staff, family, mailoutbox):
    """The reason a moderator gives for taking a story down reaches the audit log and the family's e-mail whole."""
    from wagtail.models import PageLogEntry

    texts = [text for _, _, text in corpora.xss_payloads()]
    failures = []
    for n, batch in enumerate(corpora.batches(texts, 990, SEPARATOR)):
        story = MemorialPageFactory(title=f"Taken Person {n}", owner=family)
        typed = SEPARATOR.join(["Batch", *batch])
        response = staff.post(f"/admin/stories/{story.pk}/take-down/", {"reason": typed})
        assert response.status_code == 302, response.content[:400]
        entry = PageLogEntry.objects.get(page=story, action="moderation.story_taken_down")
        failures.append(lost_text(text_without_any_markup(typed), entry.data["reason"]))
        failures.append(lost_text(text_without_any_markup(typed), mailoutbox[-1].body))
    failures = [failure for failure in failures if failure]
    assert not failures, failures[:5]
