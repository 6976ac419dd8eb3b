"""Search finds what anyone may read (stories, threads, approved comments) and nothing else."""

import pytest
from django.test import Client

from boroughs.models import Borough, BoroughPage
from moderation.models import CommentState
from search.models import SearchableComment
from tests.factories import MemorialPageFactory, TestimonyPageFactory, ThreadPageFactory
from tests.moderation.helpers import make_comment


@pytest.fixture
def visitor():
    return Client()


def published_thread(owner, borough="lambeth", title="Safer streets", body="Talking about safer streets.", live=True):
    parent = BoroughPage.objects.get(slug=borough)
    return ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body=body, owner=owner, borough=parent.borough, live=live
    )


def results_html(visitor, **params):
    response = visitor.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_finds_memorials_testimonies_threads_and_approved_comments(tree, visitor, resident):
    MemorialPageFactory(title="Olu Example", body="<p>He played the trumpet in the marching band.</p>")
    TestimonyPageFactory(title="Court days", body="<p>The trumpet player from his band came to court.</p>")
    thread = published_thread(resident, title="Music for young people", body="Where can teenagers learn trumpet?")
    make_comment(thread, resident, "The trumpet club on Brixton Road is free.")

    html = results_html(visitor, q="trumpet")
    assert "4 results" in html
    assert "Remembering Olu Example" in html
    assert "Court days" in html
    assert "Music for young people" in html
    assert "Response on “Music for young people”" in html
    comment = SearchableComment.objects.get()
    assert f'href="{thread.url}#c{comment.pk}"' in html


def test_matched_words_are_highlighted_and_safely_escaped(tree, visitor):
    MemorialPageFactory(title="Remi", body="<p>Remi loved <b>chess</b> &amp; 1 < 2 puzzles.</p>")
    html = results_html(visitor, q="chess")
    assert "<mark>chess</mark>" in html
    assert "<b>chess" not in html


@pytest.mark.parametrize("state", [CommentState.HELD, CommentState.HIDDEN, CommentState.REJECTED])
def test_comments_that_are_not_public_never_appear_not_even_as_a_count(tree, visitor, resident, state):
    thread = published_thread(resident)
    make_comment(thread, resident, "A secret saxophone remark.", state=state)
    html = results_html(visitor, q="saxophone")
    assert "Nothing matched" in html
    assert "secret" not in html and "result" not in html.split("<h2>Results</h2>")[1].split("Nothing matched")[0]


def test_a_comment_that_is_later_hidden_leaves_the_results(tree, visitor, resident):
    thread = published_thread(resident)
    comment = make_comment(thread, resident, "The clarinet lessons helped.")
    assert "clarinet" in results_html(visitor, q="clarinet")
    comment.is_public = False
    comment.save()
    assert "Nothing matched" in results_html(visitor, q="clarinet")


def test_unpublished_pages_and_comments_on_them_never_appear(tree, visitor, resident, family):
    draft_thread = published_thread(resident, title="Draft viola thread", body="viola", live=False)
    story = MemorialPageFactory(owner=family, title="Taken down", body="<p>viola</p>")
    make_comment(story, resident, "Your viola playing was wonderful.")
    story.unpublish()
    TestimonyPageFactory(title="Never published", body="<p>viola</p>", live=False)
    assert draft_thread.title == "Draft viola thread"
    assert "Nothing matched" in results_html(visitor, q="viola")


def test_filters_by_borough_and_kind(tree, visitor, resident):
    lambeth, brent = Borough.objects.get(slug="lambeth"), Borough.objects.get(slug="brent")
    MemorialPageFactory(title="Lambeth memorial", borough=lambeth, body="<p>harmonica</p>")
    MemorialPageFactory(title="Brent memorial", borough=brent, body="<p>harmonica</p>")
    thread = published_thread(resident, borough="lambeth", title="Lambeth talk", body="harmonica evenings")
    make_comment(thread, resident, "harmonica for all")

    in_lambeth = results_html(visitor, q="harmonica", borough="lambeth")
    assert "Lambeth memorial" in in_lambeth and "Lambeth talk" in in_lambeth
    assert "Brent memorial" not in in_lambeth
    assert "3 results" in in_lambeth

    only_comments = results_html(visitor, q="harmonica", kind="comment")
    assert "1 result " in only_comments and "<mark>harmonica</mark> for all" in only_comments
    only_threads = results_html(visitor, q="harmonica", kind="thread")
    assert "Lambeth talk" in only_threads and "memorial" not in only_threads.split("<h2>Results</h2>")[1]


def test_stories_with_content_notes_show_the_notes_not_an_excerpt(tree, visitor):
    MemorialPageFactory(
        title="Noted", content_note="describes an attack", body="<p>The bassoon solo, then the attack.</p>"
    )
    html = results_html(visitor, q="bassoon")
    assert "describes an attack" in html
    assert "solo, then the attack" not in html


def test_no_results_page_offers_other_ways_in(tree, visitor):
    html = results_html(visitor, q="zzzznotaword", borough="hackney")
    assert "Nothing matched" in html
    assert 'href="/boroughs/hackney/"' in html
    assert 'href="/support/"' in html


def test_results_are_paginated(tree, visitor):
    for n in range(12):
        MemorialPageFactory(title=f"Piper {n}", body="<p>bagpipes</p>")
    first, second = results_html(visitor, q="bagpipes"), results_html(visitor, q="bagpipes", page=2)
    assert "12 results" in first
    assert first.count('class="search-result"') == 10 and second.count('class="search-result"') == 2
