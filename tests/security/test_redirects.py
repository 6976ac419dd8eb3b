"""The 240 open-redirect payloads as `next` on every view that takes one: none leaves the site.

A Location is judged as a browser would follow it: backslashes count as slashes, tabs and
newlines inside the URL are ignored, and it is resolved against the page it came from.
"""

import re
from urllib.parse import urljoin, urlsplit

import html5lib
import pytest
from django.core.cache import cache
from django.test import Client
from django_comments_xtd.models import XtdComment

from moderation.models import CommentReview, CommentState
from tests.factories import PASSWORD, TestimonyPageFactory
from tests.moderation.helpers import form_data, make_comment, trust

SITE = "testserver"
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")


def lands_on(location, base="http://testserver/accounts/login/"):
    """The host a browser would go to for this Location header."""
    cleaned = _IGNORED_BY_BROWSERS.sub("", location).strip(" \x00-\x1f").replace("\\", "/")
    target = urlsplit(urljoin(base, cleaned))
    return target.hostname, target.scheme


def off_site(responses):
    """(payload, Location) for every redirect that leaves the site or uses a scheme other than http(s)."""
    bad = []
    for payload, response in responses:
        if response.status_code not in (301, 302, 303, 307, 308):
            continue
        host, scheme = lands_on(response["Location"])
        if host != SITE or scheme not in ("http", "https"):
            bad.append((payload, response["Location"]))
    return bad


def test_login_never_redirects_off_site(redirect_payloads, resident):
    responses = []
    for payload in redirect_payloads:
        cache.clear()  # the payloads are not an attack on the rate limits
        client = Client()
        response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD, "next": payload})
        assert response.status_code == 302, payload
        responses.append((payload, response))
    assert not off_site(responses)


def test_signed_in_visit_to_login_never_redirects_off_site(redirect_payloads, resident_client):
    responses = [(p, resident_client.get("/accounts/login/", {"next": p})) for p in redirect_payloads]
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_admin_login_never_redirects_off_site(redirect_payloads, client):
    responses = [(p, client.get("/admin/login/", {"next": p})) for p in redirect_payloads]
    assert all(r["Location"].startswith("/accounts/login/?next=") for _, r in responses)
    assert not off_site(responses)


def test_logout_never_redirects_off_site(redirect_payloads, resident):
    responses = []
    client = Client()
    for payload in redirect_payloads:
        client.force_login(resident)
        responses.append((payload, client.post("/accounts/logout/", {"next": payload})))
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_sign_up_never_redirects_off_site(redirect_payloads, tree):
    responses = []
    for i, payload in enumerate(redirect_payloads):
        cache.clear()
        data = {
            "email": f"newcomer{i}@example.org",
            "password1": "a-long-new-password-73",
            "password2": "a-long-new-password-73",
            "display_name": f"Newcomer {i}",
            "age": "18_or_over",
            "agree_to_terms": "on",
            "next": payload,
        }
        response = Client().post("/accounts/signup/", data)
        assert response.status_code == 302, payload
        responses.append((payload, response))
    assert not off_site(responses)


@pytest.mark.parametrize("url", ["/follow/", "/unfollow/"])
def test_follow_and_unfollow_never_redirect_off_site(redirect_payloads, resident_client, url):
    # Every payload, including bare words ("%68%74%74%70%3a..."), which once reached redirect() as a
    # view name and gave a 500: safe_next now takes only a path on this site.
    responses = [(p, resident_client.post(url, {"borough": "hackney", "next": p})) for p in redirect_payloads]
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


# ---- Comments: posting, replying, reporting, the family's and a moderator's hide, the comment policy ----


@pytest.fixture
def conversation(family, other_resident, resident):
    """A family's published story with a published comment by someone else; the resident is trusted."""
    story = TestimonyPageFactory(owner=family, title="Remembering Ade")
    trust(resident, story)
    return type("Conversation", (), {"story": story, "comment": make_comment(story, other_resident, "A kind word.")})


def _republish(comment):
    """Put a hidden comment back, so the next payload acts on a public comment again."""
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_public=True, is_removed=False)
    CommentReview.objects.filter(comment=comment).update(state=CommentState.PUBLISHED)


def test_posting_and_replying_never_redirect_off_site(redirect_payloads, resident_client, conversation):
    responses = []
    for i, payload in enumerate(redirect_payloads):
        cache.clear()  # the payloads are not an attack on the comment rate limits
        reply_to = conversation.comment.pk if i % 2 else 0
        data = form_data(conversation.story, text=f"Thinking of you, {i}.", reply_to=reply_to, next=payload)
        response = resident_client.post("/comments/post/", data)
        assert response.status_code == 302, (payload, response.status_code)
        responses.append((payload, response))
    assert not off_site(responses)


