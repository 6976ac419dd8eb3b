"""The home page and the few plain pages (about, community guidelines, privacy)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from core.pages import FewerQueriesPage, public


class HomePage(FewerQueriesPage, Page):
    """The front door: why the forum exists, the newest stories, the boroughs."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome in plain words.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("pinned_stories", label="Pinned stories", max_num=3, heading="Stories to show first"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["stories.StoryIndexPage", "boroughs.BoroughIndexPage", "home.StandardPage"]
    max_count = 1

    LATEST_STORIES = 4
    ACTIVE_THREADS = 5

    def get_context(self, request, *args, **kwargs):
        from boroughs.models import BoroughIndexPage, ThreadPage
        from stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        live = public(StoryPage.objects.live())
        pinned = list(live.filter(home_pins__page=self).order_by("home_pins__sort_order"))
        latest = live.exclude(pk__in=[p.pk for p in pinned]).order_by("-first_published_at", "-pk")
        context["pinned_stories"] = StoryPage.cards(pinned)
        context["latest_stories"] = StoryPage.cards(list(latest[: self.LATEST_STORIES]))
        context["active_threads"] = list(
            ThreadPage.with_activity(public(ThreadPage.objects.live()).select_related("borough"))[
                : self.ACTIVE_THREADS
            ]
        )
        borough_index = BoroughIndexPage.objects.live().first()
        if borough_index:
            context.update(borough_index.borough_context())
        return context


class HomePagePinnedStory(Orderable):
    """A story editors choose to show first on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="pinned_stories")
    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="home_pins")

    panels = [FieldPanel("story")]


class StandardPage(FewerQueriesPage, Page):
    """About, community guidelines, privacy: words that editors keep up to date."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
