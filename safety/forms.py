from django import forms

from core.forms import LimitedCharField
from core.sanitise import plain_text

from .models import AppealOutcome, Category, ReportOutcome


def _plain(value, message):
    cleaned = plain_text(value or "").strip()
    if value and value.strip() and not cleaned:
        raise forms.ValidationError(message)
    return cleaned


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label="What is wrong with it?",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what is wrong, so the right moderator looks at it first."},
    )
    detail = LimitedCharField(
        label="Anything a moderator should know",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only moderators read this. Please do not repeat names or details that should not be shared.",
    )
    email = forms.EmailField(
        label="Your e-mail address",
        required=False,
        help_text="If you give it, we send you the reference and tell you what we decided. Nobody else sees it.",
        error_messages={"invalid": "That does not look like an e-mail address. You can leave it empty."},
    )

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]  # we write to the address of their account

    def clean_detail(self):
        return _plain(self.cleaned_data["detail"], "That was all formatting and no words. Please write it as text.")


class AppealForm(forms.Form):
    reason = LimitedCharField(
        label="Why should we look at it again?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A different moderator reads this beside the original decision.",
        error_messages={"required": "Please tell us why, so the moderator can weigh it."},
    )
    email = forms.EmailField(
        label="Where should we send the answer?",
        required=False,
        help_text="Leave it empty to use the address we wrote to.",
        error_messages={"invalid": "That does not look like an e-mail address."},
    )

    def clean_reason(self):
        reason = _plain(self.cleaned_data["reason"], "That was all formatting and no words. Please write it as text.")
        if not reason:
            raise forms.ValidationError("Please tell us why, so the moderator can weigh it.")
        return reason


class ComplaintForm(forms.Form):
    name = LimitedCharField(label="Your name", max_length=100, required=False)
    email = forms.EmailField(
        label="Your e-mail address",
        required=False,
        help_text="So we can answer you. Leave it empty if you would rather not hear back.",
        error_messages={"invalid": "That does not look like an e-mail address."},
    )
    about = LimitedCharField(
        label="What went wrong?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Please tell us what went wrong."},
    )

    def clean_name(self):
        return _plain(self.cleaned_data["name"], "Please write your name as plain text.")

    def clean_about(self):
        about = _plain(self.cleaned_data["about"], "That was all formatting and no words. Please write it as text.")
        if not about:
            raise forms.ValidationError("Please tell us what went wrong.")
        return about


class DecideReportForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=ReportOutcome.choices, widget=forms.RadioSelect)
    note = LimitedCharField(
        label="What we tell the reporter",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent only if they left an address. Say what happened, not who did what.",
    )


class DecideAppealForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=AppealOutcome.choices, widget=forms.RadioSelect)
    reason = LimitedCharField(
        label="Your reason (sent to the person who appealed)",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Please give a reason: the person who appealed is told it."},
    )
