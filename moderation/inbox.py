"""What waits for a moderator, from every source, as one list: the moderator inbox.

Three sources feed it: stories and discussions in Wagtail's "Moderators approval" workflow
(its in-progress task states), responses (`CommentReview`: held, reported, hidden, held for care)
and requests for the family role (`Profile`). Each tab lists one kind, or every kind waiting
("all"), oldest first. A list costs the same number of queries however long it is: the keys of
every waiting item are read first (a few columns per source), sorted, paged, and only the
page's items are then read in full, a fixed number of queries per source.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState

from accounts.models import Profile
from care.models import named_holds_finder, pages_under_legal_hold

from .models import CommentFlagReport, CommentReview, CommentState, Sanction

WORKFLOW_NAME = "Moderators approval"

# key: (tab label, the part of the inbox it belongs to)
TABS = {
    "all": ("All waiting", ""),
    "pages": ("Stories and discussions", "Stories and discussions"),
    "held": ("Held", "Response moderation"),
    "flagged": ("Reported", "Response moderation"),
    "hidden": ("Hidden", "Response moderation"),
    "family": ("Family role requests", "Family role requests"),
    "care": ("Held for care", "Response moderation"),
}
RESPONSE_TABS = ("held", "flagged", "hidden", "care")

KIND_LABELS = {
    "story": "Story",
    "discussion": "Discussion",
    "held": "Held response",
    "flagged": "Reported response",
    "hidden": "Hidden response",
    "care": "Held for care",
    "family": "Family role request",
}


@dataclass
class InboxItem:
    kind: str  # a key of KIND_LABELS
    pk: int  # of the task state, review or profile
    since: datetime  # waiting since: oldest first
    obj: object = None  # TaskState, CommentReview or Profile, read for the page shown
    page: object = None  # the story or discussion it is about
    legal_hold: bool = False
    photo: object = None  # a story's photo (a rendition), blurred until clicked
    distressing: bool = False  # its text is folded until opened (moderation/distress.py)
    names_held: list = field(default_factory=list)  # [(hold, name)]: a discussion naming a held page
    extra: dict = field(default_factory=dict)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def page_type(self):
        """ "Memorial", "Testimony", "Discussion": what kind of page a story or discussion is."""
        return capfirst(self.page.specific_class._meta.verbose_name) if self.page else ""

    @property
    def is_response(self):
        return self.kind in ("held", "flagged", "hidden", "care")


# Sources registered by the apps above moderation (safety: reports and appeals), which moderation
# never imports. Each source is a tab and a kind; its items render through its own cell templates
# (`InboxItem.extra["cells"]`, see inbox_tables.py).


@dataclass
class Source:
    tab_label: str
    kind_label: str
    keys: object  # () -> [(kind, pk, since, state)]; state "urgent" sorts first
    load: object  # (pks) -> [InboxItem] in any order
    count: object  # () -> int


SOURCES = {}


def register_source(key, source):
    SOURCES[key] = source
    TABS[key] = (source.tab_label, source.tab_label)
    KIND_LABELS[key] = source.kind_label


# Sources -----------------------------------------------------------------------------------------


def open_reports():
    return CommentFlagReport.objects.filter(comment_id=OuterRef("comment_id"), resolved_at__isnull=True)


def reported_reviews():
    """Responses with open reports, whether still published or already hidden by the reports."""
    return CommentReview.objects.filter(state__in=[CommentState.PUBLISHED, CommentState.HIDDEN]).filter(
        Exists(open_reports())
    )


def review_queryset(tab):
    if tab == "flagged":
        return reported_reviews()
    state = {"held": CommentState.HELD, "hidden": CommentState.HIDDEN, "care": CommentState.CARE}[tab]
    return CommentReview.objects.filter(state=state)


def task_states_for(user):
    """In-progress tasks of the "Moderators approval" workflow on pages, that `user`'s groups approve."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__active=True,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__workflow__name=WORKFLOW_NAME,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
    )
    if user.is_superuser:
        return states
    approvers = GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id=OuterRef("task_id"),
        group_id__in=Group.objects.filter(user=user).values("pk"),
    )
    return states.filter(Exists(approvers))


def family_requests():
    return Profile.objects.filter(family_role_requested_at__isnull=False, is_family=False)


# Counts ------------------------------------------------------------------------------------------


