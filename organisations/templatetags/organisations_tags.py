"""The ask panel on a discussion and the asks on a borough page, each in a fixed number of queries."""

from django import template
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q

from .. import actions
from ..models import Answer, Ask, Backing

register = template.Library()

ASK_ORDER = {"backing": ("-backing_count", "-created_at", "-pk"), "new": ("-created_at", "-pk")}
ASK_SORTS = {"backing": "Most backed", "new": "Newest"}


@register.simple_tag(takes_context=True)
def ask_panel(context, thread):
    request = context["request"]
    user = request.user
    asks = Ask.objects.filter(thread_id=thread.pk)
    if user.is_authenticated:
        asks = asks.annotate(backed=Exists(Backing.objects.filter(ask=OuterRef("pk"), user=user)))
    ask = asks.first()
    if ask is None:
        return None
    answers = list(
        Answer.objects.filter(ask=ask, state=Answer.PUBLISHED)
        .select_related("organisation")
        .order_by("published_at", "pk")
    )
    can_answer = (
        user.is_authenticated
        and actions.staff_organisations(user).filter(Q(invitations__ask=ask) | Q(boroughs=thread.borough_id)).exists()
    )
    return {
        "ask": ask,
        "answers": answers,
        "backed": getattr(ask, "backed", False),
        "can_answer": can_answer,
        "is_moderator": actions.is_moderator(user),
    }


@register.simple_tag(takes_context=True)
def borough_asks(context, borough_page):
    request = context["request"]
    sort = request.GET.get("asks", "")
    if sort not in ASK_ORDER:
        sort = "backing"
    asks = (
        Ask.objects.filter(thread__live=True, thread__borough_id=borough_page.borough_id)
        .select_related("thread")
        .order_by(*ASK_ORDER[sort])
    )
    return {"asks": Paginator(asks, 10).get_page(request.GET.get("asks_page")), "sort": sort, "sorts": ASK_SORTS}
