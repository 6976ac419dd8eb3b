"""What `notifications` holds for a member: what they follow, in their download (registered in
`NotificationsConfig.ready()`; follows go with the user row when the account is deleted)."""

from accounts.data import export_date

from .models import Follow


def follows_export(user, request, pages):
    follows = list(Follow.objects.filter(user=user).select_related("borough").order_by("created_at", "pk"))
    pages.want(f.page_id for f in follows if f.page_id)
    return lambda: [
        {
            "what": "borough" if f.borough_id else "page",
            **({"borough": f.borough.name} if f.borough_id else {"page": pages.describe(f.page_id)}),
            "since": export_date(f.created_at),
        }
        for f in follows
    ]
