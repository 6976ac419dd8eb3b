"""The figures on /what-changed/, computed from the data in a fixed number of queries."""

from statistics import median

from django.db.models import Count, Q

from .models import Answer, Ask, Status


def _bars(rows):
    """rows: [(label, raised, answered, planned, made)] -> dicts, each with the largest count (its bar's scale)."""
    top = max((row[1] for row in rows), default=0) or 1
    return [
        {
            "label": label,
            "raised": raised,
            "answered": answered,
            "planned": planned,
            "made": made,
            "top": top,
        }
        for label, raised, answered, planned, made in rows
    ]


def figures():
    asks = Ask.objects.filter(thread__live=True)
    rows = list(asks.values_list("created_at", "first_answer_at", "latest_status", "thread__borough__name"))
    raised = len(rows)
    answered = [row for row in rows if row[1]]
    days = [(first - created).total_seconds() / 86400 for created, first, _s, _b in answered]
    by_borough = {}
    for _created, first, status, borough in rows:
        counts = by_borough.setdefault(borough, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += bool(first)
        counts[2] += status == Status.PLANNED
        counts[3] += status == Status.MADE
    published = Answer.objects.filter(state=Answer.PUBLISHED, ask__thread__live=True)
    by_organisation = (
        published.values_list("organisation__name")
        .annotate(
            n=Count("ask", distinct=True),
            planned=Count("ask", filter=Q(status=Status.PLANNED), distinct=True),
            made=Count("ask", filter=Q(status=Status.MADE), distinct=True),
        )
        .order_by("organisation__name")
    )
    return {
        "raised": raised,
        "answered": len(answered),
        "share_answered": round(100 * len(answered) / raised) if raised else 0,
        "median_days": round(median(days), 1) if days else None,
        "planned": sum(1 for row in rows if row[2] == Status.PLANNED),
        "made": sum(1 for row in rows if row[2] == Status.MADE),
        "by_borough": _bars(sorted((name, *counts) for name, counts in by_borough.items())),
        "by_organisation": _bars([(name, n, n, planned, made) for name, n, planned, made in by_organisation]),
    }
