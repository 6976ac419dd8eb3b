"""The public side of comments: post, reply, report, and the family's controls on their own story.

Only these views are mounted: xtd's own URLs (its REST API, like/dislike, e-mail
confirmation and "mute" links) are not, so nothing reaches comments around these rules.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from care.models import active_legal_hold
from core.forms import tell_about_removed_formatting
from core.ratelimit import Limit, Rate
from core.redirects import safe_next
from core.templatetags.region_messages import in_region
from stories.models import CommentPolicy, StoryPage

from . import actions, signals
from .forms import CommentForm, FlagForm
from .models import CommentReview, CommentState
from .moderator import moderator_for, record_post
from .nudge import SENT_ANYWAY, chose_to_send_anyway, nudge_for
from .responses_pages import with_responses_page
from .thread_lock import save_new_comment


def _target_page(data):
    """The specific page a comment is for, from the form's content_type and object_pk.

    Only page types registered with the comment moderator take comments: a plain
    `wagtailcore.page` (a form built for `page` rather than `page.specific`) is refused.
    """
    try:
        app_label, model_name = data.get("content_type", "").split(".", 1)
        object_pk = int(data.get("object_pk", ""))
    except (ValueError, TypeError):
        return None
    page = Page.objects.filter(pk=object_pk).specific().first()
    if page is None or page._meta.label_lower != f"{app_label}.{model_name}" or moderator_for(type(page)) is None:
        return None
    return page


def _form_page(request, page, form, status, message="", nudge=()):
    return TemplateResponse(
        request,
        "comments/form_page.html",
        {
            "target": page,
            "form": form,
            "problem": message,
            "nudge": nudge,
            "legal_hold": active_legal_hold(page.pk) is not None,
            "next": safe_next(request, page.url),
        },
        status=status,
    )


@require_POST
@login_required
def post_comment(request):
    page = _target_page(request.POST)
    if page is None:
        return HttpResponseBadRequest("This page does not take responses.")
    form = CommentForm(page, data=request.POST)
    if not form.is_valid():
        if "security_hash" in form.errors or "content_type" in form.errors or "object_pk" in form.errors:
            return HttpResponseBadRequest("The response form was altered, so it could not be sent.")
        if "honeypot" in form.errors:
            return HttpResponseBadRequest("This response looks automated, so it was not posted.")
        if "timestamp" in form.errors:
            # The form sat open for hours: give a fresh one with their words in it.
            fresh = CommentForm(page, initial={"comment": request.POST.get("comment", "")})
            fresh.initial["reply_to"] = request.POST.get("reply_to", 0)
            return _form_page(
                request,
                page,
                fresh,
                400,
                "This form was open for a long time, so for safety we need you to send it once more. "
                "Your words are still here.",
            )
        return _form_page(request, page, form, 400)

    decision = moderator_for(type(page)).decide(user=request.user, text=form.cleaned_data["comment"], page=page)
    if decision.refused:
        return _form_page(request, page, form, decision.status, decision.message)
    reasons = decision.reasons
    nudge = nudge_for(decision, form.cleaned_data["comment"])
    if nudge:
        if not chose_to_send_anyway(request.POST):
            # Told why before it is sent, with every word kept: they may change it, or send it as it is.
            return _form_page(request, page, form, 200, nudge=nudge)
        reasons = [*reasons, SENT_ANYWAY]

    with transaction.atomic():
        comment = XtdComment(**form.comment_data(request.user, settings.SITE_ID))
        comment.content_object = page
        comment.ip_address = None  # not kept: moderators trace the account, not the address
        comment.is_public = not decision.held
        save_new_comment(comment)  # a reply locks its thread first: xtd numbers replies without a lock
        review = CommentReview.objects.create(
            comment=comment,
            state=CommentState.HELD if decision.held else CommentState.PUBLISHED,
            reasons=reasons,
        )
        record_post(request.user)
        signals.comment_posted.send(
            sender=CommentReview, comment=comment, page=page, user=request.user, follow=form.cleaned_data.get("follow")
        )
        if not decision.held:
            signals.comment_published.send(sender=CommentReview, review=review)
    tell_about_removed_formatting(request, form)
    messages.success(request, decision.message)
    return redirect(with_responses_page(safe_next(request, page.url), comment, request.user))


# Reports one account may send in any window (each is a moderator's time); only new reports count.
REPORT_LIMIT = Limit("report", lambda: [Rate(settings.REPORT_RATE_LIMIT, settings.REPORT_RATE_LIMIT_WINDOW_SECONDS)])


def _visible_public_comment(pk):
    comment = get_object_or_404(XtdComment.objects.select_related("review"), pk=pk, is_removed=False)
    if not comment.is_public:
        raise Http404
    return comment


@login_required
def flag_comment(request, pk):
    """GET shows the reasons to choose from; POST records the report."""
    comment = _visible_public_comment(pk)
    page = Page.objects.filter(pk=comment.object_pk).specific().first()
    if page is None or not page.live:
        raise Http404
    back = safe_next(request, page.url)
    if comment.user_id == request.user.pk:
        messages.info(
            request,
            "That is your own response. You can ask a moderator to remove it by replying to any of our e-mails.",
        )
        return redirect(back)
    if request.method == "POST":
        form = FlagForm(request.POST)
        if REPORT_LIMIT.exceeded(request.user.pk):
            form.add_error(
                None,
                "You have sent a lot of reports in a short while, so this one has not been sent yet. "
                "Please try again later; what you chose and wrote is kept below.",
            )
            return TemplateResponse(
                request,
                "comments/flag.html",
                {"comment": comment, "form": form, "target": page, "next": back},
                status=429,
            )
        if form.is_valid():
            if actions.flag(
                comment, user=request.user, reason=form.cleaned_data["reason"], detail=form.cleaned_data["detail"]
            ):
                REPORT_LIMIT.record(request.user.pk)
                messages.success(request, "Thank you for telling us. A moderator will look at it.")
            else:
                messages.info(
                    request, "You have already reported this response. Thank you: a moderator will look at it."
                )
            return redirect(back)
    else:
        form = FlagForm()
    return TemplateResponse(
        request, "comments/flag.html", {"comment": comment, "form": form, "target": page, "next": back}
    )


def _owned_story_of(comment, user):
    page = StoryPage.objects.filter(pk=comment.object_pk).first()
    if page is None or page.owner_id != user.pk or not user.is_family:
        raise PermissionDenied
    return page


@login_required
def ask_to_hide(request, pk):
    """The family whose story this is asks for a comment to be hidden.

    GET asks them to confirm, saying what will happen; POST hides it at once, pending a
    moderator's review. They can undo it until a moderator decides (`undo_ask_to_hide`).
    """
    comment = _visible_public_comment(pk)
    page = _owned_story_of(comment, request.user)
    back = safe_next(request, page.url)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "comments/ask_to_hide.html",
            {
                "comment": comment,
                "target": page,
                "next": back,
                "keep_url": with_responses_page(back, comment, request.user),
            },
        )
    if actions.ask_to_hide(CommentReview.for_comment(comment), by=request.user):
        messages.success(
            request,
            "Done: the response is hidden from everyone now. A moderator will look at it.",
            extra_tags=in_region(f"c{comment.pk}"),
        )
    # Back to the response's own place, where the family now sees it as hidden, with "Undo".
    return redirect(with_responses_page(back, comment, request.user))


@require_POST
@login_required
def undo_ask_to_hide(request, pk):
    """The family shows a comment they asked to hide again, exactly as it was, if no moderator has decided."""
    comment = get_object_or_404(XtdComment.objects.select_related("review"), pk=pk)
    page = _owned_story_of(comment, request.user)
    back = safe_next(request, page.url)
    if actions.undo_ask_to_hide(CommentReview.for_comment(comment), by=request.user):
        messages.success(
            request, "Done: the response is showing again, as it was before.", extra_tags=in_region(f"c{comment.pk}")
        )
        return redirect(with_responses_page(back, comment, request.user))
    messages.info(
        request,
        "A moderator has already decided about that response, so it can no longer be undone here. "
        "If you would like it looked at again, reply to any of our e-mails.",
        extra_tags=in_region("comment-policy"),
    )
    return redirect(back + "#comment-policy")


@require_POST
@login_required
def set_comment_policy(request, pk):
    page = get_object_or_404(StoryPage, pk=pk, owner=request.user)
    if not request.user.is_family:
        raise PermissionDenied
    here = in_region("comment-policy")  # shown inside the form, where the page comes back
    policy = request.POST.get("comment_policy")
    if policy not in CommentPolicy.values:
        messages.error(request, "Please choose one of the options.", extra_tags=here)
    else:
        actions.set_comment_policy(page, policy, by=request.user)
        messages.success(request, f"Saved. {CommentPolicy(policy).label}.", extra_tags=here)
    return redirect(safe_next(request, page.url) + "#comment-policy")


@require_POST
@login_required
def moderator_hide(request, pk):
    """A moderator reading the page takes a comment down pending review (same as the queue's "hide")."""
    if not request.user.has_perm("django_comments.can_moderate"):
        raise PermissionDenied
    comment = _visible_public_comment(pk)
    actions.hide(
        CommentReview.for_comment(comment), by=request.user, reason_code="moderator", label="hidden by a moderator"
    )
    messages.success(request, "The response is hidden. It is waiting in the moderation queue.")
    page = Page.objects.filter(pk=comment.object_pk).first()
    return redirect(safe_next(request, page.url if page else "/"))
