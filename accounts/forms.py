from allauth.account.adapter import get_adapter
from allauth.account.fields import PasswordField
from django import forms
from django.conf import settings
from django.utils.html import format_html

from core.forms import LimitedCharField
from core.sanitise import plain_text

from .models import Profile, TermsAcceptance

# Members must be 18 or over: docs/online-safety/childrens-access-assessment.md explains why.
ADULT, UNDER_18 = "18_or_over", "under_18"
AGE_REASON = "London Listens talks about violent deaths, so members must be 18 or over."
# The legal pages' slugs (home/legal_pages.py; accounts may not import home).
TERMS_URL, GUIDELINES_URL = "/terms/", "/community-guidelines/"


class SignupExtraForm(forms.Form):
    """Extra sign-up field for django-allauth: the name people see."""

    display_name = LimitedCharField(
        max_length=60,
        what="a display name",
        label="Display name",
        help_text="Shown beside what you write. A first name or a pseudonym is fine.",
    )

    age = forms.ChoiceField(
        label="How old are you?",
        help_text=AGE_REASON,
        choices=[(ADULT, "I am 18 or over"), (UNDER_18, "I am under 18")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please tell us whether you are 18 or over.",
            "invalid_choice": "Please choose one.",
        },
    )
    agree_to_terms = forms.BooleanField(
        label="I agree to the terms of service and the community guidelines",
        help_text=format_html(
            'Read the <a href="{}" target="_blank" rel="noopener">terms of service</a> and the '
            '<a href="{}" target="_blank" rel="noopener">community guidelines</a> '
            "(each opens in a new tab, so nothing you have typed here is lost).",
            TERMS_URL,
            GUIDELINES_URL,
        ),
        error_messages={
            "required": "Please tick this box to join. You can read both first: the links open in a new tab."
        },
    )

    @property
    def too_young(self):
        """Someone who says they are under 18 is shown where to find help instead, and nothing is kept
        (the form is then never valid, so allauth creates no user, no address and sends no e-mail)."""
        return self.is_bound and self.data.get("age") == UNDER_18

    def clean_display_name(self):
        name = plain_text(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please choose a display name made of letters or numbers.")
        return name

    def clean_age(self):
        if self.cleaned_data["age"] != ADULT:
            raise forms.ValidationError(AGE_REASON)
        return ADULT

    def signup(self, request, user):
        user.profile.display_name = self.cleaned_data["display_name"]
        user.profile.save()
        TermsAcceptance.objects.create(user=user, version=settings.TERMS_VERSION)


class FamilyRoleRequestForm(forms.Form):
    # The field template adds "(optional)" to the label of every field that is not required.
    message = LimitedCharField(
        label="Tell the moderators who you are remembering",
        required=False,
        max_length=2000,
        what="a request",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReadingPreferencesForm(forms.ModelForm):
    """How stories with content notes open for this reader."""

    class Meta:
        model = Profile
        fields = ["content_notes"]
        labels = {"content_notes": "When a story has content notes"}
        widgets = {"content_notes": forms.RadioSelect}


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again (allauth checks it, and counts failures
    towards the same sign-in rate limit)."""

    password = PasswordField(label="Your password", autocomplete="current-password")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(
                "That password did not match. Nothing has been deleted. "
                "Please try again, or use “Forgotten your password?” on the sign-in page."
            )
        return password


class TermsAgainForm(forms.Form):
    """A new version of the terms: the member agrees again (accounts/terms.py)."""

    agree_to_terms = forms.BooleanField(
        label="I agree to the new terms of service and the community guidelines",
        error_messages={
            "required": "Please tick the box to agree and carry on. You can read the terms first: "
            "the link opens in a new tab."
        },
    )
