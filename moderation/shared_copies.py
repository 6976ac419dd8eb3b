"""What readers may share in the comments section, and what is theirs alone.

Conversations read the same for every visitor and for every member who has written and reported
nothing in them: those are rendered once and shared (caching/fragments.py), keyed by the page's
versions. The care facts (quiet period, legal hold) are the same for every reader until a care
row changes or the moment they change by themselves. What is about one reader (what they follow,
whether they wrote or reported anything here) is read for them, in the same query.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from caching import fragments, member_copies
from care.models import care_annotations, care_facts, quiet_period_from_facts

from .models import CommentFlagReport


def register_reader_page_fact(name, build, *, personal=False):
    """Tell the comments section one more fact about a signed-in reader and the page (see
    caching.member_copies.reader_page_fact): read in the same query as the care facts."""
    member_copies.reader_page_fact(name, build, personal=personal)


def rendered_conversations(visible, shown, reader, versions, render):
    """The HTML of each shown conversation (a top-level comment with all its replies), in order.

    A conversation reads the same for every visitor, and for every member who has written
    nothing in it and reported nothing in it: those copies are shared (caching/fragments.py),
    keyed by the page's versions and what the links in it depend on. A moderator, the family
    whose story it is, a member with a reply form open, or a member's own conversations are
    rendered for them alone. What is not shared is fetched and rendered in one query.
    """
    user = reader["user"]
    if not versions or reader["can_moderate"] or reader["is_family_owner"] or reader["replying_to"]:
        # Nothing to share: the shown conversations' comments in one query, as a subquery.
        return list(render(visible.filter(thread_id__in=shown.values("thread_id")), reader).values())

    if user.is_authenticated:
        # Whether this member wrote or reported anything in each conversation, in the same query.
        in_thread = OuterRef("thread_id")
        shown = shown.annotate(
            mine=Exists(visible.model.objects.filter(thread_id=in_thread, user=user))
            | Exists(CommentFlagReport.objects.filter(user=user, comment__thread_id=in_thread))
        )
        rows = list(shown.values_list("thread_id", "mine"))
    else:
        rows = [(thread_id, False) for thread_id in shown.values_list("thread_id", flat=True)]
    keys = {
        thread_id: fragments.key("conversation", versions, thread_id, *reader["vary"])
        for thread_id, mine in rows
        if not mine
    }
    found = fragments.get_many(keys.values())
    missing = [thread_id for thread_id, _ in rows if keys.get(thread_id) not in found]
    rendered = render(visible.filter(thread_id__in=missing), reader) if missing else {}
    fragments.set_many({keys[t]: html for t, html in rendered.items() if t in keys})
    return [found.get(keys.get(thread_id)) or rendered.get(thread_id, "") for thread_id, _ in rows]


def page_status(page, content_type, user, versions):
    """In one query at most: the page's quiet period and legal hold, and for a member whether
    they follow the page and whether they have written or reported anything on it (`involved`).

    The care facts are the same for every reader, so they are shared (caching/fragments.py)
    until a care row changes or the moment they change by themselves (`until`) has passed.
    """
    from wagtail.models import Page

    now = timezone.now()
    care_key = fragments.key("care", versions, page.pk) if versions else None
    care = fragments.get_many([care_key]).get(care_key) if care_key else None
    if care is not None and care["until"] is not None and care["until"] <= now:
        care = None
    annotations = care_annotations(now) if care is None else {}
    if user.is_authenticated:
        on_page = {"content_type": content_type, "object_pk": str(page.pk)}
        for name, (build, _personal) in member_copies.READER_PAGE_FACTS.items():
            annotations[name] = build(user)
        annotations["involved"] = Exists(XtdComment.objects.filter(user=user, **on_page)) | Exists(
            CommentFlagReport.objects.filter(user=user, **{f"comment__{k}": v for k, v in on_page.items()})
        )
    row = {}
    if annotations:
        row = Page.objects.filter(pk=page.pk).annotate(**annotations).values(*annotations).first() or {}
    if care is None:
        care = care_facts(row)
        if care_key:
            fragments.set_many({care_key: care})
    return {
        "quiet_period": quiet_period_from_facts(care, page.pk),
        "legal_hold": care["legal_hold"],
        "following": bool(row.get("following")),
        "involved": bool(row.get("involved")),
        "facts": {name: bool(row.get(name)) for name in member_copies.READER_PAGE_FACTS},
    }
