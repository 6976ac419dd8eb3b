"""The public transparency page: figures per quarter, computed from the records themselves.

A fixed number of queries whatever the number of records (grouped in the database). Cached for
anonymous visitors like a page, under the `site` and `listings` tags: safety's models declare
`listings` (safety/apps.py) and sanctions already declare `site`, so any change is a miss.
"""

from statistics import median

from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.template.response import TemplateResponse

from caching import pagecache
from moderation.models import Sanction, SanctionKind

from .models import Appeal, AppealOutcome, Category, Report, ReportOutcome


def quarter_label(day):
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def figures():
    quarters = {}

    def row(day):
        label = quarter_label(day)
        return quarters.setdefault(
            label,
            {
                "label": label,
                "categories": dict.fromkeys(Category.values, 0),
                "reports": 0,
                "decided": 0,
                "acted": 0,
                "hours": [],
                "appeals": 0,
                "upheld": 0,
                "overturned": 0,
                "sanctions": dict.fromkeys(SanctionKind.values, 0),
            },
        )

    by_category = Report.objects.annotate(q=TruncQuarter("created_at")).values("q", "category").annotate(n=Count("pk"))
    for item in by_category:
        quarter = row(item["q"])
        quarter["categories"][item["category"]] = item["n"]
        quarter["reports"] += item["n"]
    # Only decided reports' two times: the median needs each one (few per quarter at this scale).
    for created, decided, outcome in Report.objects.filter(decided_at__isnull=False).values_list(
        "created_at", "decided_at", "outcome"
    ):
        quarter = row(created)
        quarter["decided"] += 1
        quarter["acted"] += outcome == ReportOutcome.ACTED
        quarter["hours"].append((decided - created).total_seconds() / 3600)
    for item in Appeal.objects.annotate(q=TruncQuarter("created_at")).values("q", "outcome").annotate(n=Count("pk")):
        quarter = row(item["q"])
        quarter["appeals"] += item["n"]
        if item["outcome"] == AppealOutcome.UPHELD:
            quarter["upheld"] += item["n"]
        elif item["outcome"] == AppealOutcome.OVERTURNED:
            quarter["overturned"] += item["n"]
    for item in Sanction.objects.annotate(q=TruncQuarter("created_at")).values("q", "kind").annotate(n=Count("pk")):
        row(item["q"])["sanctions"][item["kind"]] = item["n"]
    result = []
    for label in sorted(quarters, reverse=True):
        quarter = quarters[label]
        hours = quarter.pop("hours")
        quarter["median_hours"] = round(median(hours), 1) if hours else None
        quarter["acted_share"] = round(100 * quarter["acted"] / quarter["decided"]) if quarter["decided"] else None
        quarter["category_rows"] = [(Category(key).label, n) for key, n in quarter["categories"].items()]
        quarter["sanction_rows"] = [(SanctionKind(key).label, n) for key, n in quarter["sanctions"].items()]
        result.append(quarter)
    return result


def transparency(request):
    if getattr(request, "page_cache_candidate", False):
        # Read before the figures, as a Wagtail page does (caching/wagtail_hooks.py): a change meanwhile is a miss.
        request.page_cache_versions = pagecache.current_versions(["site", "listings"])
    return TemplateResponse(request, "safety/transparency.html", {"quarters": figures()})
