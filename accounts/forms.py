from django import forms

from core.sanitise import plain_text

from .models import Profile


class SignupExtraForm(forms.Form):
    """Extra sign-up field for django-allauth: the name people see."""

    display_name = forms.CharField(
        max_length=60,
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
    message = forms.CharField(
        label="Tell the moderators who you are remembering (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReadingPreferencesForm(forms.ModelForm):
    """How stories with content notes open for this reader."""

    class Meta:
        model = Profile
        fields = ["content_notes"]
        labels = {"content_notes": "When a story has content notes"}
        widgets = {"content_notes": forms.RadioSelect}
