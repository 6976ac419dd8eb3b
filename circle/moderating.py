"""The circle's posts go through the same machinery as the rest of the forum.

- May the member post at all? `core.posting` (sanctions, and the rate limits moderation counts: a
  new discussion counts as a "thread", a reply as a "comment").
- Screening: `moderation.screening.screen`, the moderators' phrase list and the personal-details
  detectors. What it finds goes to the moderator with the post.
- Every new discussion is read by a moderator first, as a borough discussion is. A reply is
  published at once unless the rules of responses hold it: the author is pre-moderated, new
  (fewer published circle replies than `ModerationSettings.trusted_after`) or screening found something.
"""

from django.db import transaction
from django.utils import timezone

from core.mail import send_after_commit
from core.posting import record_post
from moderation.models import ModerationSettings, Sanction, SanctionKind
from moderation.screening import screen

from .access import is_peer_supporter
from .models import Discussion, Reply, Status


def is_trusted(user):
    if user.is_moderator or is_peer_supporter(user):
        return True
    published = Reply.objects.filter(author=user, status=Status.PUBLISHED).count()
    return published >= ModerationSettings.load().trusted_after


def hold_reasons(user, text):
    reasons = []
    if Sanction.objects.active().filter(user=user, kind=SanctionKind.PREMODERATE).exists():
        reasons.append({"code": "author_premoderated", "label": "a moderator asked to read this member's posts"})
    trusted = is_trusted(user)
    if not trusted:
        reasons.append({"code": "new_author", "label": "the author is new (few published replies yet)"})
    if not user.is_moderator:
        reasons.extend(screen(text, trusted=trusted))
    return reasons


def start_discussion(user, *, title, body):
    with transaction.atomic():
        discussion = Discussion.objects.create(
            author=user, title=title, body=body, reasons=screen(f"{title}\n{body}", trusted=False)
        )
        record_post(user, "thread")
    return discussion


def add_reply(user, discussion, *, body):
    reasons = hold_reasons(user, body)
    with transaction.atomic():
        reply = Reply.objects.create(
            discussion=discussion,
            author=user,
            body=body,
            reasons=reasons,
            status=Status.WAITING if reasons else Status.PUBLISHED,
        )
        record_post(user, "comment")
    return reply


def decide(post, *, publish, by, note=""):
    """A moderator publishes or declines a waiting discussion or reply; the author is told."""
    post.status = Status.PUBLISHED if publish else Status.DECLINED
    post.decided_at, post.decided_by = timezone.now(), by
    fields = ["status", "decided_at", "decided_by"]
    if isinstance(post, Discussion):
        post.note = note
        fields.append("note")
    post.save(update_fields=fields)
    send_after_commit(
        "circle/email/post_decided",
        {"member": post.author, "post": post, "published": publish, "note": note},
        [post.author.email],
    )
