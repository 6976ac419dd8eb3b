"""The ask panel on a discussion and the asks on a borough page, each in a fixed number of queries."""

from types import SimpleNamespace

from django import template
from django.db.models import Exists, FilteredRelation, OuterRef, Q, Value
from django.urls import reverse

from core.paging import page_in_one_query

from .. import actions
from ..models import Answer, Ask, Backing, Organisation, Status

register = template.Library()

ASK_ORDER = {"backing": ("-backing_count", "-created_at", "-pk"), "new": ("-created_at", "-pk")}
ASK_SORTS = {"backing": "Most backed", "new": "Newest"}
ASKS_PER_PAGE = 10


@register.simple_tag(takes_context=True)
def ask_panel(context, thread):
    """The ask, whether the reader backs it or may answer it, and its published answers: one query.

    The discussion page is already near the query budget, so the answers come in the same
    query as the ask (a left join), one row per answer.
    """
    answering = Q(invitations__ask=OuterRef("pk")) | Q(boroughs=thread.borough_id)
    return _panel(context["request"].user, Ask.objects.filter(thread_id=thread.pk), answering)


@register.simple_tag(takes_context=True)
def testimony_answers(context, testimony):
    """The answers organisations the family asked gave their testimony, in the same one query.
    Only an invited organisation answers a testimony (never one that merely covers the borough)."""
    answering = Q(invitations__ask=OuterRef("pk"))
    return _panel(context["request"].user, Ask.objects.filter(testimony_id=testimony.pk), answering)


def _panel(user, asks, answering):
    asks = asks.annotate(published=FilteredRelation("answers", condition=Q(answers__state=Answer.PUBLISHED)))
    if user.is_authenticated:
        asks = asks.annotate(
            backed=Exists(Backing.objects.filter(ask=OuterRef("pk"), user=user)),
            can_answer=Exists(actions.staff_organisations(user).filter(answering)),
        )
    else:
        asks = asks.annotate(backed=Value(False), can_answer=Value(False))
    rows = list(
        asks.values(
            "pk", "backing_count", "backed", "can_answer",
            "published__pk", "published__status", "published__body", "published__published_at",
            "published__organisation__name", "published__organisation__slug",
        ).order_by("published__published_at", "published__pk")
    )  # fmt: skip
    if not rows:
        return None
    first = rows[0]
    answers = [
        SimpleNamespace(
            status=row["published__status"],
            status_label=Status(row["published__status"]).label,
            body=row["published__body"],
            published_at=row["published__published_at"],
            organisation_name=row["published__organisation__name"],
            organisation_url=reverse("organisation", args=[row["published__organisation__slug"]]),
        )
        for row in rows
        if row["published__pk"]
    ]
    return {
        "ask": SimpleNamespace(pk=first["pk"], backing_count=first["backing_count"]),
        "answers": answers,
        "backed": first["backed"],
        "can_answer": first["can_answer"],
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
    return {
        "asks": page_in_one_query(asks, request.GET.get("asks_page"), ASKS_PER_PAGE),
        "sort": sort,
        "sorts": ASK_SORTS,
    }


@register.simple_tag
def organisation_kinds():
    return Organisation.KINDS
