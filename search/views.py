"""`/search/`: find published stories by words, borough and kind."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from boroughs.models import Borough
from stories.models import MemorialPage, StoryPage, TestimonyPage

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
KIND_MODELS = {"memorial": MemorialPage, "testimony": TestimonyPage}


def search_terms(raw):
    """The words of a query, without the punctuation search backends treat as syntax.

    SQLite's FTS5 raises on an unbalanced quote; PostgreSQL's parser has its own rules.
    People type words, so words are what we search for.
    """
    return " ".join(WORD.findall(raw[: MAX_QUERY_LENGTH * 4]))[:MAX_QUERY_LENGTH]


def search(request):
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    kind = request.GET.get("kind", "")
    if kind not in KIND_MODELS:
        kind = ""

    results = None
    cards = []
    if terms:
        model = KIND_MODELS.get(kind, StoryPage)
        pages = model.objects.live().public()
        if borough:
            pages = pages.filter(borough=borough)
        results = Paginator(pages.search(terms), 10).get_page(request.GET.get("page"))
        cards = StoryPage.cards(results.object_list)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "has_words": bool(terms),
            "results": results,
            "result_cards": cards,
            "boroughs": Borough.objects.all(),
            "selected_borough": borough,
            "selected_kind": kind,
        },
    )
