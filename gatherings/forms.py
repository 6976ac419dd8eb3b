"""Proposing a gathering, changing its practical details, and the short account afterwards.

Times are typed as a date and a time in London (what the organiser reads on a poster); they are
turned into an aware datetime here. A time the clocks skip (1:00–1:59 on the last Sunday of
March) is refused kindly; a time that happens twice (1:00–1:59 on the last Sunday of October) is
taken as the first, still in summer time, and the page says so.
"""

from datetime import UTC, datetime, timedelta

from django import forms
from django.utils import timezone

from core.forms import (
    BrowserDateInput,
    BrowserTimeInput,
    LimitedCharField,
    NoticesFormattingRemoved,
)

from .models import AUDIENCES, EVERYONE, LONDON

MAX_PLACES = 500


def london_datetime(day, time):
    """The aware moment a Londoner means by `day` at `time`, or None when the clocks skip that time."""
    naive = datetime.combine(day, time)
    moment = naive.replace(tzinfo=LONDON)  # fold=0: the earlier of two, in October
    in_utc = moment.astimezone(UTC)
    if in_utc.astimezone(LONDON).replace(tzinfo=None) != naive:
        return None
    # In UTC: Python subtracts and compares two datetimes that share a tzinfo by their wall clocks,
    # so 00:30 to 02:30 on the October night would be two hours instead of three.
    return in_utc


class WhenFields(forms.Form):
    starts_on = forms.DateField(label="Date it starts", widget=BrowserDateInput)
    starts_time = forms.TimeField(label="Time it starts", widget=BrowserTimeInput, help_text="London time.")
    ends_on = forms.DateField(label="Date it ends", widget=BrowserDateInput, help_text="Usually the same day.")
    ends_time = forms.TimeField(label="Time it ends", widget=BrowserTimeInput, help_text="London time.")
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=MAX_PLACES,
        help_text="How many people the room holds. When it is full, people can join a waiting list.",
    )
    address = LimitedCharField(
        label="Exact address",
        max_length=300,
        what="an address",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only people with a confirmed place ever see this: in their confirmation, "
        "the reminder and their own page. Please use a public venue, never a home address.",
        error_messages={"required": "Please give the address so confirmed attendees can find it."},
    )

    CLOCKS_SKIP = "The clocks go forward that night, so {time} does not happen in London. Please choose another time."

    def clean_address(self):
        return self.cleaned_lines("address", "Please give the address so confirmed attendees can find it.")

    def clean(self):
        data = super().clean()
        starts = ends = None
        if data.get("starts_on") and data.get("starts_time"):
            starts = london_datetime(data["starts_on"], data["starts_time"])
            if starts is None:
                self.add_error("starts_time", self.CLOCKS_SKIP.format(time=data["starts_time"].strftime("%H:%M")))
        if data.get("ends_on") and data.get("ends_time"):
            ends = london_datetime(data["ends_on"], data["ends_time"])
            if ends is None:
                self.add_error("ends_time", self.CLOCKS_SKIP.format(time=data["ends_time"].strftime("%H:%M")))
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_time", "It ends before it starts. Please check the end date and time.")
            elif ends - starts > timedelta(days=3):
                self.add_error("ends_on", "A gathering can last up to three days. Please check the end date.")
        if starts and starts <= timezone.now() and not getattr(self, "allow_past_start", False):
            self.add_error("starts_on", "This date has already passed. Please choose a day that is still to come.")
        data["starts_at"], data["ends_at"] = starts, ends
        return data

    @staticmethod
    def initial_from(gathering):
        start, end = gathering.london_start, gathering.london_end
        return {
            "starts_on": start.date(),
            "starts_time": start.time().replace(second=0, microsecond=0),
            "ends_on": end.date(),
            "ends_time": end.time().replace(second=0, microsecond=0),
            "capacity": gathering.capacity,
            "address": gathering.address,
        }


