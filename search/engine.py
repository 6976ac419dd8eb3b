"""Finding and ranking: which readable memorials, testimonies, threads and comments match.

`find()` returns light `Hit`s (kind, primary key, score, date) for every candidate, most
relevant first; `load()` fetches the pages and comments for the few hits on the page shown.

Two ways to the same answer:
- PostgreSQL: one query over Wagtail's own index table (`wagtailsearch_indexentry`) for every
  kind at once, with Wagtail's ranking formula. Ranking reads each candidate's whole tsvector,
  which is what made search slow (about 100 ms per kind at 10,000 stories, when a common word
  matches nearly all of them), so only a bounded set is ranked: every hit in a title plus the
  newest `MAX_RANKED` hits in a body. Fewer matches than that are ranked exactly.
- Any other search backend (SQLite's by default, or OpenSearch when configured): Wagtail's
  search API, one query per kind.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.search.backends.database.postgres.weights import WEIGHTS_VALUES
from wagtail.search.models import IndexEntry

from boroughs.models import ThreadPage
from core.pages import public
from core.templatetags.core_tags import text_only
from moderation.responses_pages import RESPONSES_PARAM, RESPONSES_PER_PAGE
from stories.models import MemorialPage, TestimonyPage

from .models import SearchableComment

PAGE_MODELS = {"memorial": MemorialPage, "testimony": TestimonyPage, "thread": ThreadPage}
KINDS = (*PAGE_MODELS, "comment")
# Hits kept after ranking: ten pages of ten would be past anyone's patience.
MAX_RESULTS = 200
# PostgreSQL: how many of the newest body matches are ranked, besides every title match.
MAX_RANKED = 1000
EPOCH = timezone.make_aware(datetime(2000, 1, 1))


@dataclass
class Hit:
    kind: str  # "memorial", "testimony", "thread" or "comment"
    pk: int
    score: float
    date: datetime
    obj: object = None  # the page or comment, once loaded
    page: Page | None = None  # the page itself, or the page a comment is on, once loaded

    @property
    def comment(self):
        return self.obj if self.kind == "comment" else None

    @property
    def text(self):
        """Plain words for the excerpt: worked out only for the results on the page shown."""
        return self.obj.comment if self.comment else text_only(self.page.body)  # cached per worker

    @property
    def url(self):
        if not self.comment:
            return self.page.url
        number = self.obj.conversations_before // RESPONSES_PER_PAGE + 1
        return self.page.url + (f"?{RESPONSES_PARAM}={number}" if number > 1 else "") + f"#c{self.pk}"

    @property
    def borough(self):
        return self.page.borough

    @property
    def has_content_notes(self):
        return getattr(self.page, "has_content_notes", False)


def find(terms, *, kinds=KINDS, borough=None):
    """Every readable hit for `terms`, most relevant first and newest first among equals."""
    if _on_postgres_index():
        with transaction.atomic(), connection.cursor() as cursor:
            # These queries take milliseconds: starting parallel workers would cost more than it saves.
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            hits = _postgres_hits(terms, kinds, borough)
    else:
        hits = _backend_hits(terms, kinds, borough)
    hits.sort(key=lambda hit: (-hit.score, -hit.date.timestamp()))
    return hits[:MAX_RESULTS]


def _on_postgres_index():
    """Whether Wagtail keeps its index in PostgreSQL (the database backend on PostgreSQL), which
    the fast path reads; with OpenSearch configured, or on SQLite, Wagtail's API does the work."""
    return isinstance(get_search_backend(), PostgresSearchBackend)


def _readable_pages(kinds, borough):
    """Live, public pages of the chosen kinds (and borough): the only pages search may show."""
    content_types = ContentType.objects.get_for_models(*(PAGE_MODELS[kind] for kind in kinds)).values()
    pages = public(Page.objects.live()).filter(content_type__in=content_types)
    if borough:
        pages = pages.filter(Q(storypage__borough=borough) | Q(threadpage__borough=borough))
    return pages


def _as_text(queryset, field="pk"):
    """`field` as text: comments refer to their page by a string key."""
    return queryset.annotate(key=Cast(field, output_field=CharField())).values("key")


