"""Moderators decide what waits in the circle (from the inbox): publish or decline a discussion or a
reply, pass a request to talk on or not. Each decision tells the member."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from . import moderating, talk
from .forms import DecideForm
from .inbox import waiting_discussions, waiting_replies, waiting_requests

PASS_ON = [("yes", "Pass it on to the family"), ("no", "Do not pass it on (the sender is told kindly)")]


def _require_moderator(request):
    if not request.user.has_perm("django_comments.can_moderate"):
        raise PermissionDenied


def _inbox(tab):
    return reverse("moderation_inbox") + f"?tab={tab}"


def _decide(request, obj, *, title, tab, template, act, choices=None, done):
    form = DecideForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        yes = form.cleaned_data["decision"] == "yes"
        act(yes, form.cleaned_data["note"])
        messages.success(request, done(yes))
        return redirect(_inbox(tab))
    context = {"page_title": title, "header_title": title, "header_icon": "group", "obj": obj, "form": form}
    return TemplateResponse(request, template, {**context, "back": _inbox(tab)})


def decide_discussion(request, discussion_id):
    _require_moderator(request)
    discussion = get_object_or_404(waiting_discussions().select_related("author__profile"), pk=discussion_id)
    return _decide(
        request,
        discussion,
        title="A circle discussion",
        tab="circle_discussions",
        template="circle/admin/decide_post.html",
        act=lambda yes, note: moderating.decide(discussion, publish=yes, by=request.user, note=note),
        done=lambda yes: (
            "Published in the circle. The author has been told." if yes else "Not published. The author has been told."
        ),
    )


def decide_reply(request, reply_id):
    _require_moderator(request)
    reply = get_object_or_404(waiting_replies().select_related("author__profile", "discussion"), pk=reply_id)
    return _decide(
        request,
        reply,
        title="A circle reply",
        tab="circle_replies",
        template="circle/admin/decide_post.html",
        act=lambda yes, note: moderating.decide(reply, publish=yes, by=request.user, note=note),
        done=lambda yes: "Published in the circle." if yes else "Not published. The author has been told.",
    )


def decide_request(request, talk_request_id):
    _require_moderator(request)
    waiting = get_object_or_404(
        waiting_requests().select_related("sender__profile", "recipient__profile"), pk=talk_request_id
    )
    return _decide(
        request,
        waiting,
        title="A request to talk",
        tab="circle_requests",
        template="circle/admin/decide_request.html",
        choices=PASS_ON,
        act=lambda yes, note: talk.moderator_decides(waiting, pass_on=yes, by=request.user),
        done=lambda yes: "Passed on. The family has been told." if yes else "Not passed on. The sender has been told.",
    )
