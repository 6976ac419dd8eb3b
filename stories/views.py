"""The family's side of stories: share, save a draft, preview, submit, edit, withdraw.

Every view that touches a story looks it up through `owned_story`, so a family
member can reach only their own (anyone else's gives 404, never a hint it exists).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.forms import FamilyRoleRequestForm
from core.forms import tell_about_removed_formatting
from core.workflow import attach_workflow_states, status_of, submit_for_review

from .forms import MemorialForm, TestimonyForm
from .models import MemorialPage, StoryPage, TestimonyPage
from .submission import save_story

KINDS = {
    "memorial": (MemorialPage, MemorialForm),
    "testimony": (TestimonyPage, TestimonyForm),
}


def family_required(view):
    """Signed-in family members only. Anyone else signed in is told how to ask for the role."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.user.is_family:
            return view(request, *args, **kwargs)
        if request.method != "GET":
            raise PermissionDenied
        return _family_role_needed(request)

    return wrapper


def _family_role_needed(request):
    return TemplateResponse(
        request,
        "stories/family_role_needed.html",
        {"form": FamilyRoleRequestForm(), "profile": request.user.profile},
    )


def owned_story(request, pk):
    return get_object_or_404(StoryPage, pk=pk, owner=request.user).specific


def share_story(request):
    """ "Share a story": what sharing involves, read before anything is asked of anyone.

    A visitor reads it, then signs in or joins and comes back here (`next`, carried through
    sign-up and the e-mail link); a member without the family role is told how to ask for it;
    a family member chooses a memorial or a testimony.
    """
    if request.user.is_authenticated and not request.user.is_family:
        return _family_role_needed(request)
    return TemplateResponse(request, "stories/share_start.html", {"here": reverse("share_story")})


def _story_form_response(request, form, kind, page=None):
    return TemplateResponse(
        request,
        "stories/story_form.html",
        {"form": form, "kind": kind, "story": page, "status": status_of(page) if page else None},
    )


def _after_save(request, page, action, form=None):
    if form is not None:
        tell_about_removed_formatting(request, form)
    if action == "preview":
        return redirect("preview_story", pk=page.pk)
    if action == "submit":
        submit_for_review(page, request.user)
        messages.success(
            request,
            "Thank you. Your story has been sent to our moderators. We will e-mail you as soon as they have read it.",
        )
        return redirect("my_stories")
    messages.success(request, "Your draft is saved. Only you can see it.")
    return redirect("edit_story", pk=page.pk)


@family_required
def create_story(request, kind):
    page_class, form_class = KINDS[kind]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            with transaction.atomic():  # the draft and its submission to moderators together, or neither
                page = save_story(form, request.user, page_class=page_class)
                return _after_save(request, page, request.POST.get("action"), form)
    else:
        form = form_class()
    return _story_form_response(request, form, kind)


@family_required
def edit_story(request, pk):
    page = owned_story(request, pk)
    _, form_class = KINDS[page.kind]
    draft = page.get_latest_revision_as_object()
    extra = {"has_photo": bool(getattr(draft, "photo", None))} if page.kind == "memorial" else {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **extra)
        if form.is_valid():
            with transaction.atomic():  # the new revision and its submission together, or neither
                save_story(form, request.user, page=page)
                return _after_save(request, page, request.POST.get("action"), form)
    else:
        form = form_class(initial=form_class.initial_from(draft), **extra)
    return _story_form_response(request, form, page.kind, page)


# What a family can send from the preview: a draft, newer changes to a published story, or the
# changes a moderator asked for. One already waiting for review, published as it is, or withdrawn
# has nothing new to send.
SENDABLE = {"draft", "live_draft", "needs_changes"}


@family_required
def preview_story(request, pk):
    page = owned_story(request, pk)
    draft = page.get_latest_revision_as_object()
    context = draft.get_context(request)
    context.update(
        is_preview=True,
        story_edit_url=reverse("edit_story", args=[page.pk]),
        story_submit_url=reverse("submit_story", args=[page.pk]) if status_of(page).code in SENDABLE else "",
    )
    return TemplateResponse(request, draft.get_template(request), context)


@require_POST
@family_required
def submit_story(request, pk):
    """ "Send to the moderators" from the preview: the revision just looked at goes for review."""
    page = owned_story(request, pk)
    if status_of(page).code not in SENDABLE:
        messages.info(request, f"“{page.title}” has nothing new to send to the moderators.")
        return redirect("my_stories")
    with transaction.atomic():
        return _after_save(request, page, "submit")


@family_required
def withdraw_story(request, pk):
    page = owned_story(request, pk)
    if request.method == "POST":
        page.withdraw(request.user)
        messages.success(request, f"“{page.title}” has been withdrawn. Nobody else can see it now.")
        return redirect("my_stories")
    return TemplateResponse(request, "stories/withdraw_confirm.html", {"story": page})


@login_required
def my_stories(request):
    stories = list(
        StoryPage.objects.filter(owner=request.user)
        .select_related("borough")
        .order_by("-latest_revision_created_at", "-pk")
    )
    attach_workflow_states(stories)
    rows = [(story, status_of(story)) for story in stories]
    return TemplateResponse(request, "stories/my_stories.html", {"rows": rows})


@require_POST
@login_required
def request_family_role(request):
    form = FamilyRoleRequestForm(request.POST)
    if form.is_valid():
        request.user.profile.request_family_role(form.cleaned_data["message"])
        messages.success(
            request,
            "Thank you. A moderator will look at your request, usually within two days, and e-mail you.",
        )
        return redirect("share_story")
    return TemplateResponse(
        request, "stories/family_role_needed.html", {"form": form, "profile": request.user.profile}
    )
