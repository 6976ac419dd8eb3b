"""The families' circle on the public site. Every view is behind `members_only` (access.py): private,
never stored, never indexed; everyone else is given a kind page and nothing of what is inside."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from core.forms import tell_about_removed_formatting
from core.paging import page_in_one_query
from core.posting import posting_refusal

from . import moderating, talk
from .access import FAMILIES, members_only
from .forms import AcceptForm, DiscussionForm, FindForm, ListingForm, ReplyForm, TalkRequestForm
from .models import Discussion, FamilyListing, Reply, Status, TalkRequest

PER_PAGE = 20
WRITERS = ("author__profile", "author__peer_supporter")  # a name and its peer supporter badge, in the same query


@members_only()
def circle_home(request):
    published = (
        Discussion.objects.filter(status=Status.PUBLISHED)
        .select_related(*WRITERS)
        .annotate(reply_count=Count("replies", filter=Q(replies__status=Status.PUBLISHED)))
        .order_by("-created_at", "-pk")
    )
    mine = Discussion.objects.filter(author=request.user).exclude(status=Status.PUBLISHED).order_by("-pk")
    context = {
        "discussions": page_in_one_query(published, request.GET.get("page"), PER_PAGE),
        "mine": list(mine),
    }
    return TemplateResponse(request, "circle/home.html", context)


@members_only()
def start(request):
    problem, status = "", 200
    if request.method == "POST":
        form = DiscussionForm(request.POST)
        refusal = posting_refusal(request.user, "thread")
        if refusal:
            problem, status = refusal.message, refusal.status
        elif form.is_valid():
            moderating.start_discussion(request.user, **form.cleaned_data)
            tell_about_removed_formatting(request, form)
            messages.success(
                request,
                "Thank you. A moderator will read your discussion before the circle sees it, usually within a day. "
                "We will e-mail you when they have.",
            )
            return redirect("circle_home")
        else:
            status = 400
    else:
        form = DiscussionForm()
    return TemplateResponse(request, "circle/start.html", {"form": form, "problem": problem}, status=status)


def _readable(request, pk):
    """A published discussion, or the reader's own one still waiting: anything else is not there."""
    discussion = get_object_or_404(Discussion.objects.select_related(*WRITERS), pk=pk)
    if discussion.status != Status.PUBLISHED and discussion.author_id != request.user.pk:
        raise Http404
    return discussion


def _discussion_page(request, discussion, form, problem="", status=200):
    replies = (
        Reply.objects.filter(discussion=discussion)
        .filter(Q(status=Status.PUBLISHED) | Q(author=request.user, status=Status.WAITING))
        .select_related(*WRITERS)
        .order_by("created_at", "pk")
    )
    context = {"discussion": discussion, "replies": list(replies), "form": form, "problem": problem}
    return TemplateResponse(request, "circle/discussion.html", context, status=status)


@members_only()
def discussion(request, pk):
    return _discussion_page(request, _readable(request, pk), ReplyForm())


@members_only()
@require_POST
def reply(request, pk):
    discussion = _readable(request, pk)
    if discussion.status != Status.PUBLISHED:
        raise Http404
    form = ReplyForm(request.POST)
    refusal = posting_refusal(request.user, "comment")
    if refusal:
        return _discussion_page(request, discussion, form, refusal.message, refusal.status)
    if not form.is_valid():
        return _discussion_page(request, discussion, form, status=400)
    posted = moderating.add_reply(request.user, discussion, body=form.cleaned_data["body"])
    tell_about_removed_formatting(request, form)
    if posted.status == Status.PUBLISHED:
        messages.success(request, "Thank you. Your reply is in the circle.")
    else:
        messages.success(
            request,
            "Thank you. A moderator will read your reply before it appears, usually within a day. "
            "Until then only you can see it.",
        )
    return redirect("circle_discussion", pk=discussion.pk)


