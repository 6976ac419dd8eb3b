from django import forms
from django.db import models

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


class AskAboutTestimonyForm(forms.Form):
    """A family asks one named, verified organisation to answer their testimony, and consents to share it."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_verified=True),
        label="Which organisation",
        empty_label="Choose an organisation",
        help_text="Only verified organisations are listed. You can ask others afterwards.",
        error_messages={
            "required": "Please choose the organisation you would like to answer.",
            "invalid_choice": "Please choose one of the organisations listed.",
        },
    )
    consent = forms.BooleanField(
        label="I agree to share my testimony with this organisation, so that they can read it and answer it in public",
        help_text="Their answer is shown under your testimony after a moderator has read it, and we e-mail you.",
        error_messages={"required": "Please tick the box to agree, or we cannot ask them."},
    )

    def __init__(self, *args, borough=None, **kwargs):
        super().__init__(*args, **kwargs)
        if borough is not None:
            # The organisations covering the testimony's borough come first; every verified one is offered.
            self.fields["organisation"].queryset = (
                Organisation.objects.filter(is_verified=True)
                .annotate(covers=models.Exists(Organisation.boroughs.through.objects.filter(
                    organisation=models.OuterRef("pk"), borough=borough)))
                .order_by("-covers", "name")
            )  # fmt: skip
