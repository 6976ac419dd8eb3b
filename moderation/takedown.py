"""A moderator takes a family's published story down with a reason the family is told.

The least a moderator needs on a memorial or testimony beyond the workflow (approve, ask for
changes): unpublishing it, which is Wagtail's own `UnpublishPageAction`, with the reason written to
the audit log and e-mailed to the family. Wagtail's plain unpublish view, which asks for no reason,
sends moderators here instead (`wagtail_hooks.before_unpublish_page`). Deleting, moving, copying
and editing stay with administrators (home/site_tree.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log

from core.mail import send_after_commit
from core.sanitise import plain_text
from stories.models import StoryPage

TAKEN_DOWN = "moderation.story_taken_down"
REASON_MAX_LENGTH = 1000


def can_take_down(user):
    return user.is_authenticated and user.has_perm("django_comments.can_moderate")


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label="Why it is being taken down (sent to the family)",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Up to {REASON_MAX_LENGTH} characters. Be kind and plain: the family reads this. "
        "Their words are kept, and they can change them and send the story again.",
        error_messages={
            "required": "Please tell the family why, so they understand what happened and what they can do.",
            "max_length": f"Please keep the reason to {REASON_MAX_LENGTH} characters (it has %(show_value)d).",
        },
    )

    def clean_reason(self):
        reason = plain_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(
                "Please tell the family why, so they understand what happened and what they can do."
            )
        return reason


@transaction.atomic
def take_down(story, *, by, reason):
    UnpublishPageAction(story, user=by, log_action=True).execute(skip_permission_checks=True)
    log(instance=story, action=TAKEN_DOWN, user=by, data={"reason": reason})
    owner = story.owner
    if owner is not None and owner.email:
        send_after_commit(
            "moderation/email/story_taken_down", {"member": owner, "story": story, "reason": reason}, [owner.email]
        )


def take_down_view(request, page_pk):
    if not can_take_down(request.user):
        raise PermissionDenied
    story = get_object_or_404(StoryPage, pk=page_pk, live=True).specific
    form = TakeDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        take_down(story, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, f"“{story.title}” is taken down. The family has been told why.")
        return redirect(reverse("moderation_inbox"))
    title = f"Take down “{story.title}”"
    return TemplateResponse(
        request,
        "moderation/admin/take_down.html",
        {"page_title": title, "header_title": title, "header_icon": "warning", "story": story, "form": form},
    )
