"""`/search/`: one box over published memorials, testimonies, threads and approved comments.

`search/engine.py` finds and ranks (SQLite FTS5 by default, PostgreSQL full-text in
production); this view reads the form, pages the hits and loads only the ten shown. Only
what anyone may read is ever searched: live, public pages, and comments that are public on
a live page (held, hidden or removed comments are not even in the index).
"""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from boroughs.models import Borough

from . import engine

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")
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

    results = None
    if terms:
        hits = engine.find(terms, kinds=[kind] if kind else engine.KINDS, borough=borough)
        results = Paginator(hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results.object_list = engine.load(results.object_list)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "terms": terms.split(),
            "has_words": bool(terms),
            "results": results,
            "boroughs": Borough.objects.all(),
            "selected_borough": borough,
            "selected_kind": kind,
            "kinds": KINDS,
            "at_most": engine.MAX_RESULTS,
        },
    )
