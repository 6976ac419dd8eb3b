"""The search engine's bounds: what it ranks, how many it keeps, and what it costs per search."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from moderation.models import CommentState
from search import engine
from tests.factories import MemorialPageFactory, TestimonyPageFactory
from tests.moderation.helpers import make_comment

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the bounded ranking is PostgreSQL's")


def found_titles(terms, **kwargs):
    return [hit.page.title for hit in engine.load(engine.find(terms, **kwargs))]


@postgres_only
def test_only_the_newest_body_matches_are_ranked_but_every_title_match_is(tree, monkeypatch):
    monkeypatch.setattr(engine, "MAX_RANKED", 2)
    oldest = MemorialPageFactory(title="Marimba", body="<p>An old story.</p>")
    for n in range(4):
        MemorialPageFactory(title=f"Story {n}", body="<p>She played the marimba.</p>")

    titles = found_titles("marimba")

    # The title match is ranked although three newer body matches came after it, and first,
    # as Wagtail's formula weighs a title above a body; only the two newest body matches follow.
    assert titles == [oldest.title, "Story 3", "Story 2"]


@postgres_only
def test_with_fewer_matches_than_the_bound_every_match_is_ranked(tree):
    for n in range(5):
        MemorialPageFactory(title=f"Story {n}", body="<p>" + "ocarina " * (n + 1) + "</p>")

    titles = found_titles("ocarina")

    assert sorted(titles) == [f"Story {n}" for n in range(5)]
    assert titles[0] == "Story 4"  # the word most often: the most relevant


def test_a_page_behind_a_password_never_appears(tree):
    open_page = MemorialPageFactory(title="Open", body="<p>glockenspiel</p>")
    private = MemorialPageFactory(title="Private", body="<p>glockenspiel</p>")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="family")

    assert found_titles("glockenspiel") == [open_page.title]


def test_at_most_max_results_are_kept_and_the_page_says_so(tree, monkeypatch):
    monkeypatch.setattr(engine, "MAX_RESULTS", 3)
    for n in range(5):
        MemorialPageFactory(title=f"Piper {n}", body="<p>bagpipes</p>")

    assert len(engine.find("bagpipes")) == 3
    html = Client().get("/search/", {"q": "bagpipes"}).content.decode()
    assert "The 3 most relevant results for “bagpipes”" in html


def test_kind_filter_keeps_only_that_kind(tree, resident):
    MemorialPageFactory(title="Memorial", body="<p>harmonica</p>")
    testimony = TestimonyPageFactory(title="Testimony", body="<p>harmonica</p>")
    make_comment(testimony, resident, "A harmonica at the vigil.")

    assert [hit.kind for hit in engine.load(engine.find("harmonica", kinds=["testimony"]))] == ["testimony"]
    assert [hit.kind for hit in engine.load(engine.find("harmonica", kinds=["comment"]))] == ["comment"]


def search_queries(**params):
    client = Client()
    client.get("/search/", params)  # warm per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return len(queries)


KIND_MIXES = [{"kind": "memorial"}, {"kind": "comment"}]  # a mix of kinds costs one query per kind shown


def test_queries_per_search_do_not_grow_with_the_number_of_matches(tree, resident):
    """The same kinds of result on the page cost the same queries, however many matched."""
    story = MemorialPageFactory(title="First", body="<p>accordion</p>")
    make_comment(story, resident, "An accordion, like at the wedding.")
    few = [search_queries(q="accordion", **mix) for mix in KIND_MIXES]

    for n in range(12):
        page = MemorialPageFactory(title=f"More {n} accordion", body="<p>accordion</p>")
        make_comment(page, resident, f"Accordion number {n}.")
    many = [search_queries(q="accordion", **mix) for mix in KIND_MIXES]

    assert many == few


def test_a_response_found_links_to_the_page_of_responses_that_shows_it(tree, resident):
    from moderation.responses_pages import RESPONSES_PER_PAGE

    story = MemorialPageFactory(title="Story", body="<p>Words</p>")
    first = make_comment(story, resident, "A xylophone on the first page.")
    for n in range(RESPONSES_PER_PAGE):
        reply = make_comment(story, resident, f"Conversation {n}")
        make_comment(story, resident, f"Reply {n}", parent=reply)  # replies do not move anyone to a later page
    make_comment(story, resident, "Held, and not counted.", state=CommentState.HELD)
    later = make_comment(story, resident, "A xylophone on the second page.")

    html = Client().get("/search/", {"q": "xylophone"}).content.decode()

    assert f'href="{story.url}#c{first.pk}"' in html
    assert f'href="{story.url}?responses=2#c{later.pk}"' in html
    # and that is where the page shows it
    assert f'id="c{later.pk}"' in Client().get(f"{story.url}?responses=2").content.decode()
