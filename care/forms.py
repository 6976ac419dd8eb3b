import datetime

from django import forms
from django.utils import timezone

from core.forms import BrowserDateInput

# A quiet period is for a while (an anniversary, a trial), not for ever: closing comments is for that.
MAX_DAYS = 366


class QuietPeriodForm(forms.Form):
    """The days of a quiet period. With `period` (the current or planned one) the form starts from
    its days, so that saving it untouched keeps that period exactly as it is (`unchanged`)."""

    starts_on = forms.DateField(
        label="First quiet day",
        widget=BrowserDateInput,
        error_messages={"required": "Please choose the first quiet day.", "invalid": "Please enter a date."},
    )
    ends_on = forms.DateField(
        label="Last quiet day",
        widget=BrowserDateInput,
        help_text="Responses open again at midnight after this day, by themselves.",
        error_messages={"required": "Please choose the last quiet day.", "invalid": "Please enter a date."},
    )

    def __init__(self, *args, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = period
        if period is not None:
            self.initial.update(self.days_of(period))

    @staticmethod
    def days_of(period):
        """The first and last quiet day of a period (it ends at midnight after its last day)."""
        first = timezone.localtime(period.starts_at).date()
        last = (timezone.localtime(period.ends_at) - datetime.timedelta(microseconds=1)).date()
        return {"starts_on": first, "ends_on": last}

    def unchanged(self):
        """The days chosen are the existing period's own: nothing to save."""
        chosen = {name: self.cleaned_data.get(name) for name in ("starts_on", "ends_on")}
        return self.existing is not None and chosen == self.days_of(self.existing)

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
