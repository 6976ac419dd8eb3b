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
  (`is_removed`, still public: `moderation.visibility.REMOVED_BY_WRITER`), and the page shows
  "Removed at the writer's request" in its place, with no reply or report links.
- **Follows, candles, reports they made, sanctions, e-mail addresses, two-factor devices and the
  profile** are deleted with the user row. Reports they made go too: a report is about the
  reporter's judgement, and a moderator who needs to act on a comment can still see and hide it.
- **The audit log** keeps what moderators did (who approved what, when) but not the member's words
  or names: entries about the deleted pages and the member's profile lose their titles and data,
  and one entry records the deletion with counts only.

Each app does its part (`<app>/member_data.py`, registered in `accounts/holdings.py`, stories first,
then discussions, then responses); this module removes the photos, the log's words and the user.

Superusers cannot delete themselves here (another administrator must first remove their rights):
an administrator account holds the site, and the last one must never vanish by a form.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_comments_xtd.models import XtdComment
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageLogEntry, Revision

from . import holdings

ACCOUNT_DELETED = "accounts.account_deleted"
DATA_EXPORTED = "accounts.data_exported"
DELETED_LABEL = "Deleted at the member's request"


class CannotDelete(Exception):
    """The account may not be deleted from the member's own page (a kind message says why)."""


def check_can_delete(user):
    if user.is_superuser:
        raise CannotDelete(
            "This is an administrator account, so it cannot be deleted from here. "
            "Please ask another administrator to remove your administrator rights first, "
            "then you can delete your account."
        )


def comments_on(page):
    content_type = ContentType.objects.get_for_model(page.specific_class)
    return XtdComment.norel_objects.filter(content_type=content_type, object_pk=str(page.pk))


def _scrub_page_log(page_ids):
    PageLogEntry.objects.filter(page_id__in=page_ids).update(label=DELETED_LABEL, data={})


def remove_page(page):
    """Take a page down and delete it with its revisions, workflow, responses and followers."""
    page = page.specific
    photo_id = getattr(page, "photo_id", None)
    photo_ids = {photo_id} if photo_id else set()
    for revision in Revision.page_revisions.filter(object_id=str(page.pk)):
        photo_ids.add(revision.content.get("photo"))
    state = page.current_workflow_state
    if state:
        state.cancel(user=None)
    for comment in comments_on(page):
        comment.delete()  # one by one, so the search index and page cache hear of each
    if page.live:
        UnpublishPageAction(page, user=None).execute(skip_permission_checks=True)
    DeletePageAction(page, user=None).execute(skip_permission_checks=True)
    _scrub_page_log([page.pk])
    return {pk for pk in photo_ids if pk}


@transaction.atomic
def delete_member(user):
    """Delete `user` and what they wrote, as the module docstring says. Returns the counts logged."""
    check_can_delete(user)
    counts = Counter()
    photo_ids = holdings.erase_all(user, counts)

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
