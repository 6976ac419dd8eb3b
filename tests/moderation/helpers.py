"""Posting comments the way a browser does, and making comments in a given state directly."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from moderation.forms import CommentForm
from moderation.models import CommentReview, CommentState


def form_data(page, text="Thinking of you all.", reply_to=0, sent_anyway=True, **extra):
    """What the comment form on `page` posts (security fields included).

    By default, as a writer who was told why screening would hold it and chose to send it as it is
    (moderation/nudge.py), so what screening holds is held; `sent_anyway=False` is the first send.
    """
    security = CommentForm(page).initial
    markers = {"nudged": "1", "send_anyway": "1"} if sent_anyway else {}
    return {
        **markers,
        "content_type": security["content_type"],
        "object_pk": security["object_pk"],
        "timestamp": security["timestamp"],
        "security_hash": security["security_hash"],
        "reply_to": reply_to,
        "comment": text,
        "honeypot": "",
        **extra,
    }


def post(client, page, text="Thinking of you all.", reply_to=0, **extra):
    return client.post("/comments/post/", form_data(page, text, reply_to, **extra))


def make_comment(page, user, text="A kind word.", state=CommentState.PUBLISHED, parent=None):
    """A comment in `state`, saved as the post view would (thread data computed by xtd)."""
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=user.public_name,
        user_email=user.email,
        comment=text,
        submit_date=timezone.now(),
        is_public=state == CommentState.PUBLISHED,
        is_removed=state == CommentState.REJECTED,
        parent_id=parent.pk if parent else 0,
    )
    comment.save()
    CommentReview.objects.create(comment=comment, state=state)
    return comment


def trust(user, page, n=3):
    """Give `user` enough approved comments to be trusted."""
    return [make_comment(page, user, f"Earlier comment {i}") for i in range(n)]
