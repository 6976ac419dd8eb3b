"""Content notes: what a story or a discussion describes, told to readers before they read it.

Shared by `stories.StoryPage` and `boroughs.ThreadPage`, so both carry the same notes and
are shown (folded, never on cards or in previews) in the same way.
"""

from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from core.forms import LimitedCharField, removed_from_short_text
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


class ContentNotesFormMixin(forms.Form):
    """The content-note fields of the story and discussion forms, and what they set on the page.

    A form names what stays folded (`folded_what`) and gives an example note (`note_example`);
    it needs `NoticesFormattingRemoved` for `note_removed`.
    """

    folded_what = "your text"
    note_example = "describes a knife attack"

    content_notes = forms.MultipleChoiceField(
        label="Content notes",
        required=False,
        choices=CONTENT_NOTES,
        widget=forms.CheckboxSelectMultiple,
    )
    content_note = LimitedCharField(
        label="Anything else readers should know first",
        required=False,
        max_length=200,
        what="a content note",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_notes"].help_text = (
            f"Readers see these first, and {self.folded_what} stays folded away until they choose to read on. "
            "Tick any that apply."
        )
        self.fields[
            "content_note"
        ].help_text = f"A few words that let readers prepare themselves, for example “{self.note_example}”."

    def clean_content_note(self):
        typed = self.cleaned_data["content_note"]
        self.note_removed("content_note", removed_from_short_text(typed))
        return plain_text(typed)

    def note_fields(self):
        """The page fields the notes set: {"note_violence": True, ..., "content_note": "..."}."""
        ticked = self.cleaned_data.get("content_notes", [])
        return {
            **{name: name in ticked for name, _label in CONTENT_NOTES},
            "content_note": self.cleaned_data.get("content_note", ""),
        }

    @staticmethod
    def notes_initial(page):
        """The fields' starting values from a page (its latest revision, when editing)."""
        return {
            "content_notes": [name for name, _label in CONTENT_NOTES if getattr(page, name)],
            "content_note": page.content_note,
        }
