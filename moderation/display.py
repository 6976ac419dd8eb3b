"""Everything the comments section of a page needs, in a fixed number of queries.

Responses are paginated by conversation: each page of responses shows `RESPONSES_PER_PAGE`
top-level comments with all their replies, oldest first (xtd's `thread_id` is the top-level
comment's id, so thread order is the order they were written). The section costs the same
queries whatever the number of comments: one count, one fetch of the shown conversations,
and (signed in) the member's reports on those comments and whether they follow the page.

Comments come back in xtd's thread order (`thread_id`, `order`: depth first), so a
single pass builds the tree. A reply is shown only under a comment the reader can see.
"""

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import QueryDict
from django.template.context_processors import csrf
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from caching import fragments
from care.models import care_annotations, care_facts, quiet_period_from_facts
from core.templatetags.region_messages import messages_by_region
from stories.models import CommentPolicy

from .actions import can_undo_ask_to_hide
from .forms import CommentForm
from .models import CommentFlagReport, CommentState
from .moderator import CLOSED, moderator_for

# What other apps tell the comments section about a signed-in reader and the page, read in the
# same query as the care facts: {name: build(user) -> a boolean expression on the page's row}.
# Notifications registers "following" (moderation sits below it, so it is told, never asking).
READER_PAGE_FACTS = {}


def register_reader_page_fact(name, build):
    READER_PAGE_FACTS[name] = build


RESPONSES_PER_PAGE = 25  # top-level comments per page of responses, each with all its replies
RESPONSES_PARAM = "responses"  # ?responses=<n>#responses


def comment_tree(comments):
    shown, roots = {}, []
    for comment in comments:
        node = {"comment": comment, "children": []}
        if comment.parent_id == comment.pk:
            roots.append(node)
        elif comment.parent_id in shown:
            shown[comment.parent_id]["children"].append(node)
        else:
            continue  # its parent is not visible to this reader
        shown[comment.pk] = node
    return roots, list(shown.values())


# A response whose writer deleted their account while others had replied to it: kept, empty and
# marked removed, so the replies still make sense (accounts/deletion.py). Only that erasure leaves a
# comment both removed and public; a moderator's rejection makes it private.
REMOVED_BY_WRITER = Q(is_removed=True, is_public=True)


def _can_moderate(user):
    return user.is_authenticated and user.has_perm("django_comments.can_moderate")


def visible_comments(content_type, object_pk, user):
    """The comments on one page that `user` (anyone, signed in or not) may see, in no order.

    Moderators see every comment that is not removed (held ones in place); members see the
    published ones and their own that wait for a moderator; visitors the published ones.
    """
    comments = XtdComment.objects.filter(
        content_type=content_type, object_pk=force_str(object_pk), site_id=settings.SITE_ID
    ).filter(Q(is_removed=False) | REMOVED_BY_WRITER)
    if not _can_moderate(user):
        visible = Q(is_public=True)
        if user.is_authenticated:
            visible |= Q(user=user)  # your own comment, while it waits for a moderator
            if user.is_family:
                # One the family asked to hide on their story, in its place, so they can undo it.
                visible |= Q(review__state=CommentState.HIDDEN, review__decided_by=user)
        comments = comments.filter(visible)
    return comments


def responses_page_number(comment, user=None):
    """The page of responses (1, 2, ...) on which `user` (default: a visitor) sees `comment`.

    One query: the top-level comments this reader can see that come before the comment's own
    conversation. Use it wherever a link or redirect goes to `#c<pk>`.
    """
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    before = (
        visible_comments(comment.content_type_id, comment.object_pk, user)
        .filter(level=0, thread_id__lt=comment.thread_id)
        .count()
    )
    return before // RESPONSES_PER_PAGE + 1


def with_responses_page(url, comment, user=None):
    """`url` (a path, maybe with a query) set to the page of responses showing `comment`, then `#c<pk>`.

    Any `responses` parameter already in `url` is replaced; other parameters are kept. Page 1
    carries no parameter, so the plain page URL stays the canonical one.
    """
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    query.pop(RESPONSES_PARAM, None)
    number = responses_page_number(comment, user)
    if number > 1:
        query[RESPONSES_PARAM] = number
    return urlunsplit(parts._replace(query=query.urlencode(), fragment=f"c{comment.pk}"))


