"""Memorial stories and testimonies that families share.

`StoryPage` is a concrete base (rather than an abstract one) so the stories list,
borough pages and search can query both kinds in one queryset. It is never
created directly.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from boroughs.models import Borough
from core.content_notes import ContentNotes
from core.content_pages import ContentPage
from core.pages import FewerQueriesPage, public
from core.sanitise import story_html


class CommentPolicy(models.TextChoices):
    OPEN = "open", "Open: responses appear once checked by our filters"
    PREMODERATED = "premoderated", "Every response is read by a moderator first"
    CLOSED = "closed", "Closed: no new responses"


class StoryIndexPage(FewerQueriesPage, Page):
    """`/stories/`: every published story, newest first, filterable by borough and kind."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.MemorialPage", "stories.TestimonyPage"]
    max_count = 1

    KINDS = {"memorial": "Memorials", "testimony": "Testimonies"}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = public(StoryPage.objects.live()).descendant_of(self)
        borough = Borough.objects.filter(slug=request.GET.get("borough", "")).first()
        if borough:
            stories = stories.filter(borough=borough)
        kind = request.GET.get("kind", "")
        if kind == "memorial":
            stories = stories.type(MemorialPage)
        elif kind == "testimony":
            stories = stories.type(TestimonyPage)
        else:
            kind = ""
        page_obj = Paginator(stories.order_by("-first_published_at", "-pk"), 10).get_page(request.GET.get("page"))
        context.update(
            stories=page_obj,
            story_cards=StoryPage.cards(page_obj.object_list),
            boroughs=Borough.objects.all(),
            selected_borough=borough,
            selected_kind=kind,
            kinds=self.KINDS,
        )
        return context


class StoryPage(ContentPage, FewerQueriesPage, Page):
    """What memorials and testimonies share: a borough, the text, a content note, an owner."""

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="stories")
    body = models.TextField(
        help_text="Sanitised HTML: paragraphs, line breaks, emphasis, lists and links only.",
    )
    # The safest choices, however a story is made (the share form, the admin, a script); the family
    # can change either at any time.
    comment_policy = models.CharField(
        "who may respond", max_length=20, choices=CommentPolicy.choices, default=CommentPolicy.PREMODERATED
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_engines_allowed = models.BooleanField(
        "let search engines list this story",
        default=False,
        help_text="When off, the story is left out of the sitemap and feeds and asks search engines not to index it.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("borough"),
        ContentNotes.notes_panel("the story"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("comment_policy"), FieldPanel("search_engines_allowed")]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("borough"),
    ]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    is_creatable = False

    kind = "story"
    kind_label = "Story"

    def clean_body(self, value):
        return story_html(value)

    def get_sitemap_urls(self, request=None):
        """Families can keep their story out of search engines, and so out of the sitemap."""
        return super().get_sitemap_urls(request) if self.search_engines_allowed else []

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def withdraw(self, user):
        """The family takes the story down: unpublish it and stop any review in progress."""
        workflow_state = self.current_workflow_state
        if workflow_state:
            workflow_state.cancel(user=user)
        if self.live:
            # The owner may take their own story down, though they may not publish it:
            # the view has checked ownership, so skip Wagtail's editor permission check.
            UnpublishPageAction(self, user=user).execute(skip_permission_checks=True)
            self.refresh_from_db()
        self.withdrawn_at = timezone.now()
        self.save(update_fields=["withdrawn_at"], clean=False)

    @staticmethod
    def cards(stories):
        """The specific pages for a page of results, in order, with their boroughs.

        One query per kind of story on the page (its borough and photo joined in), however
        many stories there are.
        """
        by_type = {}
        for story in stories:
            by_type.setdefault(story.content_type_id, []).append(story.pk)
        specific = {}
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not issubclass(model, StoryPage):
                pages = Page.objects.filter(pk__in=pks).specific()  # not expected: Wagtail's way
            else:
                pages = model.objects.filter(pk__in=pks).select_related(
                    "borough", *(["photo"] if issubclass(model, MemorialPage) else [])
                )
            specific.update((page.pk, page) for page in pages)
        return [specific[s.pk] for s in stories if s.pk in specific]


class MemorialPage(StoryPage):
    """A story about someone who was killed, written by the people who loved them."""

    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = (
        StoryPage.content_panels[:1]
        + [
            MultiFieldPanel(
                [FieldPanel("date_of_birth"), FieldPanel("date_of_death"), FieldPanel("photo")],
                heading="The person remembered",
            ),
        ]
        + StoryPage.content_panels[1:]
    )
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    is_creatable = True
    template = "stories/memorial_page.html"

    kind = "memorial"
    kind_label = "Memorial"

    class Meta:
        verbose_name = "memorial"

    @property
    def person_name(self):
        return self.title

    @property
    def years(self):
        if self.date_of_birth and self.date_of_death:
            return f"{self.date_of_birth.year} – {self.date_of_death.year}"
        if self.date_of_death:
            return f"died {self.date_of_death:%-d %B %Y}"
        return ""


class TestimonyPage(StoryPage):
    """A family member's own account of what happened and what came after."""

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    is_creatable = True
    template = "stories/testimony_page.html"

    kind = "testimony"
    kind_label = "Testimony"

    class Meta:
        verbose_name = "testimony"
        verbose_name_plural = "testimonies"


class Candle(models.Model):
    """One person's candle on a memorial. No words, so nothing to moderate.

    Lit and put out from the memorial page (`stories/candles.py`); one per person per memorial.
    """

    memorial = models.ForeignKey(MemorialPage, on_delete=models.CASCADE, related_name="candles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candles")
    lit_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["memorial", "user"], name="one_candle_per_person")]

    def __str__(self):
        return f"Candle for {self.memorial_id} lit {self.lit_at:%Y-%m-%d}"
