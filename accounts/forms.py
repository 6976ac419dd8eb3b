from allauth.account.adapter import get_adapter
from allauth.account.fields import PasswordField
from django import forms

from core.forms import LimitedCharField
from core.sanitise import plain_text

from .models import Profile


class SignupExtraForm(forms.Form):
    """Extra sign-up field for django-allauth: the name people see."""

    display_name = LimitedCharField(
        max_length=60,
        what="a display name",
        label="Display name",
        help_text="Shown beside what you write. A first name or a pseudonym is fine.",
    )

    def clean_display_name(self):
        name = plain_text(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError("Please choose a display name made of letters or numbers.")
        return name

    def signup(self, request, user):
        user.profile.display_name = self.cleaned_data["display_name"]
        user.profile.save()


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
