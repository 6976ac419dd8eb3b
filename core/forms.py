"""Form pieces every form uses, so that what a browser shows and sends is what the server expects.

- `BrowserDateInput`: a date input always renders its value as yyyy-mm-dd. A browser's
  `<input type="date">` shows and sends only that format; a localised value ("12/04/2001",
  Django's en-GB default) is shown as an empty box and sent empty, so saving an untouched form
  would wipe the date.
- `LimitedCharField`: the length limit is checked on the server only. A `maxlength` attribute
  makes the browser cut pasted text silently; here the person is told how much to cut, and the
  form comes back with every character they typed.
- `formatting_removed`: whether sanitising took out markup someone typed, so the page can say so.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

from .comment_text import clean_comment_text
from .sanitise import plain_text, story_html, story_text, text_with_paragraphs

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class BrowserDateInput(forms.DateInput):
    """`<input type="date">` with its value as yyyy-mm-dd, the only format a browser shows and sends."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class BrowserTimeInput(forms.TimeInput):
    """`<input type="time">` with its value as hh:mm, the only format a browser shows and sends."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_TIME)


def normalise_newlines(text):
    """Browsers send a textarea's line breaks as CR LF: count and keep each as one "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _plural(count, word):
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def too_long_message(length, limit, what, advice=""):
    """ "This is 3,214 characters; responses can be up to 3,000. Please shorten it by 214 characters." """
    message = (
        f"This is {_plural(length, 'character')}; {what} can be up to {limit:,}. "
        f"Please shorten it by {_plural(length - limit, 'character')}."
    )
    return f"{message} {advice}" if advice else message


class TextLimitValidator:
    def __init__(self, limit, what, advice=""):
        self.limit, self.what, self.advice = limit, what, advice

    def __call__(self, value):
        if len(value) > self.limit:
            message = too_long_message(len(value), self.limit, self.what, self.advice)
            raise ValidationError(message, code="max_length")


class LimitedCharField(forms.CharField):
    """A CharField whose limit never becomes a truncating `maxlength` attribute.

    `what` names the thing in the refusal ("responses", "a title"), `advice` may follow it.
    Line breaks are normalised to "\\n" first, so a browser's CR LF does not count twice.
    """

    def __init__(self, *, max_length, what="answers here", advice="", **kwargs):
        self.limit = max_length
        super().__init__(**kwargs)
        self.validators.append(TextLimitValidator(max_length, what, advice))

    def to_python(self, value):
        return normalise_newlines(super().to_python(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


# What a browser would start a tag or comment with ("a < b" is just text).
_TAG_LIKE = re.compile(r"<[a-zA-Z!/?]")


def removed_from_short_text(typed):
    """Did `plain_text` take markup out of a one-line field (a title, a name)?"""
    typed = str(typed or "")
    return bool(_TAG_LIKE.search(typed)) and plain_text(typed) != " ".join(typed.split())


def removed_from_story(typed):
    """Did `story_html` take markup out of story text (more than turning blank lines into paragraphs)?"""
    typed = normalise_newlines(str(typed or ""))
    return bool(_TAG_LIKE.search(typed)) and story_text(story_html(typed)) != text_with_paragraphs(typed)


def removed_from_lines(typed, cleaned):
    """Did the line-by-line plain text of a response or discussion take markup out?"""
    typed = normalise_newlines(str(typed or ""))
    if not _TAG_LIKE.search(typed):
        return False
    return [" ".join(line.split()) for line in typed.split("\n") if line.strip()] != [
        line for line in cleaned.split("\n") if line.strip()
    ]


FORMATTING_REMOVED = (
    "We removed some formatting (HTML tags) from {fields}: only plain text, paragraphs and line breaks are kept. "
    "Please check it reads as you meant."
)


class NoticesFormattingRemoved:
    """A form mixin: `form.formatting_removed` lists the labels of fields sanitising took markup out of.

    Each field's clean method calls `self.note_removed(name, removed)`; the view then calls
    `tell_about_removed_formatting(request, form)`, so the person is told on the next page.
    """

    def note_removed(self, name, removed):
        if not hasattr(self, "_formatting_removed"):
            self._formatting_removed = []
        if removed and name not in self._formatting_removed:
            self._formatting_removed.append(name)

    def cleaned_short_text(self, name, required):
        """A one-line field as plain text, noting any markup taken out; `required` when nothing is left."""
        self.note_removed(name, removed_from_short_text(self.cleaned_data[name]))
        value = plain_text(self.cleaned_data[name])
        if not value:
            raise ValidationError(required)
        return value

    def cleaned_lines(self, name, required):
        """A text box as a response is kept (lines, no markup), noting what was taken out."""
        text = clean_comment_text(self.cleaned_data[name])
        self.note_removed(name, removed_from_lines(self.cleaned_data[name], text))
        if not text:
            raise ValidationError(required)
        return text

    @property
    def formatting_removed(self):
        names = getattr(self, "_formatting_removed", [])
        return [str(self.fields[name].label or name).lower() for name in names if name in self.fields]

    def formatting_notice(self):
        labels = self.formatting_removed
        if not labels:
            return ""
        quoted = [f"“{label}”" for label in labels]
        fields = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
        return FORMATTING_REMOVED.format(fields=fields)


def tell_about_removed_formatting(request, form):
    notice = form.formatting_notice() if hasattr(form, "formatting_notice") else ""
    if notice:
        messages.warning(request, notice)