def response_counts():
    """Held, reported, hidden and held-for-care responses, and how many wait (held, reported or hidden), in one query."""
    reported = Q(state__in=[CommentState.PUBLISHED, CommentState.HIDDEN]) & Q(Exists(open_reports()))
    return CommentReview.objects.aggregate(
        held=Count("pk", filter=Q(state=CommentState.HELD)),
        flagged=Count("pk", filter=reported),
        hidden=Count("pk", filter=Q(state=CommentState.HIDDEN)),
        care=Count("pk", filter=Q(state=CommentState.CARE)),
        waiting=Count("pk", filter=Q(state__in=[CommentState.HELD, CommentState.HIDDEN]) | reported),
    )


def counts(user):
    """Items per tab; "all" counts each waiting item once (a hidden response with reports is one item)."""
    result = response_counts()
    result["pages"] = task_states_for(user).count()
    result["family"] = family_requests().count()
    result["responses"] = result.pop("waiting")
    result["all"] = result["responses"] + result["pages"] + result["family"]
    for key, source in SOURCES.items():
        result[key] = source.count()
        result["all"] += result[key]
    return result


# Keys: what waits, and since when ----------------------------------------------------------------


def _response_keys(tab):
    reviews = review_queryset(tab)
    if tab == "flagged":
        since = Min("comment__flag_reports__created_at", filter=Q(comment__flag_reports__resolved_at__isnull=True))
        rows = reviews.annotate(since=since).values_list("pk", "since", "state")
        return [("flagged", pk, when, state) for pk, when, state in rows]
    if tab == "held":
        rows = reviews.values_list("pk", "created_at", "state")
    else:  # hidden or held for care: since a moderator, the family or the reports took it down
        rows = reviews.annotate(since=Coalesce("decided_at", "created_at")).values_list("pk", "since", "state")
    return [(tab, pk, when, state) for pk, when, state in rows]


def _waiting_response_keys():
    """Held, hidden, and published with open reports: each response once."""
    waiting = CommentReview.objects.filter(
        Q(state__in=[CommentState.HELD, CommentState.HIDDEN])
        | Q(state=CommentState.PUBLISHED, pk__in=reported_reviews().values("pk"))
    )
    since = Min("comment__flag_reports__created_at", filter=Q(comment__flag_reports__resolved_at__isnull=True))
    rows = waiting.annotate(first_report=since).values_list("pk", "state", "created_at", "decided_at", "first_report")
    keys = []
    for pk, state, created_at, decided_at, first_report in rows:
        if state == CommentState.HELD:
            keys.append(("held", pk, created_at, state))
        elif state == CommentState.HIDDEN:
            keys.append(("hidden", pk, decided_at or created_at, state))
        else:
            keys.append(("flagged", pk, first_report or created_at, state))
    return keys


def _page_keys(user):
    return [("page", pk, when, None) for pk, when in task_states_for(user).values_list("pk", "started_at")]


def _family_keys():
    return [("family", pk, when, None) for pk, when in family_requests().values_list("pk", "family_role_requested_at")]


def keys_for(tab, user):
    """(kind, pk, since, state) of everything in `tab`, oldest first."""
    if tab == "all":
        keys = _page_keys(user) + _waiting_response_keys() + _family_keys()
        for source in SOURCES.values():
            keys += source.keys()
    elif tab in SOURCES:
        keys = SOURCES[tab].keys()
    elif tab == "pages":
        keys = _page_keys(user)
    elif tab == "family":
        keys = _family_keys()
    else:
        keys = _response_keys(tab)
    # Urgent items (a person at risk) first, then oldest first.
    return sorted(keys, key=lambda key: (key[3] != "urgent", key[2], key[0], key[1]))


# Items: the page's keys read in full -------------------------------------------------------------


def _author_history(user_ids):
    history = {
        row["comment__user_id"]: row
        for row in CommentReview.objects.filter(comment__user_id__in=user_ids)
        .values("comment__user_id")
        .annotate(
            approved=Count("pk", filter=Q(state=CommentState.PUBLISHED)),
            rejected=Count("pk", filter=Q(state=CommentState.REJECTED)),
        )
    }
    sanctions = {}
    for sanction in Sanction.objects.active().filter(user_id__in=user_ids):
        sanctions.setdefault(sanction.user_id, []).append(sanction)
    return history, sanctions


