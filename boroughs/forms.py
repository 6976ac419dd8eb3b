from django import forms

from core.sanitise import plain_text
from moderation.text import clean_comment_text


class ThreadForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=120,
        help_text="What would you like to talk about? For example: “Safer routes home from school”.",
        error_messages={"required": "Please give your discussion a title."},
    )
    body = forms.CharField(
        label="Opening post",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="Plain text. Please don't name anyone you believe was involved in a crime, or share addresses or phone numbers.",
        error_messages={"required": "Please write a few words to start the discussion."},
    )

    def clean_title(self):
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Please give your discussion a title.")
        return title

    def clean_body(self):
        body = clean_comment_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Please write a few words to start the discussion.")
        return body
