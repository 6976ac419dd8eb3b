"""Every attack string through the conversation inputs and the support directory's admin form.

Responses (and replies), a discussion's title, content note and opening post, a report's words,
and a support service's name, description and opening hours. As in test_corpus_forms, each
payload goes through the form one by one; as in test_corpus_pages, they also travel the whole
way over HTTP in batches (as many as a field holds per request), and every page they are shown
on is parsed as a browser would: no executable markup, and every character typed outside markup
still shown.
"""

import re
from itertools import zip_longest

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from boroughs.forms import ThreadForm
from boroughs.models import BoroughPage, ThreadPage
from core.comment_text import clean_comment_text
from core.templatetags.core_tags import comment_html
from moderation.forms import CommentForm, FlagForm
from moderation.models import CommentFlagReport, ModerationSettings
from support.models import SupportCategory, SupportService
from tests.factories import TestimonyPageFactory, UserFactory
from tests.moderation.helpers import form_data, make_comment, trust

from .corpora import batches
from .markup import _parse, elements, executable_markup, lost_text, text_outside_tags, text_without_any_markup
from .test_corpus_forms import check_plain, check_refused, run_form
from .test_corpus_pages import field_batches, joined


def check_comment(typed, stored):
    """Stored as plain text (line by line); shown through `comment_html`, which adds links."""
    shown_html = comment_html(stored)
    problems = check_plain(typed, stored) + executable_markup(shown_html, allow_site_chrome=False)
    problems.append(lost_text(text_without_any_markup(typed), text_outside_tags(shown_html)))
    return [p for p in problems if p]


def text_in(html, element_id, css_class):
    """The text of the first element with `css_class` inside the element with `element_id`."""
    for element in _parse(html).iter():
        if isinstance(element.tag, str) and element.get("id") == element_id:
            for inner in element.iter():
                if isinstance(inner.tag, str) and css_class in inner.get("class", "").split():
                    return "".join(inner.itertext())
    raise AssertionError(f"no .{css_class} inside #{element_id}")


@pytest.fixture
def texts(xss_payloads):
    return [text for _, _, text in xss_payloads]


@pytest.fixture
def story(family):
    return TestimonyPageFactory(owner=family, title="Remembering Ade")


# ---- One payload at a time, at the form ------------------------------------------------------------


def test_comment_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, story):
    security = form_data(story)
    failures = []
    for source, index, typed in xss_payloads:
        form = CommentForm(story, data={**security, "comment": typed})
        if not form.is_valid() and "comment" in form.errors:
            failures += [f"{source}[{index}]: {p}" for p in check_refused(form, "comment", typed)]
            continue
        assert form.is_valid(), form.errors
        failures += [f"{source}[{index}]: {p}" for p in check_comment(typed, form.cleaned_data["comment"])]
    assert not failures, "\n".join(failures[:30])


def test_discussion_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, tree):
    def data_for(typed):
        return {"title": typed, "content_note": typed, "body": typed}

    fields = {"title": "plain", "content_note": "plain", "body": "plain"}
    failures = run_form(ThreadForm, data_for, fields, xss_payloads)
    assert not failures, "\n".join(failures[:30])


def test_report_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, db):
    failures = run_form(
        FlagForm, lambda typed: {"reason": "other", "detail": typed}, {"detail": "plain"}, xss_payloads
    )
    assert not failures, "\n".join(failures[:30])


def test_support_service_fields_keep_words_and_drop_markup_for_every_payload(xss_payloads, db):
    """`SupportService.clean` and `save` strip markup whatever path wrote the value (admin or code)."""
    failures = []
    for source, index, typed in xss_payloads:
        service = SupportService(name=typed[:120], summary=typed[:600], opening_hours=typed[:200])
        service.clean()
        for field, limit in (("name", 120), ("summary", 600), ("opening_hours", 200)):
            problems = check_plain(typed[:limit], getattr(service, field))
            failures += [f"{source}[{index}] {field}: {p}" for p in problems if p]
    assert not failures, "\n".join(failures[:30])


