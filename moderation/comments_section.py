"""The comments section of a page, as one reader sees it, in a fixed number of queries.

Responses are paginated by conversation (moderation/responses_pages.py); each page of responses
costs the same queries whatever the number of comments: one count, one fetch of the shown
conversations, and (signed in) the member's reports on those comments and whether they follow the
page. Who sees which comment is moderation/visibility.py; which rendered parts readers share is
moderation/shared_copies.py.

Comments come back in xtd's thread order (`thread_id`, `order`: depth first), so a single pass
builds the tree of replies. A reply is shown only under a comment the reader can see.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.template.context_processors import csrf
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django_comments_xtd.models import max_thread_level_for_content_type

from accounts import marks
from caching import fragments
from core.templatetags.region_messages import messages_by_region
from stories.models import CommentPolicy

from . import responses_pages
from .actions import can_undo_ask_to_hide
from .forms import CommentForm
from .models import CommentFlagReport, CommentState
from .moderator import CLOSED, moderator_for
from .responses_pages import page_links
from .shared_copies import rendered_conversations
from .shared_pages import page_status_for
from .visibility import can_moderate_comments, visible_comments


def reply_tree(comments):
    """The shown comments as (top-level nodes, all nodes); each node is {"comment", "children"}."""
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


def _return_path(request):
    """This page, on the same page of responses, without an open reply form: where actions come back to."""
    query = request.GET.copy()
    query.pop("reply_to", None)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _with_param_prefix(request, name):
    """`?<the other parameters>&<name>=`, to which a value is appended.

    Built here, not with `{% querystring %}`: once per render, then each response's reply link is
    this plus its number, and the parameter goes last (where the tag would keep its old place).
    """
    query = request.GET.copy()
    query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}&{name}=" if encoded else f"?{name}="


def comments_context(request, page, form=None):
    if page is None or not page.pk or moderator_for(type(page)) is None:
        return {"comments_enabled": False}
    user = request.user
    signed_in = user.is_authenticated
    can_moderate = can_moderate_comments(user)
    content_type = ContentType.objects.get_for_model(page)
    # Read before any comment is (caching/fragments.py): a change while this renders is a new version.
    versions = fragments.versions("site", f"page:{page.pk}")
    status = page_status_for(request, page, content_type, versions)
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
        "legal_hold": status["legal_hold"],  # the reply form repeats the reminder of what not to say
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
    per_page = responses_pages.RESPONSES_PER_PAGE  # read at the call: tests set it lower
    responses = Paginator(range(counts["roots"]), per_page).get_page(responses_pages.page_number(request))
    conversations = []
    if counts["roots"]:
        shown = visible.filter(level=0).order_by("thread_id")[responses.start_index() - 1 : responses.end_index()]
        conversations = rendered_conversations(visible, shown, reader, versions, _render)
    html = render_to_string(
        "comments/responses.html",
        {
            "conversations": conversations,
            "responses_page": responses,
            "responses_nav": page_links(request, responses),
        },
    )
    return {"html": html, "count": counts["published"]}


def _render(comments, reader):
    """{thread id: HTML} for the conversations of `comments`, in thread order, as `reader` sees them."""
    user = reader["user"]
    # Each writer's name and badges (accounts/marks.py), in the same query as the comments.
    comments = marks.annotate(comments.select_related("user__profile", "review"), "user_id")
    if user.is_authenticated:
        # Whether this member has reported each comment, in the same query.
        comments = comments.annotate(
            reported_by_me=Exists(CommentFlagReport.objects.filter(user=user, comment_id=OuterRef("pk")))
        )
    roots, nodes = reply_tree(comments.order_by("thread_id", "order"))
    _add_actions(nodes, reader)
    template = get_template("comments/comment.html")
    context = {
        "can_moderate": reader["can_moderate"],
        "comments_return_path": reader["return_path"],
        "comment_security": reader["comment_security"],
        "legal_hold": reader["legal_hold"],
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
            marks=marks.labels(comment),
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