def _postgres_hits(terms, kinds, borough):
    content_types = ContentType.objects.get_for_models(*PAGE_MODELS.values(), SearchableComment)
    kind_of = {content_types[model].pk: kind for kind, model in PAGE_MODELS.items()}
    kind_of[content_types[SearchableComment].pk] = "comment"
    wanted = [type_id for type_id, kind in kind_of.items() if kind in kinds]
    query = SearchQuery(terms, search_type="plain")

    # 1. Candidates, from the index alone through its GIN indexes: every title match, and the
    #    newest body matches. `title || body` is the expression search/migrations/0002 indexes.
    entries = IndexEntry.objects.filter(content_type_id__in=wanted)
    in_title = entries.filter(title=query).values_list("pk", flat=True)[:MAX_RANKED]
    in_body = (
        entries.annotate(document=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField()))
        .filter(document=query)
        # `pk + 0`: newest first, without tempting PostgreSQL to walk the primary key backwards
        # testing every row (slow for words in a few percent of entries) instead of the GIN index.
        .order_by((F("pk") + 0).desc())
        .values_list("pk", flat=True)[:MAX_RANKED]
    )
    # 2. Rank them with Wagtail's own formula, so results order as its backend would order them.
    score = SearchRank(F("title"), query, weights=WEIGHTS_VALUES) * F("title_norm") + SearchRank(
        F("body"), query, weights=WEIGHTS_VALUES
    )
    ranked = (
        IndexEntry.objects.filter(pk__in=in_title.union(in_body))
        .annotate(score=score)
        .order_by("-score", "-pk")
        .values_list("content_type_id", "object_id", "score")[: 2 * MAX_RESULTS]
    )
    hits = [Hit(kind_of[type_id], int(object_id), score, EPOCH) for type_id, object_id, score in ranked]

    # 3. Keep only what anyone may read now, with its date, checked by primary key. Twice as
    #    many as are kept leaves room for entries that are not readable (a page behind a
    #    password, a comment on a page taken down) without paying for thousands.
    return _readable(hits, kinds, borough)[:MAX_RESULTS]


def _readable(hits, kinds, borough):
    """The hits on a live, public page (in the borough), or public comments on one, dated."""
    comments = {
        pk: (int(object_pk), date)
        for pk, object_pk, date in SearchableComment.objects.filter(
            pk__in=[hit.pk for hit in hits if hit.kind == "comment"], is_public=True, is_removed=False
        )
        .order_by()
        .values_list("pk", "object_pk", "submit_date")
    }
    page_pks = {hit.pk for hit in hits if hit.kind != "comment"} | {page_pk for page_pk, _ in comments.values()}
    pages = dict(_readable_pages(PAGE_MODELS, borough).filter(pk__in=page_pks).values_list("pk", "first_published_at"))
    kept = []
    for hit in hits:
        if hit.kind == "comment":
            page_pk, hit.date = comments.get(hit.pk, (None, EPOCH))
            readable = page_pk in pages
        else:
            readable = hit.pk in pages
            hit.date = pages.get(hit.pk) or EPOCH
        if readable:
            kept.append(hit)
    return kept


def _backend_hits(terms, kinds, borough):
    """Wagtail's search API: one ranked query per kind."""
    hits = []
    for kind, model in PAGE_MODELS.items():
        if kind in kinds:
            hits += _backend_page_hits(model, kind, terms, borough)
    if "comment" in kinds:
        comments = SearchableComment.objects.filter(
            is_public=True, is_removed=False, object_pk__in=_as_text(_readable_pages(PAGE_MODELS, borough))
        )
        found = comments.search(terms).annotate_score("_score")[:MAX_RESULTS]
        hits += [Hit("comment", c.pk, _score(c), c.submit_date, obj=c) for c in found]
    return hits


def _backend_page_hits(model, kind, terms, borough):
    pages = public(model.objects.live())
    if borough:
        pages = pages.filter(borough=borough)
    found = pages.search(terms).annotate_score("_score")[:MAX_RESULTS]
    return [Hit(kind, page.pk, _score(page), page.first_published_at or EPOCH, obj=page) for page in found]


def _conversations_before():
    """How many published conversations come before a comment's own on its page: which page of
    responses shows it (`moderation.responses_pages` numbers them so; a search hit is public, as are
    the conversations counted)."""
    earlier = XtdComment.objects.filter(
        content_type=OuterRef("content_type"),
        object_pk=OuterRef("object_pk"),
        site_id=OuterRef("site_id"),
        level=0,
        thread_id__lt=OuterRef("thread_id"),
        is_public=True,
    )
    return Coalesce(Subquery(earlier.order_by().values("object_pk").annotate(n=Count("pk")).values("n")), 0)


def _score(obj):
    return float(getattr(obj, "_score", 0) or 0)


def load(hits):
    """Give the hits shown their specific pages, boroughs and comments, in a fixed number of queries.

    One query for the comments, then one per kind of page (with its borough). A hit whose page
    or comment went away since it was found is left out.
    """
    comments = {
        c.pk: c
        for c in SearchableComment.objects.filter(pk__in=[hit.pk for hit in hits if hit.kind == "comment"]).annotate(
            conversations_before=_conversations_before()
        )
    }
    by_model = defaultdict(set)  # page model -> primary keys
    for hit in hits:
        if hit.kind in PAGE_MODELS:
            by_model[PAGE_MODELS[hit.kind]].add(hit.pk)
    for comment in comments.values():
        by_model[ContentType.objects.get_for_id(comment.content_type_id).model_class()].add(int(comment.object_pk))
    pages = {}
    for model, pks in by_model.items():
        pages.update((page.pk, page) for page in model.objects.filter(pk__in=pks).select_related("borough"))

    loaded = []
    for hit in hits:
        if hit.kind == "comment":
            hit.obj = comments.get(hit.pk)
            hit.page = pages.get(int(hit.obj.object_pk)) if hit.obj else None
        else:
            hit.obj = hit.page = pages.get(hit.pk)
        if hit.page is not None:
            loaded.append(hit)
    return loaded
