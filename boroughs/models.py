"""London's 33 local authorities and their pages on the forum."""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class Borough(models.Model):
    """One of the 32 London boroughs or the City of London, seeded by a data migration."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoroughIndexPage(Page):
    """`/boroughs/`: every borough, with how many stories each holds."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["boroughs.BoroughPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        counts = dict(
            StoryPage.objects.live()
            .public()
            .order_by()  # the default ordering (by tree path) would split the groups
            .values_list("borough_id")
            .annotate(n=models.Count("pk"))
            .values_list("borough_id", "n")
        )
        pages = BoroughPage.objects.live().public().child_of(self).select_related("borough")
        context["borough_pages"] = [(page, counts.get(page.borough_id, 0)) for page in pages.order_by("title")]
        return context


class BoroughPage(Page):
    """`/boroughs/<slug>/`: one borough's stories (and, later, its discussion threads)."""

    borough = models.OneToOneField(Borough, on_delete=models.PROTECT, related_name="page")
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("borough"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.FilterField("borough")]
    parent_page_types = ["boroughs.BoroughIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from stories.models import StoryPage

        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.live().public().filter(borough=self.borough).order_by("-first_published_at")
        page_obj = Paginator(stories, 10).get_page(request.GET.get("page"))
        context["stories"] = page_obj
        context["story_cards"] = StoryPage.cards(page_obj.object_list)
        return context
