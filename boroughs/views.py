"""A resident starts a discussion thread in a borough; moderators approve it through Wagtail's workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail import hooks

from core.forms import tell_about_removed_formatting
from core.posting import posting_refusal, record_post
from core.workflow import attach_workflow_states, status_of, submit_for_review, unique_slug

from .forms import ThreadForm
from .models import BoroughPage, ThreadPage


@login_required
def start_thread(request, slug):
    borough_page = get_object_or_404(BoroughPage.objects.live().select_related("borough"), slug=slug)
    problem, status = "", 200
    if request.method == "POST":
        form = ThreadForm(request.POST)
        refusal = posting_refusal(request.user, action="thread")
        if refusal:
            problem, status = refusal.message, refusal.status
        elif form.is_valid():
            with transaction.atomic():
                thread = ThreadPage(
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    borough=borough_page.borough,
                    owner=request.user,
                    live=False,
                    **form.note_fields(),
                )
                thread.slug = unique_slug(borough_page, thread.title)
                borough_page.add_child(instance=thread)
                thread.save_revision(user=request.user, log_action=True)
                submit_for_review(thread, request.user)
                record_post(request.user, action="thread")
                for hook in hooks.get_hooks("after_start_thread"):  # e.g. organisations marks it as an ask
                    hook(request, thread)
            tell_about_removed_formatting(request, form)
            messages.success(
                request,
                "Thank you. A moderator will read your discussion before it is published, usually within a day. "
                "We will e-mail you when they have.",
            )
            return redirect("my_threads")
    else:
        form = ThreadForm()
    return TemplateResponse(
        request,
        "boroughs/start_thread.html",
        {"form": form, "borough_page": borough_page, "problem": problem},
        status=status,
    )


@login_required
def edit_thread(request, pk):
    """The author changes their discussion (after "changes requested", or later) and sends it back.

    Like a story, the change is a new revision for the moderators: what is published stays as it
    was until they approve.
    """
    thread = get_object_or_404(ThreadPage.objects.select_related("borough"), pk=pk, owner=request.user)
    draft = thread.get_latest_revision_as_object()
    problem, status = "", 200
    if request.method == "POST":
        form = ThreadForm(request.POST)
        refusal = posting_refusal(request.user, action="thread")
        if refusal:
            problem, status = refusal.message, refusal.status
        elif form.is_valid():
            with transaction.atomic():
                draft.title, draft.body = form.cleaned_data["title"], form.cleaned_data["body"]
                for name, value in form.note_fields().items():
                    setattr(draft, name, value)
                draft.save_revision(user=request.user, log_action=True)
                submit_for_review(thread, request.user)
            tell_about_removed_formatting(request, form)
            messages.success(
                request,
                "Thank you. Your changes have gone to a moderator. We will e-mail you when they have read them.",
            )
            return redirect("my_threads")
    else:
        form = ThreadForm(initial=ThreadForm.initial_from(draft))
    return TemplateResponse(
        request,
        "boroughs/edit_thread.html",
        {"form": form, "thread": thread, "status": status_of(thread), "problem": problem},
        status=status,
    )


@login_required
def my_threads(request):
    threads = list(ThreadPage.objects.filter(owner=request.user).select_related("borough").order_by("-pk"))
    attach_workflow_states(threads)  # every thread's workflow state in one query
    rows = [(thread, status_of(thread)) for thread in threads]
    return TemplateResponse(request, "boroughs/my_threads.html", {"rows": rows})