# ---- Over HTTP, in batches -------------------------------------------------------------------------


def test_responses_and_replies_over_http(resident_client, resident, other_resident, story, texts):
    """Each batch is posted as a response or, every other time, a reply; the author then reads it
    on the page the redirect leads to (held ones included: an author sees their own)."""
    trust(resident, story)
    parent = make_comment(story, other_resident, "A kind word.")
    failures, posted = [], 0
    for i, batch in enumerate(field_batches(texts, 3000)):
        cache.clear()  # the payloads are not an attack on the rate limits
        typed = joined(batch)
        data = form_data(story, text=typed, reply_to=parent.pk if i % 2 else 0)
        response = resident_client.post(reverse("comments-post-comment"), data)
        assert response.status_code == 302, response.content[:500]
        pk = response["Location"].rsplit("#c", 1)[1]
        html = resident_client.get(response["Location"]).content.decode()
        problems = executable_markup(html)
        problems.append(lost_text(text_without_any_markup(typed), text_in(html, f"c{pk}", "comment__text")))
        failures += [f"batch {i}: {p}" for p in problems if p]
        posted += 1
    assert posted >= 10
    assert not failures, "\n".join(failures[:20])


def test_refused_responses_come_back_in_the_form_inert_and_whole(resident_client, story, xss_payloads):
    """Too long (over 3,000 characters) or nothing but markup: refused, the words shown again, escaped."""
    refused = [t for _, _, t in xss_payloads if len(t) > 3000 or not clean_comment_text(t)]
    assert refused
    failures = []
    for typed in refused:
        cache.clear()
        response = resident_client.post(reverse("comments-post-comment"), form_data(story, text=typed))
        html = response.content.decode()
        problems = executable_markup(html)
        if response.status_code != 400:
            problems.append(f"not refused ({response.status_code})")
        (box,) = [e for e in elements(html, "textarea") if e.get("name") == "comment"]
        problems.append(lost_text(typed.strip(), "".join(box.itertext())))
        failures += [f"{typed[:40]!r}: {p}" for p in problems if p]
    assert not failures, "\n".join(failures[:20])


