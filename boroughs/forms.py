from django import forms

from core.content_notes import CONTENT_NOTES
from core.forms import LimitedCharField, NoticesFormattingRemoved, removed_from_lines, removed_from_short_text
from core.sanitise import plain_text
from moderation.text import clean_comment_text


class ThreadForm(NoticesFormattingRemoved, forms.Form):
    title = LimitedCharField(
        label="Title",
        max_length=120,
        what="a title",
        help_text="What would you like to talk about? For example: “Safer routes home from school”.",
        error_messages={"required": "Please give your discussion a title."},
    )
    content_notes = forms.MultipleChoiceField(
        label="Content notes",
        required=False,
        choices=CONTENT_NOTES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Readers see these first, and your opening post stays folded away until they choose to read on. "
        "Tick any that apply.",
    )
    content_note = LimitedCharField(
        label="Anything else readers should know first",
        required=False,
        max_length=200,
        what="a content note",
        help_text="A few words that let readers prepare themselves, for example “talks about the night it happened”.",
    )
    body = LimitedCharField(
        label="Opening post",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        what="discussions",
        help_text="Plain text. Please don't name anyone you believe was involved in a crime, or share addresses or phone numbers.",
        error_messages={"required": "Please write a few words to start the discussion."},
    )

    field_order = ["title", "content_notes", "content_note", "body"]

    def clean_content_note(self):
        self.note_removed("content_note", removed_from_short_text(self.cleaned_data["content_note"]))
        return plain_text(self.cleaned_data["content_note"])

    @classmethod
    def initial_from(cls, thread):
        """The form's starting values from a thread (its latest revision, when editing)."""
        return {
            "title": thread.title,
            "body": thread.body,
            "content_notes": [name for name, _label in CONTENT_NOTES if getattr(thread, name)],
            "content_note": thread.content_note,
        }

    def note_fields(self):
        """The page fields the notes set: {"note_violence": True, ..., "content_note": "..."}."""
        ticked = self.cleaned_data.get("content_notes", [])
        return {
            **{name: name in ticked for name, _label in CONTENT_NOTES},
            "content_note": self.cleaned_data.get("content_note", ""),
        }

    def clean_title(self):
        self.note_removed("title", removed_from_short_text(self.cleaned_data["title"]))
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Please give your discussion a title.")
        return title

    def clean_body(self):
        body = clean_comment_text(self.cleaned_data["body"])
        self.note_removed("body", removed_from_lines(self.cleaned_data["body"], body))
        if not body:
            raise forms.ValidationError("Please write a few words to start the discussion.")
        return body
