"""Responses come in pages of conversations (a top-level comment and all its replies), oldest first;
posting and links to a comment land on the page that shows it."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django_comments_xtd.models import XtdComment

from moderation import responses_pages
from moderation.models import CommentState
from tests.conftest import signed_in_client
from tests.factories import UserFactory

from .helpers import make_comment, post, trust


@pytest.fixture(autouse=True)
def _three_per_page(monkeypatch):
    monkeypatch.setattr(responses_pages, "RESPONSES_PER_PAGE", 3)


def conversations(story, authors, n, replies=1):
    """`n` top-level comments, each with `replies` replies: [(root, [replies]), ...] oldest first."""
    made = []
    for i in range(n):
        root = make_comment(story, authors[i % len(authors)], f"Conversation {i}")
        made.append(
            (
                root,
                [
                    make_comment(story, authors[(i + 1) % len(authors)], f"Reply {i}.{j}", parent=root)
                    for j in range(replies)
                ],
            )
        )
    return made


def shown_texts(html):
    return re.findall(r"(Conversation \d+|Reply \d+\.\d+)</div>", html)


def nav(html):
    match = re.search(
        r'<nav class="pagination pagination--responses" aria-label="Pages of responses">.*?</nav>', html, re.S
    )
    return match.group(0) if match else None


def test_each_page_shows_its_conversations_with_all_their_replies_oldest_first(story, resident, other_resident):
    conversations(story, [resident, other_resident], 7, replies=2)
    client = Client()
    first = client.get(story.url).content.decode()
    assert shown_texts(first) == [
        "Conversation 0", "Reply 0.0", "Reply 0.1",
        "Conversation 1", "Reply 1.0", "Reply 1.1",
        "Conversation 2", "Reply 2.0", "Reply 2.1",
    ]  # fmt: skip
    second = client.get(story.url + "?responses=2").content.decode()
    assert shown_texts(second)[0] == "Conversation 3"
    assert "Conversation 5" in shown_texts(second)
    assert "Conversation 6" not in shown_texts(second)
    last = client.get(story.url + "?responses=3").content.decode()
    assert shown_texts(last) == ["Conversation 6", "Reply 6.0", "Reply 6.1"]
    # The heading counts every published response, not only those on this page.
    for html in (first, second, last):
        assert "Responses (21)" in html


def test_the_pages_have_an_accessible_navigation_back_to_the_responses(story, resident):
    conversations(story, [resident], 7, replies=0)
    html = Client().get(story.url + "?responses=2").content.decode()
    links = nav(html)
    assert links is not None
    assert 'href="?responses=2#responses" aria-current="page"' in links
    assert links.count("aria-current") == 1
    assert f'href="{story.url}#responses" rel="prev"' in links  # page 1 is the plain URL
    assert 'href="?responses=3#responses" rel="next"' in links
    assert "Conversations 4 to 6 of 7" in links
    # Inside the responses section, after the list.
    section = html[html.index('id="responses"') : html.index('id="respond"')]
    assert links in section


def test_one_page_of_responses_has_no_navigation(story, resident):
    conversations(story, [resident], 3, replies=1)
    assert nav(Client().get(story.url).content.decode()) is None


@pytest.mark.parametrize(("asked", "shown"), [("0", 1), ("abc", 1), ("-1", 1), ("99", 3), ("", 1)])
def test_a_page_number_out_of_range_shows_the_nearest_page(story, resident, asked, shown):
    conversations(story, [resident], 7, replies=0)
    html = Client().get(f"{story.url}?responses={asked}").content.decode()
    assert f'aria-current="page"><span class="visually-hidden">Responses page </span>{shown}</a>' in html


def test_moderators_see_held_comments_in_place_and_visitors_page_without_them(story, resident, moderator):
    made = conversations(story, [resident], 2, replies=0)
    held = make_comment(story, UserFactory(), "Held conversation", state=CommentState.HELD)
    conversations(story, [resident], 2, replies=0)  # "Conversation 0" and "Conversation 1" again, later
    as_moderator = signed_in_client(moderator).get(story.url).content.decode()
    assert "Held conversation" in as_moderator
    assert f'id="c{held.pk}"' in as_moderator
    assert "Responses (4)" in as_moderator  # held comments are not counted as responses
    visitor = Client().get(story.url).content.decode()
    assert "Held conversation" not in visitor
    assert f'id="c{made[1][0].pk}"' in visitor


def test_a_reply_lands_on_the_page_that_shows_it(story, resident, other_resident):
    made = conversations(story, [resident, other_resident], 7, replies=1)
    trust(other_resident, story)  # 3 more top-level comments: 10 conversations, 4 pages
    client = signed_in_client(other_resident)
    root = made[4][0]  # on page 2
    response = post(client, story, "Same here.", reply_to=root.pk, next=story.url)
    reply = XtdComment.objects.get(comment="Same here.")
    assert response.status_code == 302
    assert response["Location"] == f"{story.url}?responses=2#c{reply.pk}"
    html = client.get(response["Location"]).content.decode()
    assert f'id="c{reply.pk}"' in html


def test_a_new_comment_lands_on_the_last_page_even_from_another_page(story, resident, other_resident):
    conversations(story, [resident, other_resident], 7, replies=0)
    client = signed_in_client(other_resident)
    response = post(client, story, "A new conversation.", next=f"{story.url}?responses=1&sort=x")
    new = XtdComment.objects.get(comment="A new conversation.")
    assert response["Location"] == f"{story.url}?sort=x&responses=3#c{new.pk}"
    # Held (the member is new), but its author sees it on that page.
    assert f'id="c{new.pk}"' in client.get(response["Location"]).content.decode()


def test_a_comment_on_the_first_page_keeps_the_plain_url(story, resident, other_resident):
    conversations(story, [resident], 1, replies=0)
    response = post(signed_in_client(other_resident), story, "Thinking of you.", next=story.url)
    new = XtdComment.objects.get(comment="Thinking of you.")
    assert response["Location"] == f"{story.url}#c{new.pk}"


def test_comment_url_gives_the_page_of_responses_a_visitor_sees_it_on(story, resident):
    made = conversations(story, [resident], 8, replies=1)
    make_comment(story, resident, "Held early", state=CommentState.HELD)  # not counted for visitors
    assert responses_pages.comment_url(made[0][1][0]) == f"{story.url}#c{made[0][1][0].pk}"
    assert responses_pages.comment_url(made[3][0]) == f"{story.url}?responses=2#c{made[3][0].pk}"
    assert responses_pages.comment_url(made[7][1][0], page_url="/x/?q=1") == f"/x/?q=1&responses=3#c{made[7][1][0].pk}"


def test_reply_opens_one_form_under_that_comment_and_keeps_the_page(story, resident, other_resident):
    made = conversations(story, [resident], 7, replies=0)
    client = signed_in_client(other_resident)
    root = made[4][0]
    html = client.get(story.url + "?responses=2").content.decode()
    assert f'href="?responses=2&amp;reply_to={root.pk}#reply-{root.pk}">Reply' in html
    assert 'name="reply_to"' not in html.split('id="respond"')[0]  # no reply form until asked for
    html = client.get(f"{story.url}?responses=2&reply_to={root.pk}").content.decode()
    assert html.count('class="comment-form reply"') == 1
    assert f'id="reply-{root.pk}"' in html
    assert f'<input type="hidden" name="reply_to" value="{root.pk}">' in html
    assert f"Your reply to {resident.public_name}" in html
    # The page navigation and the cancel link drop the open form.
    assert "reply_to=" not in nav(html)
    assert f'href="{story.url}?responses=2#c{root.pk}">Cancel' in html


def test_report_is_a_link_that_comes_back_to_the_same_page_of_responses(story, resident, other_resident):
    made = conversations(story, [resident], 7, replies=0)
    client = signed_in_client(other_resident)
    html = client.get(story.url + "?responses=3").content.decode()
    target = made[6][0]
    query = urlencode({"next": f"{story.url}?responses=3"})
    assert f'href="/comments/{target.pk}/report/?{query}">Report' in html
    response = client.post(
        f"/comments/{target.pk}/report/", {"reason": "harassment", "next": f"{story.url}?responses=3"}
    )
    assert response["Location"] == f"{story.url}?responses=3"
