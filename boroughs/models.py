"""London's 33 local authorities and their pages on the forum."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts import marks
from core.comment_text import clean_comment_text
from core.content_notes import ContentNotes
from core.content_pages import ContentPage
from core.pages import FewerQueriesPage, public
from core.paging import page_in_one_query

from . import contents
from .tiles import tile_map


class Borough(models.Model):
    """One of the 32 London boroughs or the City of London, seeded by a data migration."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoroughIndexPage(FewerQueriesPage, Page):
    """`/boroughs/`: every borough, with how many stories each holds."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["boroughs.BoroughPage"]
    max_count = 1

    def serve(self, request, *args, **kwargs):
        """The borough picker (a plain form, so it works without JavaScript) lands here."""
        chosen = BoroughPage.objects.live().child_of(self).filter(borough__slug=request.GET.get("borough", "")).first()
        if chosen:
            return redirect(chosen.url)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.borough_context())
        return context

    def borough_context(self):
        """The tile map and the list of boroughs, with counts, in a fixed number of queries."""
        context = {}
        counts = dict(
            contents.published_stories()
            .order_by()  # the default ordering (by tree path) would split the groups
            .values_list("borough_id")
            .annotate(n=models.Count("pk"))
            .values_list("borough_id", "n")
        )
        pages = list(public(BoroughPage.objects.live()).child_of(self).select_related("borough").order_by("title"))
        threads = dict(
            public(ThreadPage.objects.live())
            .order_by()
            .values_list("borough_id")
            .annotate(n=models.Count("pk"))
            .values_list("borough_id", "n")
        )
        context["borough_pages"] = [(page, counts.get(page.borough_id, 0)) for page in pages]
        context["tiles"] = tile_map(pages, counts, threads)
        return context


class BoroughPage(FewerQueriesPage, Page):
    """`/boroughs/<slug>/`: one borough's stories and its discussion threads."""

    borough = models.OneToOneField(Borough, on_delete=models.PROTECT, related_name="page")
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("borough"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.FilterField("borough")]
    parent_page_types = ["boroughs.BoroughIndexPage"]
    subpage_types = ["boroughs.ThreadPage", "gatherings.GatheringPage"]

    # How a reader can order the borough's discussions.
    THREAD_ORDER = {
        "active": ("-last_active_at", "-pk"),
        "new": ("-first_published_at", "-pk"),
        "replies": ("-response_count", "-last_active_at", "-pk"),
    }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = contents.published_stories().filter(borough_id=self.borough_id).order_by("-first_published_at")
        page_obj = Paginator(stories, 10).get_page(request.GET.get("stories_page"))
        context["stories"] = page_obj
        context["story_cards"] = contents.story_cards(page_obj.object_list)
        sort = request.GET.get("sort", "")
        if sort not in self.THREAD_ORDER:
            sort = "active"
        threads = ThreadPage.with_activity(public(ThreadPage.objects.live()).child_of(self)).order_by(
            *self.THREAD_ORDER[sort]
        )
        context["threads"] = page_in_one_query(threads, request.GET.get("threads_page"), 10)
        for thread in context["threads"]:
            thread.owner_marks = marks.labels(thread)
        context["thread_sort"] = sort
        context["thread_sorts"] = {"active": "Recently active", "new": "Newest", "replies": "Most responses"}
        # The borough (shown on the page) and whether the reader follows it, in one query.
        borough = Borough.objects.filter(pk=self.borough_id)
        if request.user.is_authenticated:
            borough = borough.annotate(**{name: build(request.user) for name, build in contents.reader_facts.items()})
        self.borough = borough.get()
        context["following"] = getattr(self.borough, "following", False)
        return context


class ThreadPage(ContentPage, FewerQueriesPage, Page):
    """A discussion a resident starts in their borough. Moderators approve it before it is published.

    The opening post is plain text, like a comment; replies are comments.
    """

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="threads")
    body = models.TextField("opening post", help_text="Plain text. Links are made clickable; markup is removed.")
    is_closed = models.BooleanField(
        "closed to new responses", default=False, help_text="Existing responses stay; nobody can add more."
    )

    content_panels = Page.content_panels + [
        FieldPanel("borough"),
        ContentNotes.notes_panel("the opening post"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("is_closed")]
    search_fields = Page.search_fields + [index.SearchField("body"), index.FilterField("borough")]
    parent_page_types = ["boroughs.BoroughPage"]
    subpage_types = []

    kind = "thread"
    kind_label = "Discussion"

    class Meta:
        verbose_name = "discussion thread"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The opener's marks (a trained peer supporter) cost a query this page cannot spare (15 at
        # most, issue 18): shown on their replies and in the borough's list until it is folded in.
        context["owner_marks"] = []
        return context

    @property
    def comment_policy(self):
        """Read by the comment moderator, in the same terms as a story's policy."""
        return "closed" if self.is_closed else "open"

    def clean_body(self, value):
        return clean_comment_text(value)

    @staticmethod
    def with_activity(threads):
        """Threads with `response_count` and `last_active_at`, most recently active first, in one query."""
        from django_comments_xtd.models import XtdComment

        public = XtdComment.norel_objects.filter(
            content_type=ContentType.objects.get_for_model(ThreadPage),
            object_pk=Cast(models.OuterRef("pk"), models.CharField()),
            site_id=settings.SITE_ID,
            is_public=True,
            is_removed=False,
        )
        count = public.order_by().values("object_pk").annotate(n=models.Count("pk")).values("n")
        latest = public.order_by("-submit_date").values("submit_date")[:1]
        return (
            marks.annotate(threads.select_related("owner__profile"), "owner_id")
            .annotate(
                response_count=Coalesce(models.Subquery(count, output_field=models.IntegerField()), 0),
                last_active_at=Coalesce(models.Subquery(latest), "first_published_at"),
            )
            .order_by("-last_active_at", "-pk")
        )
