"""The public "share a story" forms. Everything is re-checked here; nothing is trusted."""

from django import forms
from django.utils import timezone

from boroughs.models import Borough
from core.content_notes import ContentNotesFormMixin
from core.forms import (
    BrowserDateInput,
    LimitedCharField,
    NoticesFormattingRemoved,
    removed_from_short_text,
    removed_from_story,
)
from core.sanitise import plain_text, story_html, story_text

from .models import CommentPolicy
from .photos import check_photo

BODY_MAX_CHARS = 30_000


class StoryForm(NoticesFormattingRemoved, ContentNotesFormMixin):
    folded_what = "your story"
    note_example = "describes a knife attack"

    borough = forms.ModelChoiceField(
        queryset=Borough.objects.all(),
        empty_label="Choose a borough",
        help_text="Where it happened, or where they lived. It decides which borough page shows the story.",
        error_messages={"required": "Please choose the borough this story belongs to."},
    )
    # A new story starts with the safest choices; the family can change either, now or later.
    comment_policy = forms.ChoiceField(
        label="Responses to this story",
        choices=CommentPolicy.choices,
        initial=CommentPolicy.PREMODERATED,
        widget=forms.RadioSelect,
        help_text="To begin with, a moderator reads every response before anyone else can see it, "
        "so nothing unkind reaches you or your family. You can open or close responses whenever you like.",
        error_messages={"required": "Please choose who may respond to this story."},
    )

    search_engines_allowed = forms.BooleanField(
        label="Let search engines such as Google list this story",
        required=False,
        initial=False,
        help_text="Left unticked, people find your story only on London Listens itself, not by searching "
        "for their name on Google. Tick it if you would like it to be found that way too.",
    )

    body_label = "Your story"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = LimitedCharField(
            label=self.body_label,
            max_length=BODY_MAX_CHARS,
            what="a story",
            advice="Or you could split it into two stories.",
            widget=forms.Textarea(attrs={"rows": 14}),
            help_text="Write as much or as little as you like. Leave a blank line between paragraphs.",
            error_messages={"required": "Please write something before saving."},
        )
        self.order_fields(self.field_order_names)

    field_order_names = [
        "borough",
        "body",
        "content_notes",
        "content_note",
        "comment_policy",
        "search_engines_allowed",
    ]

    def clean_body(self):
        typed = self.cleaned_data["body"]
        self.note_removed("body", removed_from_story(typed))
        body = story_html(typed)
        if not plain_text(body):
            raise forms.ValidationError("Please write something before saving: only formatting was left.")
        return body

    def apply_to(self, page):
        """Copy the cleaned data onto a page (new, or the latest revision of an existing one)."""
        page.borough = self.cleaned_data["borough"]
        page.body = self.cleaned_data["body"]
        for name, value in self.note_fields().items():
            setattr(page, name, value)
        page.comment_policy = self.cleaned_data["comment_policy"]
        page.search_engines_allowed = self.cleaned_data["search_engines_allowed"]

    @classmethod
    def initial_from(cls, page):
        return {
            "borough": page.borough_id,
            "body": story_text(page.body),  # the words the family typed, never the stored HTML
            **cls.notes_initial(page),
            "comment_policy": page.comment_policy,
            "search_engines_allowed": page.search_engines_allowed,
        }


class MemorialForm(StoryForm):
    person_name = LimitedCharField(
        label="Their name",
        max_length=120,
        what="a name",
        help_text="The name you would like them to be remembered by.",
        error_messages={"required": "Please tell us the name of the person you are remembering."},
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        widget=BrowserDateInput,
        error_messages={"invalid": "Please enter the date of birth as a full date, for example 27 3 2004."},
    )
    date_of_death = forms.DateField(
        label="Date they died",
        required=False,
        widget=BrowserDateInput,
        error_messages={"invalid": "Please enter the date as a full date, for example 27 3 2024."},
    )
    photo = forms.FileField(
        label="A photo of them",
        required=False,
        help_text="A JPEG, PNG or WebP photo, up to 8 MB. We remove hidden details such as location before storing it.",
    )
    photo_alt = LimitedCharField(
        label="Describe the photo for people who cannot see it",
        required=False,
        max_length=250,
        what="a description",
        help_text="For example “Sam smiling at a family wedding, wearing a blue suit”.",
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)

    body_label = "Their story"
    field_order_names = [
        "person_name",
        "date_of_birth",
        "date_of_death",
        "photo",
        "photo_alt",
        "remove_photo",
        "borough",
        "body",
        "content_notes",
        "content_note",
        "comment_policy",
        "search_engines_allowed",
    ]

    def __init__(self, *args, has_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_photo = has_photo
        if not has_photo:
            del self.fields["remove_photo"]

    def clean_person_name(self):
        self.note_removed("person_name", removed_from_short_text(self.cleaned_data["person_name"]))
        name = plain_text(self.cleaned_data["person_name"])
        if not name:
            raise forms.ValidationError("Please write their name in letters rather than symbols.")
        return name

    def clean_photo_alt(self):
        self.note_removed("photo_alt", removed_from_short_text(self.cleaned_data["photo_alt"]))
        return plain_text(self.cleaned_data["photo_alt"])

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            check_photo(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        born, died = cleaned.get("date_of_birth"), cleaned.get("date_of_death")
        if born and born > today:
            self.add_error("date_of_birth", "The date of birth can’t be in the future.")
        if died and died > today:
            self.add_error("date_of_death", "The date they died can’t be in the future.")
        if born and died and born > died:
            self.add_error("date_of_death", "The date they died is before their date of birth. Please check both.")
        if cleaned.get("photo") and not cleaned.get("photo_alt"):
            self.add_error(
                "photo_alt", "Please describe the photo, so that people who use screen readers know what it shows."
            )
        if self.files.get("photo") and self.errors:
            # Browsers cannot refill a file input: say so, rather than losing it silently.
            self.add_error(
                None,
                "Your photo was not saved because of the problems below. Please choose it again after fixing them.",
            )
        return cleaned

    def apply_to(self, page):
        super().apply_to(page)
        page.title = self.cleaned_data["person_name"]
        page.date_of_birth = self.cleaned_data["date_of_birth"]
        page.date_of_death = self.cleaned_data["date_of_death"]
        if self.cleaned_data.get("remove_photo"):
            page.photo = None

    @classmethod
    def initial_from(cls, page):
        initial = super().initial_from(page)
        initial.update(
            person_name=page.title,
            date_of_birth=page.date_of_birth,
            date_of_death=page.date_of_death,
            photo_alt=page.photo.description if page.photo else "",
        )
        return initial


class TestimonyForm(StoryForm):
    title = LimitedCharField(
        label="Title",
        max_length=150,
        what="a title",
        help_text="A few words that sum up your account.",
        error_messages={"required": "Please give your testimony a title."},
    )

    body_label = "Your account"
    field_order_names = [
        "title",
        "borough",
        "body",
        "content_notes",
        "content_note",
        "comment_policy",
        "search_engines_allowed",
    ]

    def clean_title(self):
        self.note_removed("title", removed_from_short_text(self.cleaned_data["title"]))
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Please write a title in words rather than symbols.")
        return title

    def apply_to(self, page):
        super().apply_to(page)
        page.title = self.cleaned_data["title"]

    @classmethod
    def initial_from(cls, page):
        initial = super().initial_from(page)
        initial["title"] = page.title
        return initial