def test_reporting_never_redirects_off_site(redirect_payloads, resident_client, other_resident, conversation):
    url = f"/comments/{conversation.comment.pk}/report/"
    posted = [
        (p, resident_client.post(url, {"reason": "harassment", "detail": "", "next": p})) for p in redirect_payloads
    ]
    assert all(r.status_code == 302 for _, r in posted)
    # GET as the comment's own author is sent straight back.
    author = Client()
    author.force_login(other_resident)
    own = [(p, author.get(url, {"next": p})) for p in redirect_payloads]
    assert all(r.status_code == 302 for _, r in own)
    assert not off_site(posted + own)


def test_the_report_form_never_carries_an_off_site_next(redirect_payloads, resident_client, conversation):
    """GET shows the form; the `next` it will post is already judged safe."""
    url = f"/comments/{conversation.comment.pk}/report/"
    bad = []
    for payload in redirect_payloads:
        html = resident_client.get(url, {"next": payload}).content.decode()
        carried = html5lib.parse(html, namespaceHTMLElements=False).find(".//input[@name='next']").get("value")
        host, scheme = lands_on(carried, base=f"http://testserver{url}")
        if host != SITE or scheme not in ("http", "https"):
            bad.append((payload, carried))
    assert not bad


def test_the_familys_ask_to_hide_never_redirects_off_site(redirect_payloads, family_client, conversation):
    url = f"/comments/{conversation.comment.pk}/ask-to-hide/"
    responses = []
    for payload in redirect_payloads:
        _republish(conversation.comment)
        responses.append((payload, family_client.post(url, {"next": payload})))
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_the_ask_to_hide_confirmation_never_carries_an_off_site_next(redirect_payloads, family_client, conversation):
    """GET asks the family to confirm: the `next` its form posts and its "Keep it showing" link stay here."""
    url = f"/comments/{conversation.comment.pk}/ask-to-hide/"
    bad = []
    for payload in redirect_payloads:
        response = family_client.get(url, {"next": payload})
        assert response.status_code == 200, payload
        page = html5lib.parse(response.content.decode(), namespaceHTMLElements=False)
        carried = page.find(".//main//input[@name='next']").get("value")
        keep = next(a.get("href") for a in page.iter("a") if "".join(a.itertext()) == "Keep it showing")
        for target in (carried, keep):
            host, scheme = lands_on(target, base=f"http://testserver{url}")
            if host != SITE or scheme not in ("http", "https"):
                bad.append((payload, target))
    assert not bad


def test_the_familys_undo_never_redirects_off_site(redirect_payloads, family, family_client, conversation):
    from moderation.actions import ask_to_hide

    url = f"/comments/{conversation.comment.pk}/ask-to-hide/undo/"
    responses = []
    for payload in redirect_payloads:
        _republish(conversation.comment)
        assert ask_to_hide(CommentReview.objects.get(comment=conversation.comment), by=family)
        response = family_client.post(url, {"next": payload})
        assert response.status_code == 302, payload
        assert CommentReview.objects.get(comment=conversation.comment).state == CommentState.PUBLISHED
        responses.append((payload, response))
    assert not off_site(responses)


def test_a_moderators_hide_never_redirects_off_site(redirect_payloads, moderator_client, conversation):
    url = f"/comments/{conversation.comment.pk}/hide/"
    responses = []
    for payload in redirect_payloads:
        _republish(conversation.comment)
        responses.append((payload, moderator_client.post(url, {"next": payload})))
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_setting_the_comment_policy_never_redirects_off_site(redirect_payloads, family_client, conversation):
    url = f"/comments/policy/{conversation.story.pk}/"
    responses = [(p, family_client.post(url, {"comment_policy": "open", "next": p})) for p in redirect_payloads]
    assert all(r.status_code == 302 for _, r in responses)
    assert not off_site(responses)


def test_reauthenticating_never_redirects_off_site(redirect_payloads, resident_client):
    """allauth's "confirm it's you" page (before sensitive account changes) takes a `next` too."""
    responses = []
    for payload in redirect_payloads:
        cache.clear()
        response = resident_client.post("/accounts/reauthenticate/", {"password": PASSWORD, "next": payload})
        assert response.status_code == 302, payload
        responses.append((payload, response))
    assert not off_site(responses)


def test_the_judge_catches_what_browsers_follow_off_site():
    """The check itself: these all leave the site in a browser."""
    for location in ["//google.com", "/\\google.com", "https://google.com", "\\\\google.com", "/\t/google.com"]:
        assert lands_on(location)[0] == "google.com", location
    assert lands_on("javascript:alert(1)")[1] == "javascript"
    assert lands_on("/stories/")[0] == SITE
