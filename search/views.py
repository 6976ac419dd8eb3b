"""`/search/`: one box over published memorials, testimonies, threads and approved comments.

Each kind is searched with Wagtail's search backend (the database backend: SQLite FTS5 by
default, PostgreSQL full-text in production), then the hits are merged by relevance and
date. Only what anyone may read is ever searched: live, public pages, and comments that
are public on a live page (held, hidden or removed comments are not even in the index).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from boroughs.models import Borough, ThreadPage
from core.sanitise import text_only
from stories.models import MemorialPage, StoryPage, TestimonyPage

from .models import SearchableComment

MAX_QUERY_LENGTH = 200
# How many hits of each kind are ranked; pages beyond these would be past anyone's patience.
CANDIDATES_PER_KIND = 200
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+")
KINDS = {
    "memorial": "Memorials",
    "testimony": "Testimonies",
    "thread": "Discussions",
    "comment": "Responses",
}
# "stories" searches memorials and testimonies in one query when no kind is chosen.
PAGE_MODELS = {"memorial": MemorialPage, "testimony": TestimonyPage, "thread": ThreadPage, "stories": StoryPage}
EPOCH = timezone.make_aware(datetime(2000, 1, 1))


def search_terms(raw):
    """The words of a query, without the punctuation search backends treat as syntax.

    SQLite's FTS5 raises on an unbalanced quote; PostgreSQL's parser has its own rules.
    People type words, so words are what we search for.
    """
    return " ".join(WORD.findall(raw[: MAX_QUERY_LENGTH * 4]))[:MAX_QUERY_LENGTH]


@dataclass
class Result:
    kind: str  # "stories" until `specialise` knows which kind of story
    page: Page
    date: datetime
    score: float
    comment: SearchableComment | None = None

    @property
    def text(self):
        """Plain words for the excerpt: worked out only for the results on the page shown."""
        return self.comment.comment if self.comment else text_only(self.page.body)

    @property
    def url(self):
        return self.page.url + (f"#c{self.comment.pk}" if self.comment else "")

    @property
    def borough(self):
        return self.page.borough

    @property
    def has_content_notes(self):
        return getattr(self.page, "has_content_notes", False)


def _score(hit):
    return float(getattr(hit, "_score", 0) or 0)


def _page_results(kind, terms, borough):
    pages = PAGE_MODELS[kind].objects.live().public()
    if borough:
        pages = pages.filter(borough=borough)
    hits = pages.search(terms).annotate_score("_score")[:CANDIDATES_PER_KIND]
    return [Result(kind, page, page.first_published_at or EPOCH, _score(page)) for page in hits]


def _comment_results(terms, borough):
    """Public comments whose page is live; a comment on a page taken down never shows."""
    content_types = ContentType.objects.get_for_models(MemorialPage, TestimonyPage, ThreadPage).values()
    comments = SearchableComment.objects.filter(is_public=True, is_removed=False, content_type__in=list(content_types))
    if borough:
        in_borough = [str(pk) for pk in StoryPage.objects.filter(borough=borough).values_list("pk", flat=True)]
        in_borough += [str(pk) for pk in ThreadPage.objects.filter(borough=borough).values_list("pk", flat=True)]
        comments = comments.filter(object_pk__in=in_borough)
    hits = list(comments.search(terms).annotate_score("_score")[:CANDIDATES_PER_KIND])
    pages = {
        str(page.pk): page
        for page in Page.objects.live().public().filter(pk__in=[int(c.object_pk) for c in hits]).specific()
    }
    return [
        Result("comment", pages[c.object_pk], c.submit_date, _score(c), comment=c)
        for c in hits
        if c.object_pk in pages
    ]


def find(terms, *, kind="", borough=None):
    """Every readable hit for `terms`, most relevant first, newest first among equals."""
    kinds = [kind] if kind else ["stories", "thread", "comment"]
    results = []
    for each in kinds:
        if each == "comment":
            results += _comment_results(terms, borough)
        else:
            results += _page_results(each, terms, borough)
    results.sort(key=lambda r: (-r.score, -r.date.timestamp()))
    return results


def specialise(results):
    """Give the results on the page shown their specific pages (one query per kind) and boroughs."""
    generic = [r for r in results if r.kind == "stories"]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[r.page.pk for r in generic]).specific()}
    for result in generic:
        result.page = specific[result.page.pk]
        result.kind = result.page.kind
    prefetch_related_objects([r.page for r in results], "borough")
    return results


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""

    results = None
    if terms:
        results = Paginator(find(terms, kind=kind, borough=borough), RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        specialise(results.object_list)

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
        },
    )
