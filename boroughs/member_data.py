"""What `boroughs` holds for a member: the discussions they started, in their download, and what
deleting their account does to them (registered in `BoroughsConfig.ready()`; see
`accounts/holdings.py`, `accounts/data.py` and `accounts/deletion.py`)."""

from wagtail.models import PageLogEntry, Revision

from accounts.data import pages_export
from accounts.deletion import comments_on, remove_page
from core.content_notes import CONTENT_NOTES

from .models import Borough, ThreadPage

REMOVED_THREAD_BODY = (
    "The person who started this discussion has left London Listens and asked for their words to be removed."
)


def discussions_export(user, request, pages):
    threads = ThreadPage.objects.filter(owner=user).order_by("pk")
    rows = pages_export(threads, request, borough_names=dict(Borough.objects.values_list("pk", "name")))
    return lambda: rows


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


def erase_discussions(user, counts):
    """Deleted when nobody else has responded; otherwise kept for the others, without the writer."""
    for thread in ThreadPage.objects.filter(owner=user):
        others = comments_on(thread).exclude(user=user).filter(is_removed=False).exists()
        if thread.live and others:
            _keep_thread_for_others(thread)
            counts["discussions_kept_for_others"] += 1
        else:
            remove_page(thread)
            counts["discussions_deleted"] += 1
    return set()
