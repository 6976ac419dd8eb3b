"""Nothing lost under concurrency: 20 members posting at once into one discussion (PostgreSQL).

django-comments-xtd numbers a reply inside its thread (`XtdComment._calculate_thread_data`)
by reading max(order) and shifting later orders, with no lock: two replies saved at once
into the same thread can take the same position. Our post view locks the thread's root
comment first (moderation/thread_lock.py). This test posts through the real view from
real threads, started together at a barrier, and checks every thread tree afterwards.
"""

import threading
from collections import Counter, defaultdict

import pytest
from django.db import connection, connections
from django.test import Client

from boroughs.models import BoroughPage
from moderation.models import CommentReview, CommentState
from tests.factories import ThreadPageFactory, UserFactory
from tests.moderation.helpers import form_data, make_comment, trust

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write and has no row locks, so it cannot show the race "
        "(run with DATABASE_URL=postgres://...)",
    ),
    # Real threads only see committed rows; serialized_rollback restores the migrated data afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 20
PER_WORKER = 10
# Each worker posts as two members, five comments each: exactly the per-minute allowance.
MEMBERS_PER_WORKER = 2


def discussion(owner, title):
    parent = BoroughPage.objects.get(slug="hackney")
    page = ThreadPageFactory(
        title=title, slug=title.lower().replace(" ", "-"), body="Hello.", owner=owner, borough=parent.borough
    )
    return page


def thread_comments(page):
    from django_comments_xtd.models import XtdComment

    return list(XtdComment.norel_objects.filter(object_pk=str(page.pk)).order_by("thread_id", "order"))


def tree_problems(comments):
    """Everything wrong with the stored thread trees, as readable strings (empty when all is well).

    Per thread: orders are 1..n with no duplicates; walking by order is a depth-first walk (each
    comment comes right after its parent's earlier subtree, so after its parent and before the
    parent's next sibling); levels follow parents; nested_count is the number of descendants.
    """
    problems = []
    by_thread = defaultdict(list)
    for comment in comments:
        by_thread[comment.thread_id].append(comment)
    for thread_id, members in by_thread.items():
        members.sort(key=lambda c: (c.order, c.pk))
        orders = [c.order for c in members]
        duplicates = sorted(order for order, n in Counter(orders).items() if n > 1)
        if duplicates:
            problems.append(f"thread {thread_id}: orders taken twice: {duplicates}")
        if sorted(orders) != list(range(1, len(members) + 1)):
            problems.append(f"thread {thread_id}: orders are not 1..{len(members)}: {orders}")
        by_pk = {c.pk: c for c in members}
        stack = []
        for position, comment in enumerate(members):
            if position == 0:
                if comment.pk != thread_id or comment.parent_id != comment.pk or comment.level != 0:
                    problems.append(f"thread {thread_id}: {comment.pk} comes first but is not the root")
                stack = [comment.pk]
                continue
            while stack and stack[-1] != comment.parent_id:
                stack.pop()
            if not stack:
                problems.append(
                    f"thread {thread_id}: {comment.pk} (order {comment.order}) is outside its parent "
                    f"{comment.parent_id}'s subtree"
                )
                stack = [thread_id]
                continue
            parent = by_pk[comment.parent_id]
            if comment.level != parent.level + 1:
                problems.append(f"thread {thread_id}: {comment.pk} has level {comment.level} under {parent.level}")
            stack.append(comment.pk)
        descendants = Counter()
        for comment in members:
            ancestor = comment
            while ancestor.parent_id != ancestor.pk and ancestor.parent_id in by_pk:
                ancestor = by_pk[ancestor.parent_id]
                descendants[ancestor.pk] += 1
        for comment in members:
            if comment.nested_count != descendants[comment.pk]:
                problems.append(
                    f"thread {thread_id}: {comment.pk} has nested_count {comment.nested_count}, "
                    f"but {descendants[comment.pk]} descendants"
                )
    return problems


