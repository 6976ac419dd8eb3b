"""Every attack string through every text input's form and sanitiser (no HTTP: that is test_corpus_pages).

For each payload and input the outcome is one of two, and both are checked:
- accepted: what is stored is inert where the templates put it, keeps every character typed
  outside markup, and adds nothing;
- refused (too long, or nothing but markup): a message says why, and the form shows the
  typed text again, escaped, so nothing is lost.
"""

import re

import pytest
from django.utils.html import escape

from accounts.forms import FamilyRoleRequestForm, SignupExtraForm
from boroughs.models import Borough
from core.sanitise import STORY_TAGS, plain_text
from stories.forms import MemorialForm, TestimonyForm

from .markup import elements, executable_markup, invented_text, lost_text, text_outside_tags, text_without_any_markup

TAG_LIKE = re.compile(r"<[a-zA-Z!/?]")


def check_plain(typed, stored):
    """A short field: stored as text (templates escape it), markup gone, words kept."""
    problems = []
    if TAG_LIKE.search(stored):
        problems.append(f"tag-like text left in {stored!r}")
    problems += executable_markup(escape(stored), allow_site_chrome=False)
    problems += [lost_text(text_without_any_markup(typed), stored), invented_text(typed, stored)]
    return [p for p in problems if p]


def check_story_html(typed, stored):
    """Story text: stored as HTML (rendered as is), so only the allow-list may remain."""
    problems = executable_markup(stored, allow_site_chrome=False)
    tags = {m.lower() for m in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", stored)}
    if tags - STORY_TAGS:
        problems.append(f"tags outside the allow-list: {sorted(tags - STORY_TAGS)}")
    for link in elements(stored, "a"):
        # Relative links are allowed (bleach keeps them); script URLs are caught by executable_markup.
        if link.get("rel") != "nofollow ugc noopener":
            problems.append(f"link without rel=nofollow: {dict(link.attrib)}")
    shown = text_outside_tags(stored)
    problems += [lost_text(text_outside_tags(typed), shown), invented_text(typed, shown)]
    return [p for p in problems if p]


def check_refused(form, field, typed):
    """A refused value: a message, and the typed text shown again in the field (escaped)."""
    problems = []
    if not all(str(message).strip() for message in form.errors[field]):
        problems.append(f"empty error message for {field}")
    widget = str(form[field])
    problems += executable_markup(widget, allow_site_chrome=False)
    controls = elements(widget, "input") + elements(widget, "textarea")
    shown = controls[0].get("value") if controls[0].tag == "input" else "".join(controls[0].itertext())
    problems.append(lost_text(typed.strip(), shown or ""))
    return [p for p in problems if p]


def run_form(form_class, data_for, fields, payloads, **form_kwargs):
    failures = []
    for source, index, typed in payloads:
        form = form_class(data=data_for(typed), **form_kwargs)
        form.is_valid()
        for field, kind in fields.items():
            if field in form.errors:
                problems = check_refused(form, field, typed)
            elif kind == "story":
                problems = check_story_html(typed, form.cleaned_data[field])
            else:
                problems = check_plain(typed, form.cleaned_data[field])
            failures += [f"{source}[{index}] {field}: {p}" for p in problems]
    return failures


@pytest.fixture
def borough_pk(db):
    return Borough.objects.get(slug="hackney").pk


def test_memorial_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, borough_pk):
    def data_for(typed):
        return {
            "person_name": typed,
            "content_note": typed,
            "photo_alt": typed,
            "body": typed,
            "borough": borough_pk,
            "comment_policy": "open",
        }

    fields = {"person_name": "plain", "content_note": "plain", "photo_alt": "plain", "body": "story"}
    failures = run_form(MemorialForm, data_for, fields, xss_payloads)
    assert not failures, "\n".join(failures[:30])


def test_testimony_form_keeps_words_and_drops_markup_for_every_payload(xss_payloads, borough_pk):
    def data_for(typed):
        return {"title": typed, "content_note": "", "body": typed, "borough": borough_pk, "comment_policy": "open"}

    failures = run_form(TestimonyForm, data_for, {"title": "plain", "body": "story"}, xss_payloads)
    assert not failures, "\n".join(failures[:30])


def test_sign_up_display_name_keeps_words_and_drops_markup_for_every_payload(xss_payloads):
    failures = run_form(
        SignupExtraForm, lambda typed: {"display_name": typed}, {"display_name": "plain"}, xss_payloads
    )
    assert not failures, "\n".join(failures[:30])


def test_family_role_request_and_profile_keep_words_and_drop_markup_for_every_payload(xss_payloads, resident):
    """The request message form does not clean; `Profile.save` does, whatever path wrote the value."""
    profile = resident.profile
    failures = []
    for source, index, typed in xss_payloads:
        form = FamilyRoleRequestForm(data={"message": typed})
        if not form.is_valid():
            failures += [f"{source}[{index}] message: {p}" for p in check_refused(form, "message", typed)]
            continue
        profile.request_family_role(form.cleaned_data["message"])
        profile.display_name = typed
        profile.save()
        profile.refresh_from_db()
        problems = check_plain(form.cleaned_data["message"], profile.family_role_request)
        if len(typed) <= 60:  # longer names are refused by every form that sets one (60 characters)
            problems += check_plain(typed, profile.display_name)
        else:
            problems += executable_markup(escape(profile.display_name), allow_site_chrome=False)
            if not plain_text(typed).startswith(profile.display_name):
                problems.append(f"display name {profile.display_name!r} is not the start of the typed text")
        failures += [f"{source}[{index}]: {p}" for p in problems]
    assert not failures, "\n".join(failures[:30])