def _reviews(pks):
    if not pks:
        return {}
    reviews = (
        CommentReview.objects.filter(pk__in=pks)
        .select_related("comment__user__profile", "decided_by__profile")
        .prefetch_related(
            Prefetch(
                "comment__flag_reports",
                queryset=CommentFlagReport.objects.filter(resolved_at__isnull=True).order_by("created_at"),
                to_attr="open_reports",
            )
        )
    )
    reviews = {review.pk: review for review in reviews}
    history, sanctions = _author_history({r.comment.user_id for r in reviews.values() if r.comment.user_id})
    for review in reviews.values():
        review.history = history.get(review.comment.user_id, {})
        review.active_sanctions = sanctions.get(review.comment.user_id, [])
    return reviews


def _task_states(pks):
    if not pks:
        return {}
    states = TaskState.objects.filter(pk__in=pks).select_related("workflow_state", "revision__user__profile", "task")
    return {state.pk: state for state in states}


def _profiles(pks):
    if not pks:
        return {}
    return {profile.pk: profile for profile in Profile.objects.filter(pk__in=pks).select_related("user")}


PHOTO_FILTER = "max-320x240"


def _revision_photos(states):
    """The photo each story's submitted revision shows, by task state pk, renditions read with them."""
    photo_ids = {pk: (state.revision.content or {}).get("photo") for pk, state in states.items() if state.revision}
    wanted = {photo_id for photo_id in photo_ids.values() if photo_id}
    if not wanted:
        return {}
    images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(PHOTO_FILTER).in_bulk()
    return {pk: images[photo_id] for pk, photo_id in photo_ids.items() if photo_id in images}


def _revision_text(revision):
    content = revision.content if revision else {}
    return "\n".join(str(content.get(name) or "") for name in ("title", "body"))


def load(keys):
    """The `InboxItem`s for `keys` (one page of them), in the same order."""
    reviews = _reviews([pk for kind, pk, _, _ in keys if kind not in ("page", "family", *SOURCES)])
    extra = {}
    for key, source in SOURCES.items():
        for item in source.load([pk for kind, pk, _, _ in keys if kind == key]):
            extra[(key, item.pk)] = item
    states = _task_states([pk for kind, pk, _, _ in keys if kind == "page"])
    profiles = _profiles([pk for kind, pk, _, _ in keys if kind == "family"])
    page_ids = {int(r.comment.object_pk) for r in reviews.values()} | {
        int(s.workflow_state.object_id) for s in states.values()
    }
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    legal_holds = pages_under_legal_hold(list(pages))
    find_named_holds = None
    photos = _revision_photos(states)

    items = []
    for kind, pk, since, _state in keys:
        if kind in SOURCES:
            if (kind, pk) in extra:
                items.append(extra[(kind, pk)])
        elif kind == "page":
            state = states.get(pk)
            if state is None:
                continue
            page = pages.get(int(state.workflow_state.object_id))
            if page is None:
                continue
            kind = "discussion" if page.specific_class.__name__ == "ThreadPage" else "story"
            item = InboxItem(kind, pk, since, obj=state, page=page, legal_hold=page.pk in legal_holds)
            if pk in photos:
                # Shown blurred until the moderator asks to see it (templates/moderation/admin/inbox/photo.html).
                item.photo = photos[pk].get_rendition(PHOTO_FILTER)
            if kind == "discussion":
                # A discussion naming a story under a legal hold touches the same proceedings.
                find_named_holds = find_named_holds or named_holds_finder()
                item.names_held = find_named_holds(_revision_text(state.revision), page.pk)
                item.legal_hold = item.legal_hold or bool(item.names_held)
            items.append(item)
        elif kind == "family":
            if pk in profiles:
                items.append(InboxItem(kind, pk, since, obj=profiles[pk]))
        else:
            review = reviews.get(pk)
            if review is None:
                continue
            page = pages.get(int(review.comment.object_pk))
            # The checklist shows while the page is under a legal hold, or if the hold held this comment.
            hold = int(review.comment.object_pk) in legal_holds or any(
                reason.get("code") == "legal_hold" for reason in review.reasons
            )
            review.page = page
            review.legal_hold = hold
            # The legal hold has its own line above the reasons; the other reasons are listed once each.
            review.why_labels = [
                reason.get("label", reason.get("code", ""))
                for reason in review.reasons
                if reason.get("code") != "legal_hold"
            ]
            items.append(InboxItem(kind, pk, since, obj=review, page=page, legal_hold=hold))
    return items