def test_tree_problems_sees_a_duplicate_order_and_a_reply_outside_its_parent(tree, resident):
    """The checker itself can fail: a thread numbered the way the race leaves it is reported."""
    page = discussion(resident, "Checker check")
    root = make_comment(page, resident, "Root")
    first = make_comment(page, resident, "First reply", parent=root)
    make_comment(page, resident, "Second reply", parent=root)
    make_comment(page, resident, "Reply to the first", parent=first)
    assert tree_problems(thread_comments(page)) == []

    comments = thread_comments(page)
    comments[-1].order = comments[-2].order  # two replies given one position
    assert any("taken twice" in p for p in tree_problems(comments))
    comments = thread_comments(page)
    by_text = {c.comment: c for c in comments}
    # The reply to the first reply, numbered after the second reply: outside its parent's subtree.
    by_text["Reply to the first"].order, by_text["Second reply"].order = (
        by_text["Second reply"].order,
        by_text["Reply to the first"].order,
    )
    assert any("outside" in p for p in tree_problems(comments))


def test_two_hundred_comments_posted_at_once_all_land_in_a_correct_tree(tree, resident):
    page = discussion(resident, "Concurrency check")
    elsewhere = discussion(resident, "Where trust was earned")
    # Existing conversation: two roots, replies under the first, one reply to a reply.
    root = make_comment(page, resident, "First root")
    other_root = make_comment(page, resident, "Second root")
    reply = make_comment(page, resident, "A reply", parent=root)
    second_reply = make_comment(page, resident, "Another reply", parent=root)
    make_comment(page, resident, "A reply to the reply", parent=reply)
    before = len(thread_comments(page))

    # Where each worker's comments go, in turn: mostly into the first root's thread, at every depth.
    targets = [root.pk, reply.pk, second_reply.pk, 0, root.pk, reply.pk, other_root.pk, second_reply.pk, 0, root.pk]
    assert len(targets) == PER_WORKER

    clients = []
    for w in range(WORKERS):
        members = []
        for m in range(MEMBERS_PER_WORKER):
            member = UserFactory(profile_and_email__display_name=f"Member {w}-{m}")
            trust(member, elsewhere)  # trusted, so published, not held
            client = Client(raise_request_exception=False)  # a failed request is counted as its 500
            client.force_login(member)
            members.append(client)
        clients.append(members)

    barrier = threading.Barrier(WORKERS, timeout=60)
    statuses = defaultdict(list)
    errors = []

    def work(w):
        try:
            barrier.wait()
            for i, reply_to in enumerate(targets):
                client = clients[w][i % MEMBERS_PER_WORKER]
                text = f"Worker {w} comment {i}: we are with you."
                response = client.post("/comments/post/", form_data(page, text, reply_to=reply_to))
                statuses[w].append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported below, with the worker it came from
            errors.append((w, repr(error)))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(w,)) for w in range(WORKERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert not any(worker.is_alive() for worker in workers), "a worker hung"
    assert errors == []

    comments = thread_comments(page)
    problems = tree_problems(comments)
    # One summary first, so a failure shows the whole picture (refusals, 500s, lost or misplaced comments).
    summary = {
        "responses": Counter(code for codes in statuses.values() for code in codes),
        "comments": len(comments),
        "positions": len({(c.thread_id, c.order) for c in comments}),
        "tree problems": len(problems),
    }
    total = before + WORKERS * PER_WORKER
    # Every post was accepted and published (a redirect back to the page): none refused or failed.
    assert summary == {
        "responses": {302: WORKERS * PER_WORKER},
        "comments": total,
        "positions": total,
        "tree problems": 0,
    }, problems[:10]
    posted = [c for c in comments if c.comment.startswith("Worker ")]
    assert len({c.comment for c in posted}) == WORKERS * PER_WORKER
    assert CommentReview.objects.filter(comment__in=posted, state=CommentState.PUBLISHED).count() == len(posted)

    # Each reply is under the comment it answered.
    expected_parent = {
        f"Worker {w} comment {i}: we are with you.": target for w in range(WORKERS) for i, target in enumerate(targets)
    }
    assert [
        c.comment for c in posted if (c.parent_id if expected_parent[c.comment] else 0) != expected_parent[c.comment]
    ] == []

    root_thread = [c for c in comments if c.thread_id == root.pk]
    # The first root's thread had 4 comments; 7 of every worker's 10 went into it, at levels 1 and 2.
    assert len(root_thread) == 4 + WORKERS * 7
