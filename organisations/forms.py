from django import forms

from core.forms import LimitedCharField, NoticesFormattingRemoved

from .models import Organisation, Status


class AnswerForm(NoticesFormattingRemoved, forms.Form):
    """An organisation's public answer. The choice of organisation only ever holds the member's own."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Answering for",
        empty_label=None,
        error_messages={"invalid_choice": "You can only answer for an organisation you work for."},
    )
    status = forms.ChoiceField(
        label="Where things stand",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose where things stand."},
    )
    body = LimitedCharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=3000,
        what="answers",
        help_text="Plain text, in public. If this is not something you can do, please say why.",
        error_messages={"required": "Please write a few words for the people who asked."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_body(self):
        return self.cleaned_lines("body", "Please write a few words for the people who asked.")


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.filter(is_verified=True),
        label="Organisations that could act",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Please choose at least one organisation."},
    )
