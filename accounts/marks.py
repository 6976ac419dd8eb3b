"""Marks shown beside a member's name on what they wrote, for roles kept by the apps above.

The family badge is the profile's own (`Profile.is_family`). An app above accounts that grants a
role worth showing (circle's trained peer supporters) tells it from its `AppConfig.ready()`:

    marks.register("peer_supporter", "trained peer supporter", lambda: PeerSupporter.objects.all())

so the pages below that app show the mark without importing it. Rows listing what members wrote
are annotated in their own query (`annotate(comments, "user_id")`, then `labels(comment)`); one
member is asked once per mark (`labels_for_member`). The app also declares what a grant makes
stale (caching/invalidation.py), as accounts does for the family badge.
"""

from django.db.models import Exists, OuterRef

_marks = {}  # name -> (label, holders: () -> a queryset of rows with a `user` foreign key)


def register(name, label, holders):
    _marks[name] = (label, holders)


def _attribute(name):
    return f"member_mark_{name}"


def annotate(rows, user_field):
    """`rows` with whether the member in `user_field` holds each mark, in the same query."""
    return rows.annotate(
        **{
            _attribute(name): Exists(holders().filter(user_id=OuterRef(user_field)))
            for name, (_, holders) in _marks.items()
        }
    )


def labels(row):
    """The marks of the member behind an annotated row, as the words shown."""
    return [label for name, (label, _) in _marks.items() if getattr(row, _attribute(name), False)]


def labels_for_member(user):
    if user is None or not user.pk:
        return []
    return [label for label, holders in _marks.values() if holders().filter(user_id=user.pk).exists()]
