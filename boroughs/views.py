"""A resident starts a discussion thread in a borough; moderators approve it through Wagtail's workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from moderation import ratelimit
from moderation.moderator import posting_refusal
from stories.submission import status_of, submit_for_review, unique_slug

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
                ratelimit.record(request.user, action="thread")
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
def my_threads(request):
    # A member has a handful of threads; status_of reads each one's workflow state.
    threads = ThreadPage.objects.filter(owner=request.user).select_related("borough").order_by("-pk")
    rows = [(thread, status_of(thread)) for thread in threads]
    return TemplateResponse(request, "boroughs/my_threads.html", {"rows": rows})
