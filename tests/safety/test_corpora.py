"""The attack corpora through every new input (report, appeal, complaint, the moderators' decisions)
and the open-redirect payloads through the report form's `next`: inert where shown, words kept."""

import html5lib  # noqa: F401  (the markup helpers parse as a browser does)
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from safety import appeals, targets
from safety.models import Appeal, AppealKind, Complaint, Report
from tests.factories import MemorialPageFactory, ModeratorFactory, SanctionFactory
from tests.security import corpora
from tests.security.markup import elements, executable_markup, lost_text, text_without_any_markup
from tests.security.test_redirects import lands_on

pytestmark = pytest.mark.django_db
SEPARATOR = " ¦ "


@pytest.fixture(scope="module")
def texts():
    return [text for _, _, text in corpora.xss_payloads()]


def joined(batch):
    return SEPARATOR.join(["Batch", *batch])


def field_batches(texts, limit):
    return corpora.batches(texts, limit - len("Batch" + SEPARATOR), SEPARATOR)


@pytest.fixture
def memorial(tree):
    return MemorialPageFactory()


@pytest.fixture
def staff():
    client = Client()
    client.force_login(ModeratorFactory())
    return client


def test_report_detail_and_the_moderators_note(memorial, staff, texts, settings):
    settings.REPORT_RATE_LIMIT = settings.SAFETY_NETWORK_RATE_LIMIT = 10_000
    url = reverse("safety_report", args=["stories.memorialpage", memorial.pk])
    inbox = reverse("moderation_inbox") + "?tab=reports"
    baseline = set(executable_markup(staff.get(inbox).content.decode()))
    failures = []
    for batch in field_batches(texts, 2000):
        typed = joined(batch)
        response = Client().post(url, {"category": "other", "detail": typed, "email": ""})
        assert response.status_code == 302, response.content[:500]
        report = Report.objects.latest("pk")
        failures.append(lost_text(text_without_any_markup(typed), report.detail))
        received = Client().get(response["Location"]).content.decode()
        failures += executable_markup(received)
        new = set(executable_markup(staff.get(inbox).content.decode())) - baseline
        if new:
            failures.append(f"new executable markup in the inbox: {new}")
        decide = reverse("safety_decide_report", args=[report.pk])
        page = staff.get(decide).content.decode()
        if set(executable_markup(page)) - baseline:
            failures.append("new executable markup on the decide page")
        staff.post(decide, {"outcome": "acted", "note": typed})
        report.refresh_from_db()
        failures.append(lost_text(text_without_any_markup(typed), report.outcome_note))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(map(str, failures[:20]))


def test_appeal_reason_and_outcome(tree, staff, texts):
    failures = []
    for batch in field_batches(texts, 3000):
        typed = joined(batch)
        sanction = SanctionFactory()
        path = appeals.appeal_path(AppealKind.SANCTION, sanction.pk)
        response = Client().post(path, {"reason": typed, "email": ""})
        assert response.status_code == 200
        failures += executable_markup(response.content.decode())
        appeal = Appeal.objects.get(object_id=sanction.pk)
        failures.append(lost_text(text_without_any_markup(typed), appeal.reason))
        page = staff.get(reverse("safety_decide_appeal", args=[appeal.pk])).content.decode()
        inbox = staff.get(reverse("moderation_inbox") + "?tab=appeals").content.decode()
        for html in (page, inbox):
            if any("Batch" in m for m in executable_markup(html)):
                failures.append("what was typed became executable")
        staff.post(reverse("safety_decide_appeal", args=[appeal.pk]), {"outcome": "upheld", "reason": typed[:2000]})
        appeal.refresh_from_db()
        failures.append(lost_text(text_without_any_markup(typed[:2000]), appeal.outcome_reason))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(map(str, failures[:20]))


def test_complaint_fields(tree, texts, settings):
    settings.SAFETY_NETWORK_RATE_LIMIT = 10_000
    failures = []
    for about, name in zip(field_batches(texts, 5000), field_batches(texts, 100) * 5, strict=False):
        typed_about, typed_name = joined(about), joined(name)
        response = Client().post(reverse("safety_complaint"), {"about": typed_about, "name": typed_name})
        assert response.status_code == 200
        failures += executable_markup(response.content.decode())
        complaint = Complaint.objects.latest("pk")
        failures.append(lost_text(text_without_any_markup(typed_about), complaint.about))
        failures.append(lost_text(text_without_any_markup(typed_name), complaint.name))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(map(str, failures[:20]))


def test_refused_text_comes_back_whole_and_inert(memorial, texts):
    url = reverse("safety_report", args=["stories.memorialpage", memorial.pk])
    too_long = [t for t in texts if len(t) > 200][:5]
    for text in too_long:
        typed = text * (2001 // len(text) + 1)
        cache.clear()
        response = Client().post(url, {"category": "other", "detail": typed})
        assert response.status_code == 400
        html = response.content.decode()
        assert not executable_markup(html)
        (area,) = elements(html, "textarea")
        assert "".join(area.itertext()).strip() == typed.strip().replace("\r\n", "\n")


def test_report_next_never_leaves_the_site(memorial):
    url = reverse("safety_report", args=["stories.memorialpage", memorial.pk])
    bad = []
    for payload in corpora.redirect_payloads():
        html = Client().get(url, {"next": payload}).content.decode()
        for link in elements(html, "a"):
            if link.text and link.text.startswith("Back without"):
                host, scheme = lands_on(link.get("href"), base=f"http://testserver{url}")
                if host != "testserver":
                    bad.append((payload, link.get("href")))
        for field in elements(html, "input"):
            if field.get("name") == "next":
                host, _ = lands_on(field.get("value"), base=f"http://testserver{url}")
                if host != "testserver":
                    bad.append((payload, field.get("value")))
    assert not bad, bad[:10]
    assert targets.resolve("stories.memorialpage", memorial.pk) is not None
