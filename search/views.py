"""`/search/`: one box over published memorials, testimonies, threads and approved comments.

`search/engine.py` finds and ranks (SQLite FTS5 by default, PostgreSQL full-text in
production); this view reads the form, pages the hits and loads only the ten shown. Only
what anyone may read is ever searched: live, public pages, and comments that are public on
a live page (held, hidden or removed comments are not even in the index).

The results are the same for everyone who sends the same query string, so they are rendered
once and shared (`caching/fragments.py`), signed-in members included, and a visitor's whole page
goes into the anonymous page cache. Both are keyed by the versions of `site` and `listings`, read
before the search: every change to a page, a comment or a view restriction bumps `listings`
(borough names are `site`), so the next search after a change is a fresh one.
"""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from boroughs.models import Borough
from caching import fragments, pagecache

from . import engine
from .signals import INDEX_TAG

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")
# What search results are built from: every page, comment and view restriction bumps `listings`,
# and the index catching up with a page bumps its own tag (search/signals.py).
TAGS = ("site", "listings", INDEX_TAG)
KINDS = {
    "memorial": "Memorials",
    "testimony": "Testimonies",
    "thread": "Discussions",
    "comment": "Responses",
}


def search_terms(raw):
    """The words of a query, without the punctuation search backends treat as syntax.

    SQLite's FTS5 raises on an unbalanced quote; PostgreSQL's parser has its own rules.
    People type words, so words are what we search for.
    """
    return " ".join(WORD.findall(raw[: MAX_QUERY_LENGTH * 4]))[:MAX_QUERY_LENGTH]


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""

    # Read before the search, so a change while it runs gives the next request a new key.
    versions = fragments.versions(*TAGS)
    if getattr(request, "page_cache_candidate", False):
        request.page_cache_versions = versions or pagecache.current_versions(TAGS)

    results_section = ""
    if terms:
        results_section = fragments.cached(
            "search-results",
            versions,
            [request.GET.urlencode()],  # the links in the section keep every parameter
            lambda: render_results(request, query, terms, kind, borough),
        )

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "has_words": bool(terms),
            "results_section": results_section,
            "boroughs": Borough.objects.all(),
            "selected_borough": borough,
            "selected_kind": kind,
            "kinds": KINDS,
        },
    )


def render_results(request, query, terms, kind, borough):
    """The results section: found, paged, the ten shown loaded, rendered (nothing personal in it)."""
    hits = engine.find(terms, kinds=[kind] if kind else engine.KINDS, borough=borough)
    results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results.object_list = engine.load(results.object_list)
    context = {
        "query": query,
        "terms": terms.split(),
        "results": results,
        "selected_borough": borough,
        "selected_kind": kind,
        "at_most": engine.MAX_RESULTS,
    }
    return render_to_string("search/results.html", context, request=request)
