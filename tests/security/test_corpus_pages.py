"""Every attack string through the real pages, over HTTP: typed into a form, saved, and shown.

The form layer is checked payload by payload in test_corpus_forms. Here the payloads travel
the whole way (request, form, save, template, response) in batches: each request carries as
many payloads as the field takes, so about 780 strings need a few hundred requests, not
thousands. Every page is parsed as a browser would and must hold no executable markup; the
text each field shows must keep every character typed outside markup.
"""

from itertools import zip_longest

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Profile
from boroughs.models import Borough
from stories.models import MemorialPage, TestimonyPage
from tests.factories import UserFactory

from .corpora import batches
from .markup import element_text, elements, executable_markup, lost_text, text_without_any_markup
from .test_uploads import image_bytes

SEPARATOR = " ¦ "
# Wagtail leaves a rendition's temporary file open (seen in tests/browser too): only that warning.
pytestmark = pytest.mark.filterwarnings("ignore:Unclosed file <tempfile.SpooledTemporaryFile:ResourceWarning")


def joined(batch):
    """One field's value for a batch: a word first, so a batch of pure markup is not refused as empty."""
    return SEPARATOR.join(["Batch", *batch])


def squeeze(text):
    return " ".join(text.split())


def field_batches(texts, limit):
    """Batches that fit a field of `limit` characters once `joined` adds its leading word."""
    return batches(texts, limit - len("Batch" + SEPARATOR), SEPARATOR)


def refused_payloads(payloads, limit):
    return [text for _, _, text in payloads if len(text.strip()) > limit]


@pytest.fixture
def texts(xss_payloads):
    return [text for _, _, text in xss_payloads]


def check_story_page(html, typed_title, typed_note, typed_body, typed_alt=None, heading_prefix=""):
    problems = executable_markup(html)
    (heading,) = elements(html, "h1")
    shown_title = "".join(heading.itertext())
    problems.append(lost_text(text_without_any_markup(typed_title), shown_title))
    if text_without_any_markup(typed_note).strip():
        problems.append(lost_text(text_without_any_markup(typed_note), element_text(html, css_class="content-note")))
    problems.append(lost_text(text_without_any_markup(typed_body), element_text(html, css_class="story-body")))
    if typed_alt is not None:
        (img,) = elements(html, "img")
        problems.append(lost_text(text_without_any_markup(typed_alt), img.get("alt", "")))
    return [p for p in problems if p]


