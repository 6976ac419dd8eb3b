import datetime

from django import forms
from django.utils import timezone

# A quiet period is for a while (an anniversary, a trial), not for ever: closing comments is for that.
MAX_DAYS = 366


class QuietPeriodForm(forms.Form):
    starts_on = forms.DateField(
        label="First quiet day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Please choose the first quiet day.", "invalid": "Please enter a date."},
    )
    ends_on = forms.DateField(
        label="Last quiet day",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Responses open again at midnight after this day, by themselves.",
        error_messages={"required": "Please choose the last quiet day.", "invalid": "Please enter a date."},
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on is None or ends_on is None:
            return data
        today = timezone.localdate()
        if ends_on < today:
            raise forms.ValidationError("The last quiet day has already passed. Please choose today or a later day.")
        if ends_on < starts_on:
            raise forms.ValidationError("The last quiet day needs to be on or after the first one.")
        if (ends_on - starts_on).days >= MAX_DAYS:
            raise forms.ValidationError(
                "A quiet period can last up to a year. To stop responses for longer, you can close them instead."
            )
        return data

    def period(self):
        """(starts_at, ends_at): from the start of the first day (or now) to midnight after the last day."""
        zone = timezone.get_current_timezone()

        def midnight(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), zone)

        starts_at = max(midnight(self.cleaned_data["starts_on"]), timezone.now())
        ends_at = midnight(self.cleaned_data["ends_on"] + datetime.timedelta(days=1))
        return starts_at, ends_at