@members_only(FAMILIES)
def findable(request):
    listing = FamilyListing.objects.filter(user=request.user).first() or FamilyListing(user=request.user)
    if listing.pk is None:
        listing.borough_id = request.user.profile.home_borough_id
    if request.method == "POST":
        form = ListingForm(request.POST, instance=listing)
        if form.is_valid():
            form.save()
            if form.instance.findable:
                messages.success(request, "Saved. Other families in the circle can now find you.")
            else:
                messages.success(request, "Saved. Other families cannot find you in the directory.")
            return redirect("circle_findable")
        status = 400
    else:
        form, status = ListingForm(instance=listing), 200
    return TemplateResponse(request, "circle/findable.html", {"form": form, "listing": listing}, status=status)


@members_only(FAMILIES)
def directory(request):
    form = FindForm(request.GET or None)
    families = talk.findable_families().exclude(user=request.user).select_related("user__profile", "borough")
    if form.is_valid():
        if form.cleaned_data["borough"]:
            families = families.filter(borough=form.cleaned_data["borough"])
        if form.cleaned_data["loss"]:
            families = families.filter(loss=form.cleaned_data["loss"])
    families = families.order_by("user__profile__display_name", "pk")
    own = FamilyListing.objects.filter(user=request.user, findable=True).exists()
    context = {
        "form": form,
        "families": page_in_one_query(families, request.GET.get("page"), PER_PAGE),
        "findable_myself": own,
    }
    return TemplateResponse(request, "circle/directory.html", context)


@members_only(FAMILIES)
def ask(request, pk):
    listing = get_object_or_404(talk.findable_families().select_related("user__profile", "borough"), pk=pk)
    recipient = listing.user
    problem = talk.refusal(request.user, recipient)
    status = 200
    if request.method == "POST":
        form = TalkRequestForm(request.POST)
        if problem:
            status = 429 if "today" in problem else 409
        elif form.is_valid():
            sent = talk.send(request.user, recipient, **form.cleaned_data)
            tell_about_removed_formatting(request, form)
            if sent.status == TalkRequest.WITH_MODERATOR:
                messages.success(
                    request,
                    "Thank you. A moderator will read your request and pass it on, usually within a day."
                    + ("" if sent.route == "moderator" else " (Some of its words needed a moderator's eye first.)"),
                )
            else:
                messages.success(request, f"Thank you. Your request has gone to {recipient.public_name}.")
            return redirect("circle_requests")
        else:
            status = 400
    else:
        form = TalkRequestForm(initial={"contact": request.user.email})
    context = {"form": form, "listing": listing, "problem": problem}
    return TemplateResponse(request, "circle/ask.html", context, status=status)


PEOPLE = ("sender__profile", "recipient__profile")


@members_only(FAMILIES)
def requests(request):
    sent = TalkRequest.objects.filter(sender=request.user).select_related(*PEOPLE).order_by("-pk")
    received = (
        TalkRequest.objects.filter(recipient=request.user)
        .exclude(status__in=[TalkRequest.WITH_MODERATOR, TalkRequest.NOT_PASSED])  # never passed on: not theirs
        .select_related(*PEOPLE)
        .order_by("-pk")
    )
    context = {"sent": list(sent), "received": list(received), "accept_form": AcceptForm()}
    return TemplateResponse(request, "circle/requests.html", context)


def _waiting_for(request, pk):
    return get_object_or_404(TalkRequest, pk=pk, recipient=request.user, status=TalkRequest.WAITING)


@members_only(FAMILIES)
@require_POST
def accept(request, pk):
    waiting = _waiting_for(request, pk)
    form = AcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["contact"]))
        return redirect("circle_requests")
    talk.accept(waiting, contact=form.cleaned_data["contact"])
    messages.success(
        request, f"Thank you. You and {waiting.sender.public_name} can now see how to reach each other, below."
    )
    return redirect("circle_requests")


@members_only(FAMILIES)
@require_POST
def decline(request, pk):
    talk.decline(_waiting_for(request, pk))
    messages.success(request, "That is fine. We have not told them anything more than that it is not for now.")
    return redirect("circle_requests")
