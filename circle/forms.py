"""The circle's forms. Every limit is checked by the form and told (never a cutting `maxlength`);
markup is removed and the member is told when it was."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from boroughs.models import Borough
from core.forms import LimitedCharField, NoticesFormattingRemoved
from core.sanitise import plain_text

from .models import FamilyListing, LossKind, PeerSupporter, Route

GENTLE = (
    "Plain text. Please don't name anyone you believe was involved in a crime, or share addresses or phone numbers."
)


class DiscussionForm(NoticesFormattingRemoved, forms.Form):
    title = LimitedCharField(
        label="Title",
        max_length=120,
        what="a title",
        error_messages={"required": "Please give your discussion a title."},
    )
    body = LimitedCharField(
        label="What would you like to talk about?",
        max_length=5000,
        what="discussions",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=GENTLE,
        error_messages={"required": "Please write a few words to start the discussion."},
    )

    def clean_title(self):
        return self.cleaned_short_text("title", "Please give your discussion a title.")

    def clean_body(self):
        return self.cleaned_lines("body", "Please write a few words to start the discussion.")


class ReplyForm(NoticesFormattingRemoved, forms.Form):
    body = LimitedCharField(
        label="Your reply",
        max_length=3000,
        what="replies",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=GENTLE,
        error_messages={"required": "Please write your reply before sending it."},
    )

    def clean_body(self):
        return self.cleaned_lines("body", "Please write your reply before sending it.")


class ContactField(LimitedCharField):
    def __init__(self, **kwargs):
        super().__init__(
            max_length=200,
            what="a contact",
            help_text="An e-mail address or a phone number. It is shown to the other family only if you both agree.",
            error_messages={"required": "Please say how the other family can reach you."},
            **kwargs,
        )


class ListingForm(forms.ModelForm):
    """Findable or not (off unless the family turns it on), and what other families see."""

    borough = forms.ModelChoiceField(
        Borough.objects.order_by("name"),
        required=False,
        empty_label="London (no borough)",
        help_text="Other families can look for families in their borough.",
    )

    class Meta:
        model = FamilyListing
        fields = ["findable", "borough", "loss"]
        widgets = {"loss": forms.RadioSelect}
        help_texts = {
            "findable": "Other families in the circle see your name, borough and who you lost, nothing else. "
            "You can turn this off at any time.",
        }


class FindForm(forms.Form):
    """The directory's filters (GET): by borough and by who was lost."""

    borough = forms.ModelChoiceField(
        Borough.objects.order_by("name"), required=False, empty_label="All of London", to_field_name="slug"
    )
    loss = forms.ChoiceField(label="Who they lost", choices=[("", "Any")] + LossKind.choices, required=False)


class TalkRequestForm(NoticesFormattingRemoved, forms.Form):
    message = LimitedCharField(
        label="A few words to the family",
        max_length=1000,
        what="a request",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say a little about yourself and why you would like to talk. " + GENTLE,
        error_messages={"required": "Please write a few words to the family."},
    )
    route = forms.ChoiceField(
        label="How should it reach them?",
        choices=Route.choices,
        initial=Route.MODERATOR,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how your request should reach them."},
    )
    contact = ContactField(label="How they can reach you, if they agree")

    def clean_message(self):
        return self.cleaned_lines("message", "Please write a few words to the family.")

    def clean_contact(self):
        return self.cleaned_short_text("contact", "Please say how the other family can reach you.")


class AcceptForm(NoticesFormattingRemoved, forms.Form):
    contact = ContactField(label="How they can reach you")

    def clean_contact(self):
        return self.cleaned_short_text("contact", "Please say how the other family can reach you.")


class DecideForm(forms.Form):
    """A moderator's decision on a waiting discussion or reply, or on passing a request on."""

    decision = forms.ChoiceField(
        choices=[("yes", "Publish"), ("no", "Do not publish")],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one."},
    )
    note = LimitedCharField(
        label="A note to the author (optional)",
        required=False,
        max_length=1000,
        what="a note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kind and plain: it is e-mailed to them.",
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices:
            self.fields["decision"].choices = choices

    def clean_note(self):
        return plain_text(self.cleaned_data["note"])


class PeerSupporterForm(WagtailAdminModelForm):
    """Moderators grant the role by the member's e-mail address (no list of every member to pick from)."""

    email = forms.EmailField(label="The member's e-mail address")

    class Meta:
        model = PeerSupporter
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True

    def clean_email(self):
        if self.instance.pk:
            return self.instance.user.email
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("No member has this e-mail address.")
        if PeerSupporter.objects.filter(user=user).exists():
            raise forms.ValidationError("This member is a peer supporter already.")
        self.instance.user = user
        return email

    def clean_note(self):
        return plain_text(self.cleaned_data["note"])
