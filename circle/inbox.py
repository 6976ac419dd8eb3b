"""What waits for a moderator in the circle, in the moderator inbox (`moderation.inbox.register_source`):
discussions and held replies to read, and requests to talk sent through a moderator."""

from moderation import inbox

from .models import Discussion, Reply, Status, TalkRequest


def waiting_discussions():
    return Discussion.objects.filter(status=Status.WAITING)


def waiting_replies():
    return Reply.objects.filter(status=Status.WAITING, discussion__status=Status.PUBLISHED)


def waiting_requests():
    return TalkRequest.objects.filter(status=TalkRequest.WITH_MODERATOR)


def _cells(kind):
    return {column: f"circle/admin/inbox/{kind}_{column}.html" for column in ("item", "why", "actions")}


def _source(key, tab_label, kind_label, queryset, related):
    cells = _cells(key)

    def keys():
        return [(key, pk, when, "") for pk, when in queryset().values_list("pk", "created_at")]

    def load(pks):
        if not pks:
            return []
        rows = queryset().filter(pk__in=pks).select_related(*related)
        return [inbox.InboxItem(key, row.pk, row.created_at, obj=row, extra={"cells": cells}) for row in rows]

    return inbox.Source(tab_label, kind_label, keys=keys, load=load, count=lambda: queryset().count())


def register():
    inbox.register_source(
        "circle_discussions",
        _source(
            "circle_discussions", "Circle discussions", "Circle discussion", waiting_discussions, ["author__profile"]
        ),
    )
    inbox.register_source(
        "circle_replies",
        _source(
            "circle_replies", "Circle replies", "Circle reply", waiting_replies, ["author__profile", "discussion"]
        ),
    )
    inbox.register_source(
        "circle_requests",
        _source(
            "circle_requests",
            "Requests to talk",
            "Request to talk",
            waiting_requests,
            ["sender__profile", "recipient__profile"],
        ),
    )
