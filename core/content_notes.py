"""Content notes: what a story or a discussion describes, told to readers before they read it.

Shared by `stories.StoryPage` and `boroughs.ThreadPage`, so both carry the same notes and
are shown (folded, never on cards or in previews) in the same way.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.sanitise import plain_text

# The structured notes: (field name, what readers are told), in the order they are shown.
CONTENT_NOTES = [
    ("note_violence", "Describes violence"),
    ("note_court_case", "Describes a court case"),
    ("note_photo", "Shows a photo of the person who died"),
    ("note_suicide_self_harm", "Mentions suicide or self-harm"),
]


class ContentNotes(models.Model):
    """The four note categories and the writer's own words."""

    content_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Tells readers what it describes before they read it, e.g. 'describes a knife attack'.",
    )
    note_violence = models.BooleanField("describes violence", default=False)
    note_court_case = models.BooleanField("describes a court case", default=False)
    note_photo = models.BooleanField("shows a photo of the person who died", default=False)
    note_suicide_self_harm = models.BooleanField("mentions suicide or self-harm", default=False)

    class Meta:
        abstract = True

    @staticmethod
    def notes_panel(what):
        return MultiFieldPanel(
            [*(FieldPanel(name) for name, _ in CONTENT_NOTES), FieldPanel("content_note")],
            heading="Content notes",
            help_text=f"Readers see these first; {what} stays folded away until they choose to read on.",
        )

    def sanitise_content_note(self):
        self.content_note = plain_text(self.content_note)

    @property
    def content_note_labels(self):
        """What readers are told first, in a fixed order."""
        return [label for name, label in CONTENT_NOTES if getattr(self, name)]

    @property
    def has_content_notes(self):
        """Any note at all (a category or the writer's own words) folds the text away on its page
        and keeps its words and photo off every card."""
        return bool(self.content_note) or any(getattr(self, name) for name, _ in CONTENT_NOTES)
