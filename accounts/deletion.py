"""A member deletes their account: what happens to everything they wrote or did.

- **Stories** (memorials and testimonies) are taken down and deleted with every revision, their
  photos, the responses on them, their quiet periods, candles and followers. A family must be able
  to take their loved one's story down completely; the responses on a deleted story have nowhere
  left to be read.
- **Discussions they started** are deleted in the same way when nobody else has responded. When
  others have, the conversation stays for them: the title stays (the responses answer it), the
  opening post is replaced by a note that it was removed at the writer's request, the content
  notes and the owner are cleared, and every revision is scrubbed of the old words.
- **Their responses** elsewhere: one that nobody has replied to is deleted, and so is any that is
  not published (held, hidden or rejected). A published one with replies keeps its place so the
  replies still make sense: its text, name and e-mail are erased and it is marked removed
  (`is_removed`, still public: `moderation.display.REMOVED_BY_WRITER`), and the page shows
  "Removed at the writer's request" in its place, with no reply or report links.
- **Follows, candles, reports they made, sanctions, e-mail addresses, two-factor devices and the
  profile** are deleted with the user row. Reports they made go too: a report is about the
  reporter's judgement, and a moderator who needs to act on a comment can still see and hide it.
- **The audit log** keeps what moderators did (who approved what, when) but not the member's words
  or names: entries about the deleted pages and the member's profile lose their titles and data,
  and one entry records the deletion with counts only.

Superusers cannot delete themselves here (another administrator must first remove their rights):
an administrator account holds the site, and the last one must never vanish by a form.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from boroughs.models import ThreadPage
from core.content_notes import CONTENT_NOTES
from moderation.models import CommentFlagReport, CommentReview
from stories.models import StoryPage

ACCOUNT_DELETED = "accounts.account_deleted"
DATA_EXPORTED = "accounts.data_exported"
REMOVED_THREAD_BODY = (
    "The person who started this discussion has left London Listens and asked for their words to be removed."
)
DELETED_LABEL = "Deleted at the member's request"
ERASED_REASON = {"code": "removed_by_writer", "label": "Removed at the writer's request"}


class CannotDelete(Exception):
    """The account may not be deleted from the member's own page (a kind message says why)."""


def check_can_delete(user):
    if user.is_superuser:
        raise CannotDelete(
            "This is an administrator account, so it cannot be deleted from here. "
            "Please ask another administrator to remove your administrator rights first, "
            "then you can delete your account."
        )


def _comments_on(page):
    content_type = ContentType.objects.get_for_model(page.specific_class)
    return XtdComment.norel_objects.filter(content_type=content_type, object_pk=str(page.pk))


def _scrub_page_log(page_ids):
    PageLogEntry.objects.filter(page_id__in=page_ids).update(label=DELETED_LABEL, data={})


def _remove_page(page):
    """Take a page down and delete it with its revisions, workflow, responses and followers."""
    page = page.specific
    photo_id = getattr(page, "photo_id", None)
    photo_ids = {photo_id} if photo_id else set()
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
        photo_ids.add(revision.content.get("photo"))
    state = page.current_workflow_state
    if state:
        state.cancel(user=None)
    for comment in _comments_on(page):
        comment.delete()  # one by one, so the search index and page cache hear of each
    if page.live:
        UnpublishPageAction(page, user=None).execute(skip_permission_checks=True)
    DeletePageAction(page, user=None).execute(skip_permission_checks=True)
    _scrub_page_log([page.pk])
    return {pk for pk in photo_ids if pk}


def _keep_thread_for_others(thread):
    """Others have responded: keep the conversation, remove the opening post and its author."""
    thread.body = REMOVED_THREAD_BODY
    no_notes = {"content_note": "", **{name: False for name, _label in CONTENT_NOTES}}
    for name, value in no_notes.items():
        setattr(thread, name, value)
    thread.owner = None
    thread.save(clean=False)
    for revision in Revision.page_revisions.filter(object_id=str(thread.pk)):
        revision.content.update(body=REMOVED_THREAD_BODY, owner=None, **no_notes)
        revision.user = None
        revision.save(update_fields=["content", "user"])
    PageLogEntry.objects.filter(page_id=thread.pk).update(data={})


def _erase_comments(user, counts):
    """Deepest first, so a response whose only replies were the member's own is deleted too."""
    for comment in XtdComment.norel_objects.filter(user=user).order_by("-level", "-pk"):
        has_replies = XtdComment.norel_objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists()
        # Only a published response keeps its place: replies under a held, hidden or rejected one
        # were not shown anyway, and an erased one must never come back through the queue.
        if not (has_replies and comment.is_public and not comment.is_removed):
            comment.delete()
            counts["responses_deleted"] += 1
            continue
        comment.comment = ""
        comment.user = None
        comment.user_name = ""
        comment.user_email = ""
        comment.user_url = ""
        comment.ip_address = None
        comment.followup = False
        comment.is_removed = True
        comment.save()
        review = CommentReview.for_comment(comment)
        review.reasons = [ERASED_REASON]
        review.rejection_reason = ""
        review.save(update_fields=["reasons", "rejection_reason"])
        # Nothing is left for a moderator to look at: reports on it are settled, so it leaves the queue.
        CommentFlagReport.objects.filter(comment=comment, resolved_at__isnull=True).update(resolved_at=timezone.now())
        counts["responses_erased"] += 1


@transaction.atomic
def delete_member(user):
    """Delete `user` and what they wrote, as the module docstring says. Returns the counts logged."""
    check_can_delete(user)
    counts = Counter()
    photo_ids = set()

    for story in StoryPage.objects.filter(owner=user):
        photo_ids |= _remove_page(story)
        counts["stories_deleted"] += 1

    for thread in ThreadPage.objects.filter(owner=user):
        others = _comments_on(thread).exclude(user=user).filter(is_removed=False).exists()
        if thread.live and others:
            _keep_thread_for_others(thread)
            counts["discussions_kept_for_others"] += 1
        else:
            _remove_page(thread)
            counts["discussions_deleted"] += 1

    _erase_comments(user, counts)

    # Photos of their memorials (and any the public form saved for them); never an editor's upload.
    images = get_image_model().objects.filter(pk__in=photo_ids)
    if not user.is_staff:
        images = get_image_model().objects.filter(pk__in=photo_ids) | get_image_model().objects.filter(
            uploaded_by_user=user
        )
    for image in images:
        image.delete()
        counts["photos_deleted"] += 1

    profile = getattr(user, "profile", None)
    if profile is not None:
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(profile), object_id=str(profile.pk)
        ).update(label=DELETED_LABEL, data={})
        # The one record of the deletion: counts only, no name, no address, no words, no actor
        # (the manager directly, so no request's log context can attach the member's id).
        ModelLogEntry.objects.log_action(profile, ACCOUNT_DELETED, user=None, title="A member", data=dict(counts))

    # What the member did as a moderator or editor stays in the log, but no longer points at an id
    # that could one day be given to someone else.
    PageLogEntry.objects.filter(user_id=user.pk).update(user=None)
    ModelLogEntry.objects.filter(user_id=user.pk).update(user=None)
    user.delete()
    return dict(counts)
