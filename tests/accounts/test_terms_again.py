"""A new version of the terms asks members again at their next visit (issue 15, item 3):
accounts/terms.py's middleware and `/me/terms/`."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode
from django_comments_xtd.models import XtdComment

from accounts.models import TermsAcceptance
from tests.factories import PASSWORD, TestimonyPageFactory
from tests.forms.browser_form import form_data_as_browser_sends
from tests.moderation.helpers import form_data
from tests.security.corpora import redirect_payloads
from tests.security.test_redirects import off_site

TERMS = "/me/terms/"
OLD, NEW = "2026-12", "2027-06"


@pytest.fixture
def new_terms(settings, resident):
    """The resident agreed at sign-up (the factory records TERMS_VERSION); then the terms change."""
    settings.TERMS_VERSION = NEW
    TermsAcceptance.objects.filter(user=resident).update(version=OLD)
    return settings


@pytest.fixture
def story(tree, family):
    return TestimonyPageFactory(owner=family, title="For Kemi", slug="for-kemi")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_next_page_visit_asks_and_keeps_where_they_were_going(new_terms, resident, story):
    client = signed_in(resident)
    response = client.get(story.url)
    assert response.status_code == 302
    assert response["Location"] == TERMS + "?" + urlencode({"next": story.url})
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Our terms have changed" in html and 'href="/terms/"' in html
    assert f'name="next" value="{story.url}"' in html


def test_never_a_loop_the_question_and_the_pages_it_points_to_are_not_asked(new_terms, resident, tree):
    client = signed_in(resident)
    for path in (TERMS, "/terms/", "/community-guidelines/", "/accounts/logout/", "/me/data/", "/me/delete/"):
        response = client.get(path)
        assert response.status_code != 302 or not response["Location"].startswith(TERMS), path
    final = client.get("/", follow=True)
    assert final.status_code == 200 and final.redirect_chain[-1][0].startswith(TERMS)
    assert len(final.redirect_chain) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"},
        {"HTTP_SEC_FETCH_MODE": "cors"},
    ],
)
def test_a_script_fetching_data_is_not_sent_to_a_page(new_terms, resident, tree, headers):
    response = signed_in(resident).get("/", **headers)
    assert response.status_code == 200


def test_a_page_opened_by_a_browser_is_asked(new_terms, resident, tree):
    response = signed_in(resident).get("/", HTTP_SEC_FETCH_MODE="navigate", HTTP_ACCEPT="text/html")
    assert response.status_code == 302 and response["Location"].startswith(TERMS)


def test_signed_out_visitors_and_members_on_the_current_terms_are_never_asked(
    settings, resident, tree, story, django_assert_num_queries
):
    assert Client().get(story.url).status_code == 200
    client = signed_in(resident)
    assert client.get(story.url).status_code == 200
    # The version they agreed to is in their session since they signed in: no query to know it.
    from accounts import terms

    request = type("R", (), {"session": dict(client.session.items()), "user": resident})()
    with django_assert_num_queries(0):
        assert not terms.needs_agreement(request)


def test_signing_in_after_the_terms_changed_asks_too(new_terms, resident, tree):
    client = Client()
    assert client.login(email=resident.email, password=PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(TERMS)


def test_a_member_who_never_agreed_is_asked(resident, tree):
    TermsAcceptance.objects.filter(user=resident).delete()
    html = signed_in(resident).get("/", follow=True).content.decode()
    assert "Before you carry on: our terms" in html


def test_posting_before_agreeing_posts_nothing_and_shows_their_words(new_terms, resident, story):
    client = signed_in(resident)
    response = client.post(
        reverse("comments-post-comment"), form_data(story, text="Thinking of Kemi's family today.", next=story.url)
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Nothing has been posted yet" in html and "Thinking of Kemi&#x27;s family today." in html
    assert f'action="{TERMS}"' in html and f'name="next" value="{story.url}"' in html
    assert not XtdComment.objects.exists()


def test_reporting_is_never_blocked(new_terms, resident, story):
    response = signed_in(resident).get(reverse("safety_report", args=["stories.testimonypage", story.pk]))
    assert response.status_code == 200


def test_the_form_round_trip_unticked_is_a_kind_error_then_agreeing_records_and_returns(new_terms, resident, story):
    client = signed_in(resident)
    page = client.get(f"{TERMS}?next={story.url}")
    sent = form_data_as_browser_sends(page.content.decode(), f'form[action="{TERMS}"]', page_path=TERMS)
    assert "agree_to_terms" not in sent  # an unticked box sends nothing
    refused = client.post(TERMS, sent)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Please tick the box to agree and carry on." in html
    assert f'name="next" value="{story.url}"' in html
    assert list(TermsAcceptance.objects.filter(user=resident).values_list("version", flat=True)) == [OLD]

    sent = form_data_as_browser_sends(html, f'form[action="{TERMS}"]', page_path=TERMS)
    agreed = client.post(TERMS, {**sent, "agree_to_terms": "on"})
    assert agreed.status_code == 302 and agreed["Location"] == story.url
    latest = TermsAcceptance.objects.filter(user=resident).first()
    assert latest.version == NEW and latest.accepted_at
    assert client.get(story.url).status_code == 200  # asked once, not again


def test_after_agreeing_the_page_says_so(resident, tree):
    html = signed_in(resident).get(TERMS).content.decode()
    assert "You have agreed to the terms of service in force" in html and "<form" not in html.split("<main")[-1]


def test_open_redirect_payloads_as_next_never_leave_the_site(new_terms, resident, tree):
    client = signed_in(resident)
    responses = []
    for payload in redirect_payloads():
        TermsAcceptance.objects.filter(user=resident).update(version=OLD)
        session = client.session
        session["terms_version_agreed"] = OLD
        session.save()
        responses.append((payload, client.post(TERMS, {"agree_to_terms": "on", "next": payload})))
    assert len(responses) == 240
    assert not off_site(responses)
    assert all(r.status_code == 302 for _, r in responses)


def test_signed_out_is_sent_to_sign_in(tree):
    response = Client().get(TERMS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
