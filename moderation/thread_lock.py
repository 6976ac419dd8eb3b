"""Saving a new comment into its thread tree, one writer per thread at a time.

django-comments-xtd 2.10 places a reply in its thread (`XtdComment._calculate_thread_data`)
by reading the parent, max(order) and the orders after it, then shifting those orders up by
one, all without a lock. Two replies saved at once into one thread read the same numbers:
they take the same position, land outside their parent's subtree, or deadlock on the shift
(seen on PostgreSQL: 20 members posting at once, tests/security/test_concurrency.py).

So every new comment is saved through `save_new_comment`, which first locks the row of the
thread's root comment (SELECT ... FOR UPDATE) inside the caller's transaction: writers to
one thread queue behind each other until the first commits, and writers to different
threads do not wait at all. A new top-level comment starts its own thread and needs no lock.
On SQLite `select_for_update` does nothing, but SQLite lets only one transaction write at a time.
"""

from django.db import transaction
from django_comments_xtd.models import XtdComment


def lock_thread_of(parent_id):
    """Lock the root comment of the thread that comment `parent_id` belongs to, until the transaction ends."""
    thread_id = XtdComment.norel_objects.filter(pk=parent_id).values_list("thread_id", flat=True).first()
    if thread_id:
        # The root's own row: every writer to the thread takes this same lock first, so no two
        # of them can hold it and wait for each other (no deadlock between replies).
        list(XtdComment.norel_objects.select_for_update().filter(pk=thread_id).values_list("pk", flat=True))


def save_new_comment(comment):
    """Save a new (unsaved) XtdComment; a reply takes its thread's lock first. Returns the comment."""
    if comment.pk is not None:
        raise ValueError("save_new_comment is for new comments only")
    with transaction.atomic():
        if comment.parent_id:
            lock_thread_of(comment.parent_id)
        comment.save()
    return comment
