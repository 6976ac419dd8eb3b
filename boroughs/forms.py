from django import forms

from core.comment_text import clean_comment_text
from core.content_notes import ContentNotesFormMixin
from core.forms import LimitedCharField, NoticesFormattingRemoved, removed_from_lines, removed_from_short_text
from core.sanitise import plain_text


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