def comment_url(comment, page_url=None, user=None):
    """The link to one comment: its page's URL, the page of responses showing it, and `#c<pk>`.

    `page_url` saves the query that finds the page when the caller has it already (search
    results, notification e-mails). One query (the page number), two without `page_url`.
    """
    if page_url is None:
        from wagtail.models import Page

        page = Page.objects.filter(pk=comment.object_pk).first()
        page_url = page.url if page is not None else "/"
    return with_responses_page(page_url, comment, user)


def _return_path(request):
    """This page, on the same page of responses, without an open reply form: where actions come back to."""
    query = request.GET.copy()
    query.pop("reply_to", None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _with_param_prefix(request, name):
    """`?<the other parameters>&<name>=`, to which a value is appended."""
    query = request.GET.copy()
    query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}&{name}=" if encoded else f"?{name}="


def _page_number(request):
    """The page of responses asked for: 1 unless a positive number (past the last page: the last)."""
    value = request.GET.get(RESPONSES_PARAM, "")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def responses_query(request, number):
    """The query string for page `number` of responses, keeping the request's other parameters."""
    query = request.GET.copy()
    query.pop(RESPONSES_PARAM, None)
    query.pop("reply_to", None)  # another page of responses: no reply form open
    if number > 1:
        query[RESPONSES_PARAM] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


def comments_context(request, page, form=None):
    if page is None or not page.pk or moderator_for(type(page)) is None:
        return {"comments_enabled": False}
    user = request.user
    signed_in = user.is_authenticated
    can_moderate = _can_moderate(user)
    content_type = ContentType.objects.get_for_model(page)
    # Read before any comment is (caching/fragments.py): a change while this renders is a new version.
    versions = fragments.versions("site", f"page:{page.pk}")
    status = _page_status(page, content_type, user, versions)
    quiet_period = status["quiet_period"]
    is_open = page.live and getattr(page, "comment_policy", "open") != CLOSED and quiet_period is None
    is_family_owner = signed_in and user.is_family and page.owner_id == user.pk and page.kind != "thread"
    if form is None and signed_in and is_open:
        form = CommentForm(page)
    reader = {
        "request": request,
        "user": user,
        "can_moderate": can_moderate,
        "is_family_owner": is_family_owner,
        "is_open": is_open,
        "max_level": max_thread_level_for_content_type(content_type),
        "return_path": _return_path(request),
        "reply_prefix": _with_param_prefix(request, "reply_to"),
        "replying_to": request.GET.get("reply_to", ""),
        "comment_security": form.initial if form is not None else {},  # the reply form's signed fields
        # Confirmations for one response (`#c<pk>`) after the family hid it or undid that: only in
        # what is rendered for the family alone, never in a shared copy.
        "notes": messages_by_region(request) if is_family_owner else {},
    }
    # What a shared copy depends on besides the page's versions: the same for every reader of this kind.
    reader["vary"] = ("member" if signed_in else "visitor", is_open, reader["max_level"], reader["return_path"])

    # Most readers have written and reported nothing on this page: everyone of them (and every
    # visitor) is shown the same responses, so they share one rendered copy of them.
    personal = can_moderate or is_family_owner or reader["replying_to"] or status["involved"]
    responses = fragments.cached(
        "responses",
        {} if personal else versions,
        reader["vary"],
        lambda: _responses(request, visible_comments(content_type, page.pk, user), reader, versions),
    )

    return {
        "comments_enabled": True,
        "comment_page": page,
        "responses_html": responses["html"],
        "comment_count": responses["count"],
        "comment_form": form,
        "comment_security": reader["comment_security"],
        "comments_return_path": reader["return_path"],
        "comments_open": is_open,
        "comments_policy": getattr(page, "comment_policy", "open"),
        "quiet_period": quiet_period,
        "legal_hold": status["legal_hold"],
        "comment_policy_choices": CommentPolicy.choices,
        "can_moderate": can_moderate,
        "is_family_owner": is_family_owner,
        "following_page": status["following"],
    }


def _responses(request, visible, reader, versions):
    """`{"html": the shown page of responses and its navigation, "count": published responses}`."""
    # One query counts both: the conversations this reader can page through, and the
    # published responses (the number in the heading, the same for everyone).
    counts = visible.aggregate(
        roots=Count("pk", filter=Q(level=0)), published=Count("pk", filter=Q(is_public=True, is_removed=False))
    )
    responses = Paginator(range(counts["roots"]), RESPONSES_PER_PAGE).get_page(_page_number(request))
    conversations = []
    if counts["roots"]:
        shown = visible.filter(level=0).order_by("thread_id")[responses.start_index() - 1 : responses.end_index()]
        conversations = _rendered_conversations(visible, shown, reader, versions)
    html = render_to_string(
        "comments/responses.html",
        {
            "conversations": conversations,
            "responses_page": responses,
            "responses_nav": _page_links(request, responses),
        },
    )
    return {"html": html, "count": counts["published"]}