class ChangeForm(NoticesFormattingRemoved, WhenFields):
    """What the organiser may change at once (everyone on the list is told).

    A time left as it was keeps its moment, even 1:30 on the October night that has two of them.
    """

    allow_past_start = False

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        data = super().clean()
        if self.current is not None:
            for name, day, time in (("starts_at", "starts_on", "starts_time"), ("ends_at", "ends_on", "ends_time")):
                was = timezone.localtime(getattr(self.current, name), LONDON)
                if data.get(day) == was.date() and data.get(time) == was.time().replace(second=0, microsecond=0):
                    data[name] = getattr(self.current, name)
        return data

    def details(self):
        return {name: self.cleaned_data[name] for name in ("starts_at", "ends_at", "capacity", "address")}


def _short_text(label, what, help_text, required):
    """A one-line plain-text field of the page (120 characters, as the model's)."""
    return LimitedCharField(
        label=label, max_length=120, what=what, help_text=help_text, error_messages={"required": required}
    )


class ProposeForm(NoticesFormattingRemoved, WhenFields):
    title = _short_text(
        "Name of the gathering",
        "a name",
        "For example: “A sharing evening” or “Remembrance walk along the river”.",
        "Please give the gathering a name.",
    )
    description = LimitedCharField(
        label="What happens",
        max_length=3000,
        what="a description",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What people can expect, and anything they might bring. Plain text.",
        error_messages={"required": "Please say a few words about what happens."},
    )
    audience = forms.ChoiceField(
        label="Who it is for",
        choices=AUDIENCES,
        initial=EVERYONE,
        widget=forms.RadioSelect,
        help_text="A gathering for bereaved families only is shown in full only to members with the family role.",
    )
    area = _short_text(
        "Area (shown to everyone)",
        "an area",
        "Somewhere people can picture without the address, e.g. “a community hall near the high street”.",
        "Please say roughly where it is.",
    )
    organiser_name = _short_text(
        "Organised by",
        "an organiser's name",
        "Your name as you would like it shown, or your group's.",
        "Please say who is organising it.",
    )
    step_free = forms.BooleanField(label="Step-free access", required=False)
    hearing_loop = forms.BooleanField(label="Hearing loop", required=False)
    quiet_room = forms.BooleanField(label="A quiet room to step away to", required=False)
    memorial = forms.ModelChoiceField(
        label="Held in memory of (optional)",
        required=False,
        queryset=None,
        empty_label="Nobody in particular",
        help_text="The memorial page will list this gathering.",
    )

    field_order = [
        "title",
        "description",
        "audience",
        "starts_on",
        "starts_time",
        "ends_on",
        "ends_time",
        "area",
        "address",
        "capacity",
        "step_free",
        "hearing_loop",
        "quiet_room",
        "organiser_name",
        "memorial",
    ]

    def __init__(self, *args, memorials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["memorial"].queryset = memorials

    def clean_title(self):
        return self.cleaned_short_text("title", "Please give the gathering a name.")

    def clean_area(self):
        return self.cleaned_short_text("area", "Please say roughly where it is.")

    def clean_organiser_name(self):
        return self.cleaned_short_text("organiser_name", "Please say who is organising it.")

    def clean_description(self):
        return self.cleaned_lines("description", "Please say a few words about what happens.")

    def page_fields(self):
        names = [
            "title",
            "description",
            "audience",
            "starts_at",
            "ends_at",
            "area",
            "address",
            "capacity",
            "step_free",
            "hearing_loop",
            "quiet_room",
            "organiser_name",
            "memorial",
        ]
        return {name: self.cleaned_data[name] for name in names}


class AfterwardsForm(NoticesFormattingRemoved, forms.Form):
    account_afterwards = LimitedCharField(
        label="How it went",
        max_length=1500,
        what="an account",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few words for those who could not come. A moderator reads it before it is shown. "
        "Please don't name anyone who was there without asking them.",
        error_messages={"required": "Please write a few words about how it went."},
    )

    def clean_account_afterwards(self):
        return self.cleaned_lines("account_afterwards", "Please write a few words about how it went.")
