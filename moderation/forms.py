"""The comment form (built on xtd's, minus the name, e-mail and URL fields: everyone is signed in),
the report form and the forms moderators use."""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import force_str
from django_comments_xtd.forms import XtdCommentForm
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from core.comment_text import clean_comment_text
from core.forms import LimitedCharField, NoticesFormattingRemoved, removed_from_lines
from core.sanitise import plain_text

from .models import FlagReason, SanctionKind


class CommentForm(NoticesFormattingRemoved, XtdCommentForm):
    """A response to a page, or a reply to a comment on it (`reply_to`)."""

    follow = forms.BooleanField(
        required=False, label="E-mail me when someone responds here (you can stop this at any time)"
    )

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        for name in ("name", "email", "url", "followup"):
            del self.fields[name]
        # The limit is checked here, never by a `maxlength` that would cut a pasted response short.
        self.fields["comment"] = LimitedCharField(
            label="Your response",
            max_length=settings.COMMENT_MAX_LENGTH,
            what="responses",
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text="Plain text. Please be kind: no names of people you believe were involved, "
            "no addresses or phone numbers.",
            error_messages={"required": "Please write your response before sending it."},
        )
        self.fields["honeypot"].label = "Leave this empty"
        self.parent = None

    def clean_comment(self):
        text = clean_comment_text(self.cleaned_data["comment"])
        self.note_removed("comment", removed_from_lines(self.cleaned_data["comment"], text))
        if not text:
            raise forms.ValidationError("Please write your response before sending it.")
        return text

    def clean_reply_to(self):
        """A reply must be to a public comment on the same page, and not beyond the deepest level.

        xtd raises an unhandled exception (a 500) for a crafted reply_to at the maximum depth.
        """
        parent_id = self.cleaned_data.get("reply_to") or 0
        if not parent_id:
            return 0
        content_type = ContentType.objects.get_for_model(self.target_object)
        parent = (
            XtdComment.norel_objects.filter(
                pk=parent_id,
                content_type=content_type,
                object_pk=force_str(self.target_object.pk),
            )
            .only("pk", "level", "is_public", "is_removed", "user_name")
            .first()
        )
        if parent is None or not parent.is_public or parent.is_removed:
            raise forms.ValidationError(
                "The comment you are replying to is not available any more, so your reply cannot be added to it. "
                "You can post it as a new response instead."
            )
        if parent.level >= max_thread_level_for_content_type(content_type):
            raise forms.ValidationError(
                "Replies can go three levels deep, and this conversation has reached that. "
                "Please reply to the comment above it instead."
            )
        self.parent = parent
        return parent_id

    def comment_data(self, user, site_id):
        """The fields of a new `XtdComment` written by `user`."""
        return {
            "content_type": ContentType.objects.get_for_model(self.target_object),
            "object_pk": force_str(self.target_object.pk),
            "user": user,
            "user_name": user.public_name[:50],
            "user_email": user.email,
            "user_url": "",
            "comment": self.cleaned_data["comment"],
            "submit_date": timezone.now(),
            "site_id": site_id,
            "is_public": True,
            "is_removed": False,
            "parent_id": self.cleaned_data["reply_to"],
            "followup": False,
        }


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with this comment?",
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose the reason that fits best."},
    )
    detail = LimitedCharField(
        label="Anything else the moderators should know",
        required=False,
        max_length=500,
        what="a report",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        data["detail"] = plain_text(data.get("detail", ""))
        if data.get("reason") == FlagReason.OTHER and not data["detail"]:
            self.add_error("detail", "Please tell us briefly what is wrong.")
        return data


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label="Measure", choices=SanctionKind.choices)
    days = forms.IntegerField(
        label="For how many days",
        required=False,
        min_value=1,
        max_value=365,
        help_text="For pre-moderation or a suspension. Leave empty for no end date. Ignored for a warning or a ban.",
    )
    reason = forms.CharField(
        label="Reason (sent to the member)", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )

    def clean_reason(self):
        reason = plain_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError("Please give the member a reason.")
        return reason

    def clean(self):
        data = super().clean()
        if data.get("kind") == SanctionKind.SUSPEND and not data.get("days"):
            self.add_error("days", "A suspension needs a number of days.")
        return data


# The moderator inbox's reject form: a ready-made reason, or the moderator's own words. ---------------

OWN_REASON = "own"


class InboxRejectForm(forms.Form):
    """Reject a response with a ready-made reason (`RejectionReason`) or a reason of the moderator's own.

    Posting only `reason` (as the older queue did) means "my own words".
    """

    choice = forms.ChoiceField(label="Reason (sent to the author)", required=False, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason (sent to the author)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Be kind and specific: the author reads this.",
    )

    def __init__(self, *args, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import RejectionReason

        self.reasons = list(reasons if reasons is not None else RejectionReason.objects.filter(is_active=True))
        self.fields["choice"].choices = [(str(r.pk), r.title) for r in self.reasons] + [(OWN_REASON, "Write your own")]

    def clean_reason(self):
        return plain_text(self.cleaned_data.get("reason") or "")

    @property
    def choice_options(self):
        """(radio, RejectionReason) pairs; the last radio, "Write your own", has no reason."""
        return list(zip(self["choice"], [*self.reasons, None], strict=True))

    def clean(self):
        data = super().clean()
        choice = data.get("choice") or ""
        own = data.get("reason") or ""
        if choice and choice != OWN_REASON:
            ready = next(r for r in self.reasons if str(r.pk) == choice)
            if own and own != ready.text:
                raise forms.ValidationError(
                    "You chose a ready-made reason and also wrote your own. Please choose “Write your own” "
                    "to send your words, or clear them to send the ready-made reason."
                )
            data["text"] = ready.text
            data["ready_reason"] = ready
        elif own:
            data["text"] = own
            data["ready_reason"] = None
        elif "reason" not in self.errors:
            self.add_error("reason", "Please choose a reason or write your own, so the author knows why.")
        return data