def test_discussion_title_note_and_opening_post_over_http(resident_client, resident, moderator_client, texts):
    """Started from the borough page, then edited batch by batch; each version is read as the
    moderator reads it before approving (the admin's preview of the latest revision, the real template)."""
    borough = BoroughPage.objects.get(slug="lambeth")
    columns = zip_longest(
        field_batches(texts, 120), field_batches(texts, 200), batches(texts, 5000, "\n\n"), fillvalue=["Words"]
    )
    thread, failures, requests = None, [], 0
    for title, note, body in columns:
        cache.clear()
        data = {"title": joined(title), "content_note": joined(note), "body": "\n\n".join(body)}
        if thread is None:
            response = resident_client.post(reverse("start_thread", args=[borough.slug]), data)
            thread = ThreadPage.objects.get()
        else:
            response = resident_client.post(reverse("edit_thread", args=[thread.pk]), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        html = without_userbar(moderator_client.get(f"/admin/pages/{thread.pk}/view_draft/").content.decode())
        requests += 2
        problems = executable_markup(html)
        problems.append(
            lost_text(text_without_any_markup(data["title"]), "".join(_parse(html).find(".//h1").itertext()))
        )
        problems.append(lost_text(text_without_any_markup(data["content_note"]), html_text(html, "content-note")))
        problems.append(lost_text(text_without_any_markup(data["body"]), html_text(html, "thread-body")))
        failures += [f"version {requests // 2}: {p}" for p in problems if p]
    assert requests > 100
    assert not failures, "\n".join(failures[:20])


USERBAR = re.compile(r"<!-- Wagtail user bar embed code -->.*<!-- end Wagtail user bar embed code -->", re.S)


def without_userbar(html):
    """Wagtail's own toolbar for staff (its icons are <svg>, its code <script>): not the member's words."""
    stripped, found = USERBAR.subn("", html)
    assert found == 1, "the userbar markers moved: update USERBAR"
    return stripped


def html_text(html, css_class):
    for element in _parse(html).iter():
        if isinstance(element.tag, str) and css_class in element.get("class", "").split():
            return "".join(element.itertext())
    raise AssertionError(f"no .{css_class} in the page")


# One member sends every batch: far beyond the report limit (core/ratelimit.py), which is not under test here.
@override_settings(REPORT_RATE_LIMIT=10_000)
def test_report_words_over_http_and_in_the_moderation_queue(
    resident_client, other_resident, moderator_client, story, texts
):
    """A report per batch (each on its own comment: one report per member per comment), then the
    moderator's "Reported" tab, where the words are shown."""
    settings = ModerationSettings.load()
    settings.flags_to_hide = 10
    settings.save()
    baseline = executable_markup(
        moderator_client.get(reverse("moderation_queue"), {"tab": "flagged"}).content.decode()
    )
    typed_batches = [joined(batch) for batch in field_batches(texts, 500)]
    for i, typed in enumerate(typed_batches):
        comment = make_comment(story, other_resident, f"Comment {i}")
        response = resident_client.post(
            reverse("comment_flag", args=[comment.pk]), {"reason": "other", "detail": typed}
        )
        assert response.status_code == 302
    stored = list(CommentFlagReport.objects.order_by("pk").values_list("detail", flat=True))
    assert len(stored) == len(typed_batches)
    failures = [lost_text(text_without_any_markup(t), s) for t, s in zip(typed_batches, stored, strict=True)]
    shown = ""
    for number in (1, 2, 3):
        html = moderator_client.get(reverse("moderation_queue"), {"tab": "flagged", "p": number}).content.decode()
        extra = set(executable_markup(html)) - set(baseline)
        if extra:
            failures.append(f"queue page {number}: new executable markup {extra}")
        shown += text_outside_tags(html)
    failures += [lost_text(s, shown) if s not in shown and escape(s) not in shown else "" for s in stored]
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:20])


@pytest.fixture
def admin_client(tree):
    from tests.conftest import signed_in_client

    return signed_in_client(UserFactory(is_superuser=True, is_staff=True))


def test_support_services_over_http_through_the_admin(admin_client, resident_client, texts):
    """A service per batch, added in the Wagtail admin's snippet form, then the directory and a
    borough's "Support near you" panel read by a member."""
    category = SupportCategory.objects.first()
    borough = BoroughPage.objects.get(slug="hackney")
    add_url = reverse("wagtailsnippets_support_supportservice:add")
    columns = list(
        zip_longest(
            field_batches(texts, 120), field_batches(texts, 600), field_batches(texts, 200), fillvalue=["Hours"]
        )
    )
    existing = set(SupportService.objects.values_list("pk", flat=True))
    typed = []
    for name, summary, hours in columns:
        data = {
            "name": joined(name),
            "summary": joined(summary),
            "opening_hours": joined(hours),
            "phone": "",
            "web_address": "",
            "categories": [category.pk],
            "boroughs": [borough.borough.pk],
            "position": 100,
        }
        response = admin_client.post(add_url, data)
        assert response.status_code == 302, response.content[-2000:]
        typed.append(data)
    created = list(SupportService.objects.exclude(pk__in=existing).order_by("pk").values_list("pk", flat=True))
    assert len(created) == len(columns)
    directory = resident_client.get(reverse("support"), {"borough": "hackney"}).content.decode()
    failures = executable_markup(directory)
    articles = {
        element.get("aria-labelledby"): "".join(element.itertext())
        for element in elements(directory, "article")
        if "service" in element.get("class", "").split()
    }
    for pk, data in zip(created, typed, strict=True):
        shown = articles.get(f"service-{pk}")
        if shown is None:
            failures.append(f"service {pk} is not in the directory")
            continue
        for field in ("name", "summary", "opening_hours"):
            failures.append(lost_text(text_without_any_markup(data[field]), shown))
    panel = resident_client.get(borough.url).content.decode()
    failures += executable_markup(panel)
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:20])
