"""Everything the comments section of a page needs, in a fixed number of queries.

Comments come back in xtd's thread order (`thread_id`, `order`: depth first), so a
single pass builds the tree. A reply is shown only under a comment the reader can see.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.encoding import force_str
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from care.models import active_legal_hold, current_quiet_period
from notifications.models import Follow
from stories.models import CommentPolicy

from .forms import CommentForm
from .models import CommentFlagReport, CommentState
from .moderator import CLOSED, moderator_for


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


def comments_context(request, page, form=None):
    if page is None or not page.pk or moderator_for(type(page)) is None:
        return {"comments_enabled": False}
    user = request.user
    signed_in = user.is_authenticated
    can_moderate = signed_in and user.has_perm("django_comments.can_moderate")
    content_type = ContentType.objects.get_for_model(page)
    object_pk = force_str(page.pk)

    comments = XtdComment.objects.filter(
        content_type=content_type, object_pk=object_pk, site_id=settings.SITE_ID, is_removed=False
    ).select_related("user__profile", "review")
    if not can_moderate:
        visible = Q(is_public=True)
        if signed_in:
            visible |= Q(user=user)  # your own comment, while it waits for a moderator
        comments = comments.filter(visible)
    roots, nodes = comment_tree(comments.order_by("thread_id", "order"))

    flagged = set()
    if signed_in:
        flagged = set(
            CommentFlagReport.objects.filter(
                user=user, comment__content_type=content_type, comment__object_pk=object_pk
            ).values_list("comment_id", flat=True)
        )

    quiet_period = current_quiet_period(page.pk)
    is_open = page.live and getattr(page, "comment_policy", "open") != CLOSED and quiet_period is None
    max_level = max_thread_level_for_content_type(content_type)
    is_family_owner = signed_in and user.is_family and page.owner_id == user.pk and page.kind != "thread"
    for node in nodes:
        comment = node["comment"]
        review = getattr(comment, "review", None)
        state = review.state if review else CommentState.PUBLISHED
        public = comment.is_public
        others = signed_in and comment.user_id != user.pk
        node.update(
            state=state,
            is_own=signed_in and comment.user_id == user.pk,
            is_family=bool(comment.user_id and comment.user.is_family),
            can_reply=signed_in and is_open and public and comment.level < max_level,
            can_flag=others and public and comment.pk not in flagged,
            already_flagged=comment.pk in flagged,
            can_ask_hide=is_family_owner and others and public,
            can_hide=can_moderate and public,
        )

    if form is None and signed_in and is_open:
        form = CommentForm(page)
    return {
        "comments_enabled": True,
        "comment_page": page,
        "comment_roots": roots,
        "comment_count": sum(1 for node in nodes if node["comment"].is_public),
        "comment_form": form,
        "comment_security": form.initial if form is not None else {},
        "comments_open": is_open,
        "comments_policy": getattr(page, "comment_policy", "open"),
        "quiet_period": quiet_period,
        "legal_hold": active_legal_hold(page.pk) is not None,
        "comment_policy_choices": CommentPolicy.choices,
        "can_moderate": can_moderate,
        "is_family_owner": is_family_owner,
        "following_page": Follow.objects.is_following(user, page=page),
    }
