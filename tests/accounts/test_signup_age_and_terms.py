"""Sign-up asks for age (18 or over) and agreement to the terms; the acceptance is recorded with
the terms' version, and someone under 18 is pointed to help with nothing kept (issue 15, items 3 and 8)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.auth_forms import SignupForm
from accounts.forms import GUIDELINES_URL, TERMS_URL
from accounts.models import TermsAcceptance
from home.legal_pages import COMMUNITY_GUIDELINES, TERMS
from tests.factories import PASSWORD
from tests.forms.browser_form import form_data_as_browser_sends
from tests.security.corpora import batches, xss_payloads
from tests.security.markup import elements, executable_markup

User = get_user_model()
SIGNUP = "/accounts/signup/"
TYPED = {"email": "amina@example.org", "display_name": "Amina", "password1": PASSWORD, "password2": PASSWORD}
AGREES = {"age": "18_or_over", "agree_to_terms": "on"}


def nothing_stored():
    return not User.objects.exists() and not EmailAddress.objects.exists() and not TermsAcceptance.objects.exists()


def box_value(html, name):
    (box,) = [e for e in elements(html, "input") if e.get("name") == name]
    return box.get("value", "")


def test_the_page_asks_both_questions_and_says_why(client, tree):
    html = client.get(SIGNUP).content.decode()
    assert "London Listens talks about violent deaths, so members must be 18 or over." in html
    assert "I am 18 or over" in html and "I am under 18" in html
    assert f'href="{TERMS_URL}"' in html and f'href="{GUIDELINES_URL}"' in html
    # Nothing is chosen for them: neither answer, nor the agreement, is ticked in advance.
    assert "checked" not in html


def test_the_links_are_the_legal_pages_slugs():
    assert (f"/{TERMS.slug}/", f"/{COMMUNITY_GUIDELINES.slug}/") == (TERMS_URL, GUIDELINES_URL)


def test_sign_up_with_both_records_the_terms_version(tree, mailoutbox, settings):
    settings.TERMS_VERSION = "2026-12"
    response = Client().post(SIGNUP, {**TYPED, **AGREES})
    assert response.status_code == 302
    user = User.objects.get(email="amina@example.org")
    (acceptance,) = TermsAcceptance.objects.filter(user=user)
    assert acceptance.version == "2026-12" and acceptance.accepted_at
    assert [m.to for m in mailoutbox] == [["amina@example.org"]]


@pytest.mark.parametrize(
    "missing, message",
    [
        ("agree_to_terms", "Please tick this box to join."),
        ("age", "Please tell us whether you are 18 or over."),
    ],
)
def test_missing_either_is_a_kind_error_that_keeps_what_was_typed(tree, mailoutbox, missing, message):
    data = {**TYPED, **AGREES}
    del data[missing]
    response = Client().post(SIGNUP, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert box_value(html, "email") == "amina@example.org"
    assert box_value(html, "display_name") == "Amina"
    # The answer they did give stays chosen.
    sent_again = form_data_as_browser_sends(html, "form.auth-form", page_path=SIGNUP)
    kept = {k: v for k, v in AGREES.items() if k != missing}
    assert all(sent_again.get(k) == [v] for k, v in kept.items())
    assert nothing_stored() and not mailoutbox


@pytest.mark.parametrize("extra", [{}, {"agree_to_terms": "on"}])
def test_under_18_is_shown_where_to_find_help_and_nothing_is_kept(tree, mailoutbox, extra):
    response = Client().post(SIGNUP, {**TYPED, "age": "under_18", **extra})
    html = response.content.decode()
    assert response.status_code == 200
    assert "You need to be 18 or over to join" in html
    assert "Childline" in html and 'href="tel:08001111"' in html and "childline.org.uk" in html
    assert "themix.org.uk" in html
    assert "amina@example.org" not in html  # not even echoed back
    assert not elements(html, "form") or 'name="password1"' not in html
    assert nothing_stored()
    assert not mailoutbox


def test_under_18_with_an_address_already_taken_sends_nothing_either(tree, resident, mailoutbox):
    Client().post(SIGNUP, {**TYPED, "email": resident.email, "age": "under_18", "agree_to_terms": "on"})
    # Only the resident's own agreement, made when they joined (the factory records it).
    assert User.objects.count() == 1 and list(TermsAcceptance.objects.values_list("user", flat=True)) == [resident.pk]
    assert not mailoutbox


def test_the_form_round_trips_as_a_browser_sends_it(tree, mailoutbox):
    client = Client()
    data = form_data_as_browser_sends(client.get(SIGNUP).content.decode(), "form.auth-form", page_path=SIGNUP)
    # Untouched, a browser sends no radio and no checkbox at all.
    assert "age" not in data and "agree_to_terms" not in data
    # Ticked as a browser ticks them: the radio's and the box's own values.
    html = client.get(SIGNUP).content.decode()
    radios = {e.get("value") for e in elements(html, "input") if e.get("name") == "age"}
    assert radios == {"18_or_over", "under_18"}
    (box,) = [e for e in elements(html, "input") if e.get("name") == "agree_to_terms"]
    data.update({k: [v] for k, v in TYPED.items()}, age=["18_or_over"], agree_to_terms=[box.get("value", "on")])
    assert client.post(SIGNUP, data).status_code == 302
    assert TermsAcceptance.objects.filter(user__email="amina@example.org").exists()


def test_every_attack_string_through_the_new_inputs_is_refused_or_harmless(tree, settings):
    """Each payload as the age answer (never a valid one) and as the agreement box's value, through the
    form; then in batches over HTTP, where nothing is stored and nothing executable comes back."""
    failures = []
    for source, index, typed in xss_payloads():
        form = SignupForm(data={**TYPED, "age": typed, "agree_to_terms": typed})
        form.is_valid()
        if "age" not in form.errors or not all(str(m).strip() for m in form.errors["age"]):
            failures.append(f"{source}[{index}] age: not refused with a message")
        failures += [
            f"{source}[{index}] age: {p}" for p in executable_markup(str(form["age"]), allow_site_chrome=False)
        ]
        agreed = form.cleaned_data.get("agree_to_terms")
        if "agree_to_terms" not in form.errors and agreed is not True:
            failures.append(f"{source}[{index}] agree_to_terms: accepted as {agreed!r}")
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1000/m/ip"}
    client = Client()
    texts = [text for _source, _index, text in xss_payloads()]
    baseline = set(executable_markup(client.get(SIGNUP).content.decode()))
    for batch in batches(texts, 2000):
        for field in ("age", "agree_to_terms"):
            data = {**TYPED, **AGREES, field: batch}
            if field == "agree_to_terms":
                data["age"] = "under_18"  # the kind page, whatever the box says
            response = client.post(SIGNUP, data)
            assert response.status_code == 200
            html = response.content.decode()
            extra = set(executable_markup(html)) - baseline
            failures += [f"{field} over HTTP: {p}" for p in extra]
    assert nothing_stored()
    assert not failures, "\n".join(failures[:20])
