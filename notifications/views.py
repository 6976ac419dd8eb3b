"""Follow and unfollow, the member's list of subscriptions, and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from boroughs.models import Borough
from core.redirects import safe_next
from moderation.moderator import moderator_for

from .models import Follow
from .notify import read_unsubscribe_token


def _target(request):
    """The page or borough named in the POST, if it is something one can follow."""
    if request.POST.get("page"):
        page = Page.objects.live().public().filter(pk=request.POST["page"]).specific().first()
        if page is None or moderator_for(type(page)) is None:
            raise Http404
        return {"page_id": page.pk}, page.title, page.url
    borough = get_object_or_404(Borough, slug=request.POST.get("borough", ""))
    return {"borough": borough}, borough.name, f"/boroughs/{borough.slug}/"


@require_POST
@login_required
def follow(request):
    target, name, url = _target(request)
    Follow.objects.get_or_create(user=request.user, **target)
    messages.success(request, f"You are following {name}. We will e-mail you when there is something new.")
    return redirect(safe_next(request, url))


@require_POST
@login_required
def unfollow(request):
    target, name, url = _target(request)
    Follow.objects.filter(user=request.user, **target).delete()
    messages.success(request, f"You are no longer following {name}.")
    return redirect(safe_next(request, url))


@login_required
def notification_settings(request):
    follows = list(
        Follow.objects.filter(user=request.user).select_related("borough").order_by("borough__name", "-created_at")
    )
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[f.page_id for f in follows if f.page_id]).specific()}
    rows = []
    for item in follows:
        if item.page_id:
            page = pages.get(item.page_id)
            rows.append({"follow": item, "name": page.title, "url": page.url, "kind": "page", "page": page})
        else:
            rows.append(
                {
                    "follow": item,
                    "name": item.borough.name,
                    "url": f"/boroughs/{item.borough.slug}/",
                    "kind": "borough",
                }
            )
    return TemplateResponse(request, "notifications/settings.html", {"rows": rows})


@require_POST
@login_required
def remove_follow(request, pk):
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    follow.delete()
    messages.success(request, "Done. You will not get those e-mails any more.")
    return redirect("notification_settings")


# The link in each e-mail carries a signed token naming one subscription; the token, not a
# session cookie, is the credential. Mail programs "unsubscribe" with a POST that cannot carry
# a CSRF token (RFC 8058), so this one view is exempt. GET only shows the button.
@csrf_exempt
def unsubscribe(request, token):
    parsed = read_unsubscribe_token(token)
    if parsed is None:
        return TemplateResponse(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    follow_id, user_id = parsed
    follow = Follow.objects.filter(pk=follow_id, user_id=user_id).select_related("borough").first()
    if request.method == "POST":
        if follow:
            follow.delete()
        return TemplateResponse(request, "notifications/unsubscribe.html", {"done": True})
    name = ""
    if follow:
        name = follow.borough.name if follow.borough_id else Page.objects.get(pk=follow.page_id).title
    return TemplateResponse(request, "notifications/unsubscribe.html", {"follow": follow, "name": name})
