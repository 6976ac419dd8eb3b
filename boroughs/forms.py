from django import forms

from core.content_notes import ContentNotesFormMixin
from core.forms import LimitedCharField, NoticesFormattingRemoved


class ThreadForm(NoticesFormattingRemoved, ContentNotesFormMixin):
    folded_what = "your opening post"
    note_example = "talks about the night it happened"

    title = LimitedCharField(
        label="Title",
        max_length=120,
        what="a title",
        help_text="What would you like to talk about? For example: “Safer routes home from school”.",
        error_messages={"required": "Please give your discussion a title."},
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

    @classmethod
    def initial_from(cls, thread):
        """The form's starting values from a thread (its latest revision, when editing)."""
        return {
            "title": thread.title,
            "body": thread.body,
            **cls.notes_initial(thread),
        }

    def clean_title(self):
        return self.cleaned_short_text("title", "Please give your discussion a title.")

    def clean_body(self):
        return self.cleaned_lines("body", "Please write a few words to start the discussion.")