def _rendered_conversations(visible, shown, reader, versions):
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
        return list(_render(visible.filter(thread_id__in=shown.values("thread_id")), reader).values())

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
    rendered = _render(visible.filter(thread_id__in=missing), reader) if missing else {}
    fragments.set_many({keys[t]: html for t, html in rendered.items() if t in keys})
    return [found.get(keys.get(thread_id)) or rendered.get(thread_id, "") for thread_id, _ in rows]


def _render(comments, reader):
    """{thread id: HTML} for the conversations of `comments`, in thread order, as `reader` sees them."""
    user = reader["user"]
    comments = comments.select_related("user__profile", "review")
    if user.is_authenticated:
        # Whether this member has reported each comment, in the same query.
        comments = comments.annotate(
            reported_by_me=Exists(CommentFlagReport.objects.filter(user=user, comment_id=OuterRef("pk")))
        )
    roots, nodes = comment_tree(comments.order_by("thread_id", "order"))
    _add_actions(nodes, reader)
    template = get_template("comments/comment.html")
    context = {
        "can_moderate": reader["can_moderate"],
        "comments_return_path": reader["return_path"],
        "comment_security": reader["comment_security"],
        **csrf(reader["request"]),  # only a moderator's or family's forms use it; never in a shared copy
    }
    return {node["comment"].thread_id: template.render({**context, "node": node}) for node in roots}


def _add_actions(nodes, reader):
    """What this reader may do with each comment shown: reply, report, ask to hide, hide."""
    user = reader["user"]
    signed_in = user.is_authenticated
    can_moderate = reader["can_moderate"]
    flagged = {node["comment"].pk for node in nodes if getattr(node["comment"], "reported_by_me", False)}
    # Links rather than a form per comment: "Reply" asks for this page again with the one reply
    # form open under that comment (`?reply_to=<pk>`); "Report" goes to the report page.
    flag_next = "?" + urlencode({"next": reader["return_path"]})
    for node in nodes:
        comment = node["comment"]
        review = getattr(comment, "review", None)
        state = review.state if review else CommentState.PUBLISHED
        public = comment.is_public and not comment.is_removed
        others = signed_in and comment.user_id != user.pk
        can_reply = signed_in and reader["is_open"] and public and comment.level < reader["max_level"]
        can_flag = others and public and comment.pk not in flagged
        node.update(
            state=state,
            is_own=signed_in and comment.user_id == user.pk,
            is_family=bool(comment.user_id and comment.user.is_family),
            can_reply=can_reply,
            replying=can_reply and reader["replying_to"] == str(comment.pk),
            can_flag=can_flag,
            already_flagged=comment.pk in flagged,
            can_ask_hide=reader["is_family_owner"] and others and public,
            hidden_by_you=reader["is_family_owner"] and review is not None and can_undo_ask_to_hide(review, user),
            notes=reader.get("notes", {}).get(f"c{comment.pk}", []),
            can_hide=can_moderate and public,
        )
        if can_reply:
            node["reply_url"] = f"{reader['reply_prefix']}{comment.pk}#reply-{comment.pk}"
            node["cancel_url"] = f"{reader['return_path']}#c{comment.pk}"
        if can_flag:
            node["flag_url"] = reverse("comment_flag", args=[comment.pk]) + flag_next
        if node["can_ask_hide"]:
            node["ask_hide_url"] = reverse("comment_ask_to_hide", args=[comment.pk]) + flag_next
        node["has_actions"] = signed_in and (
            can_reply
            or can_flag
            or node["already_flagged"]
            or node["can_ask_hide"]
            or node["hidden_by_you"]
            or can_moderate
        )


def _page_status(page, content_type, user, versions):
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
        for name, build in READER_PAGE_FACTS.items():
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
    }


def _page_links(request, responses):
    """The responses' page navigation: earlier, first, two either side of this one, last, later."""
    paginator = responses.paginator
    if paginator.num_pages < 2:
        return None
    links = []
    for number in paginator.get_elided_page_range(responses.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append({"gap": True})
        else:
            links.append(
                {"number": number, "url": responses_query(request, number), "current": number == responses.number}
            )
    return {
        "links": links,
        "previous": responses_query(request, responses.previous_page_number()) if responses.has_previous() else None,
        "next": responses_query(request, responses.next_page_number()) if responses.has_next() else None,
    }
