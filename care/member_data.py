"""What `care` holds for a member: the quiet periods they set, in their download (registered in
`CareConfig.ready()`; they go with the member's stories when the account is deleted)."""

from accounts.data import export_date

from .models import QuietPeriod


def quiet_periods_export(user, request, pages):
    quiet = list(QuietPeriod.objects.filter(story__owner=user).select_related("story").order_by("starts_at", "pk"))
    return lambda: [
        {
            "story": q.story.title,
            "from": export_date(q.starts_at),
            "until": export_date(q.ends_at),
            "ended_early": export_date(q.ended_early_at),
        }
        for q in quiet
    ]