def test_memorial_fields_over_http(family_client, texts, tree):
    """Name, content note, photo description and story text: edited batch by batch, previewed each time."""
    borough = Borough.objects.get(slug="lewisham")
    columns = zip_longest(
        field_batches(texts, 120),
        field_batches(texts, 200),
        field_batches(texts, 250),
        batches(texts, 3000, "\n\n"),
        fillvalue=["Remembered"],
    )
    story, failures, requests = None, [], 0
    for name, note, alt, body in columns:
        data = {
            "person_name": joined(name),
            "content_note": joined(note),
            "photo_alt": joined(alt),
            "body": "\n\n".join(body),
            "borough": borough.pk,
            "comment_policy": "open",
            "action": "preview",
        }
        if story is None:
            data["photo"] = SimpleUploadedFile("sam.jpg", image_bytes("JPEG"), content_type="image/jpeg")
            response = family_client.post(reverse("share_memorial"), data)
            story = MemorialPage.objects.get()
        else:
            response = family_client.post(reverse("edit_story", args=[story.pk]), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        page = family_client.get(response["Location"])
        requests += 2
        problems = check_story_page(
            page.content.decode(), data["person_name"], data["content_note"], data["body"], data["photo_alt"]
        )
        failures += [f"batch {requests // 2}: {p}" for p in problems]
    assert requests > 100  # the whole corpus went through, a batch at a time
    assert not failures, "\n".join(failures[:20])


def test_testimony_title_over_http(family_client, texts, tree):
    borough = Borough.objects.get(slug="lewisham")
    story, failures = None, []
    for title in field_batches(texts, 150):
        data = {
            "title": joined(title),
            "content_note": "",
            "body": "Words.",
            "borough": borough.pk,
            "comment_policy": "open",
            "action": "preview",
        }
        url = reverse("edit_story", args=[story.pk]) if story else reverse("share_testimony")
        response = family_client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        story = story or TestimonyPage.objects.get()
        html = family_client.get(response["Location"]).content.decode()
        failures += check_story_page(html, data["title"], "", "Words.")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize(
    ("url_name", "fields", "limits"),
    [
        ("share_memorial", ["person_name", "content_note", "photo_alt"], [120, 200, 250]),
        ("share_testimony", ["title"], [150]),
    ],
)
def test_refused_payloads_come_back_in_the_form_inert_and_whole(
    family_client, xss_payloads, tree, url_name, fields, limits
):
    """Too long for the field: the form says so and shows exactly what was typed, escaped."""
    borough = Borough.objects.get(slug="lewisham")
    failures = []
    for field, limit in zip(fields, limits, strict=True):
        for typed in refused_payloads(xss_payloads, limit):
            data = {"borough": borough.pk, "body": typed, "comment_policy": "open", "action": "draft", field: typed}
            response = family_client.post(reverse(url_name), data)
            html = response.content.decode()
            problems = executable_markup(html)
            if response.status_code != 200 or field not in response.context["form"].errors:
                problems.append(f"not refused ({response.status_code})")
            (control,) = [e for e in elements(html, "input") if e.get("name") == field]
            problems.append(lost_text(typed.strip(), control.get("value", "")))
            failures += [f"{field} {typed[:40]!r}: {p}" for p in problems if p]
    assert not MemorialPage.objects.exists() and not TestimonyPage.objects.exists()
    assert not failures, "\n".join(failures[:20])


def test_search_box_over_http(client, texts, tree):
    """Payloads as searches, as many as fit the 200-character box per request (longer ones alone)."""
    queries = [" ".join(batch) for batch in batches(texts, 200, " ")] + [t for t in texts if len(t) > 200]
    failures = []
    for typed in queries:
        html = client.get(reverse("search"), {"q": typed}).content.decode()
        problems = executable_markup(html)
        query = squeeze(typed)[:200]  # the view's own normalising: one space between words, 200 at most
        if query:
            (box,) = [e for e in elements(html, "input") if e.get("name") == "q"]
            problems.append(lost_text(query, box.get("value", "")))
        failures += [f"{typed[:60]!r}: {p}" for p in problems if p]
    assert len(queries) > 100
    assert not failures, "\n".join(failures[:20])


def test_family_role_request_over_http_and_in_the_members_admin(resident_client, resident, moderator_client, texts):
    """The request message, a batch per request, then read by a moderator in the Members area."""
    inspect = f"/admin/members/inspect/{resident.profile.pk}/"
    resident.profile.request_family_role("I am his sister.")
    baseline = executable_markup(moderator_client.get(inspect).content.decode())
    failures = []
    for batch in batches(texts, 2000, "\n"):
        typed = "\n".join(batch)
        response = resident_client.post(reverse("request_family_role"), {"message": typed})
        assert response.status_code == 302
        stored = Profile.objects.get(pk=resident.profile.pk).family_role_request
        html = moderator_client.get(inspect).content.decode()
        # The admin has its own scripts: what the member wrote must add nothing to them.
        if executable_markup(html) != baseline:
            failures.append(f"new executable markup: {set(executable_markup(html)) - set(baseline)}")
        failures.append(lost_text(text_without_any_markup(typed), stored))
        failures.append(
            lost_text(stored, squeeze(element_text(html, css_class="w-body") if "w-body" in html else html))
        )
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:20])


def test_display_names_over_http_sign_up_and_in_the_members_admin(client, moderator_client, texts, tree, settings):
    """Display names typed at sign-up, a batch per request, then listed in the Members area.

    A full sign-up costs about 0.1 s, so all batches go through the sign-up form's refusal path
    (passwords that differ: the page shows the name again) and the first 20 through a real sign-up;
    every batch is stored through `Profile.save` (what sign-up calls) and read in the admin list.
    """
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1000/m/ip"}
    failures = []
    for i, batch in enumerate(field_batches(texts, 60)):
        typed = joined(batch)
        data = {
            "email": f"corpus{i}@example.org",
            "password1": "a-long-new-password-73",
            "display_name": typed,
            "age": "18_or_over",
            "agree_to_terms": "on",
        }
        html = client.post("/accounts/signup/", {**data, "password2": "a-different-password-99"}).content.decode()
        failures += executable_markup(html)
        (box,) = [e for e in elements(html, "input") if e.get("name") == "display_name"]
        failures.append(lost_text(typed.strip(), box.get("value", "")))
        if i < 20:
            response = client.post("/accounts/signup/", {**data, "password2": data["password1"]})
            assert response.status_code == 302
            profile = Profile.objects.get(user__email=data["email"])
        else:
            profile = UserFactory().profile
            profile.display_name = typed
            profile.save()
            profile.refresh_from_db()
        failures.append(lost_text(text_without_any_markup(typed), profile.display_name))
    baseline = executable_markup(moderator_client.get("/admin/members/?q=nobody-matches-this").content.decode())
    pages = 0
    while True:
        pages += 1
        response = moderator_client.get("/admin/members/", {"p": pages})
        if response.status_code != 200 or pages > 100:
            break
        extra = set(executable_markup(response.content.decode())) - set(baseline)
        if extra:
            failures.append(f"members page {pages}: {extra}")
    assert pages > 5
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:20])
