"""Who sees which comments on a page: moderators, the member who wrote one, the family whose
story it is, everyone else. Every list of comments shown to a reader starts here."""

from django.conf import settings
from django.db.models import Q
from django.utils.encoding import force_str
from django_comments_xtd.models import XtdComment

from .models import CommentState

# A response whose writer deleted their account while others had replied to it: kept, empty and
# marked removed, so the replies still make sense (accounts/deletion.py). Only that erasure leaves a
# comment both removed and public; a moderator's rejection makes it private.
REMOVED_BY_WRITER = Q(is_removed=True, is_public=True)


def can_moderate_comments(user):
    return user.is_authenticated and user.has_perm("django_comments.can_moderate")


def visible_comments(content_type, object_pk, user):
    """The comments on one page that `user` (anyone, signed in or not) may see, in no order.

    Moderators see every comment that is not removed (held ones in place); members see the
    published ones and their own that wait for a moderator; visitors the published ones.
    """
    comments = XtdComment.objects.filter(
        content_type=content_type, object_pk=force_str(object_pk), site_id=settings.SITE_ID
    ).filter(Q(is_removed=False) | REMOVED_BY_WRITER)
    if not can_moderate_comments(user):
        visible = Q(is_public=True)
        if user.is_authenticated:
            visible |= Q(user=user)  # your own comment, while it waits for a moderator
            if user.is_family:
                # One the family asked to hide on their story, in its place, so they can undo it.
                visible |= Q(review__state=CommentState.HIDDEN, review__decided_by=user)
        comments = comments.filter(visible)
    return comments
