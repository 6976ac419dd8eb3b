"""Visitors read: the stories list (filters, pagination), story pages, the home page, search."""

import pytest
from django.test import Client

from boroughs.models import Borough
from tests.factories import MemorialPageFactory, TestimonyPageFactory


@pytest.fixture
def visitor():
    return Client()


def test_stories_list_shows_published_stories_with_their_borough(tree, visitor):
    MemorialPageFactory(title="Ada Example", borough=Borough.objects.get(slug="newham"))
    TestimonyPageFactory(title="Not yet", live=False)
    html = visitor.get("/stories/").content.decode()
    assert "Remembering Ada Example" in html
    assert '<a href="/boroughs/newham/">Newham</a>' in html
    assert "Not yet" not in html
    assert "1 story." in html


def test_stories_list_filters_by_borough_and_kind(tree, visitor):
    newham, brent = Borough.objects.get(slug="newham"), Borough.objects.get(slug="brent")
    MemorialPageFactory(title="Memorial in Newham", borough=newham)
    TestimonyPageFactory(title="Testimony in Newham", borough=newham)
    MemorialPageFactory(title="Memorial in Brent", borough=brent)

    by_borough = visitor.get("/stories/?borough=newham").content.decode()
    assert "Memorial in Newham" in by_borough and "Testimony in Newham" in by_borough
    assert "Memorial in Brent" not in by_borough

    by_kind = visitor.get("/stories/?kind=testimony").content.decode()
    assert "Testimony in Newham" in by_kind
    assert "Memorial in" not in by_kind

    both = visitor.get("/stories/?borough=newham&kind=memorial").content.decode()
    assert "Memorial in Newham" in both
    assert "Testimony in Newham" not in both and "Memorial in Brent" not in both


def test_unknown_filters_are_ignored_not_errors(tree, visitor):
    MemorialPageFactory(title="Still shown")
    response = visitor.get("/stories/?borough=atlantis&kind=<script>&page=zzz")
    assert response.status_code == 200
    assert "Still shown" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_stories_list_is_paginated_ten_at_a_time_keeping_filters(tree, visitor):
    newham = Borough.objects.get(slug="newham")
    for n in range(12):
        MemorialPageFactory(title=f"Person {n:02d}", borough=newham)
    first = visitor.get("/stories/?borough=newham").content.decode()
    second = visitor.get("/stories/?borough=newham&page=2").content.decode()
    assert first.count('class="card"') == 10
    assert second.count('class="card"') == 2
    assert "Page 1 of 2" in first
    assert 'href="?borough=newham&amp;page=2"' in first


def test_stories_list_query_count_does_not_grow_with_stories(tree, visitor, django_assert_max_num_queries):
    MemorialPageFactory()
    TestimonyPageFactory()
    visitor.get("/stories/")
    with django_assert_max_num_queries(20) as baseline:
        visitor.get("/stories/")
    for _ in range(5):
        MemorialPageFactory()
        TestimonyPageFactory()
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        visitor.get("/stories/")


def test_memorial_page_shows_name_dates_borough_and_content_note(tree, visitor):
    import datetime

    page = MemorialPageFactory(
        title="Jo Example",
        date_of_birth=datetime.date(2000, 1, 1),
        date_of_death=datetime.date(2020, 6, 1),
        content_note="describes a knife attack",
        body="<p>Jo loved <em>dancing</em>.</p>",
        borough=Borough.objects.get(slug="ealing"),
    )
    html = visitor.get(page.url).content.decode()
    assert "<h1>Remembering Jo Example</h1>" in html
    assert "2000 – 2020" in html
    assert "Ealing" in html
    assert "<p>describes a knife attack</p>" in html
    assert html.index("Content notes") < html.index("describes a knife attack") < html.index("Jo loved")
    assert "<p>Jo loved <em>dancing</em>.</p>" in html


def test_home_page_shows_newest_stories(tree, visitor):
    MemorialPageFactory(title="Newest person")
    html = visitor.get("/").content.decode()
    assert "London Listens" in html
    assert "Remembering Newest person" in html


def test_search_finds_only_published_stories_and_filters(tree, visitor):
    brent = Borough.objects.get(slug="brent")
    MemorialPageFactory(title="Kit Example", body="<p>He loved saxophone music.</p>", borough=brent)
    TestimonyPageFactory(title="Saxophone draft", body="<p>saxophone</p>", live=False)
    TestimonyPageFactory(title="Other", body="<p>saxophone lessons</p>")

    html = visitor.get("/search/?q=saxophone").content.decode()
    assert "Kit Example" in html and "Other" in html
    assert "Saxophone draft" not in html
    filtered = visitor.get("/search/?q=saxophone&borough=brent&kind=memorial").content.decode()
    assert "Kit Example" in filtered and ">Other<" not in filtered


@pytest.mark.parametrize("query", ["x" * 10_000, "!!!", '"unbalanced', "🕯️", "שלום", "<script>alert(1)</script>"])
def test_search_copes_with_odd_queries(tree, visitor, query):
    response = visitor.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_card_excerpts_keep_the_break_between_paragraphs(tree, visitor):
    MemorialPageFactory(title="Two paragraphs", body="<p>It rained that day.</p><p>We remember him.</p>")
    html = visitor.get("/stories/").content.decode()
    assert "It rained that day. We remember him." in html
