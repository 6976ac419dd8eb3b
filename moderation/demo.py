"""Demo discussions and responses, so a newcomer sees threads and a moderator finds work in the queue.

Called from `home`'s `load_demo_data`. Idempotent: it looks for what it made before.
Everyone here is fictional.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from boroughs.models import BoroughPage, ThreadPage
from core.workflow import submit_for_review, unique_slug
from stories.models import StoryPage

from .models import CommentFlagReport, CommentReview, CommentState
from .screening import screen
from .thread_lock import save_new_comment

THREADS = {
    "southwark": ["Safer routes home from school", "A bench in the park for Jordan?"],
    "newham": ["Youth club opening hours", "Who runs first-aid training near Stratford?"],
    "lambeth": ["Supporting families after a trial", "Walking group on Sunday mornings"],
    "hackney": ["Bleed kits in shops on Mare Street", "Mentoring for 14 to 18 year olds"],
    "croydon": ["Waiting times for counselling"],
}
PENDING_THREAD = ("lambeth", "Street lighting on the estate")
# A discussion under a legal hold, with a comment waiting beside the checklist in the queue.
LEGAL_HOLD_THREAD = ("southwark", "Waiting for the trial to start")
LEGAL_HOLD_NOTE = "Example for the demo: trial expected to start next month."
LEGAL_HOLD_COMMENT = "Does anyone know when the trial starts? I will come and sit with the family."

# (page title, author key, text, state, reply to text, reports)
RESPONSES = [
    (
        "Jordan Ellery-Example",
        "resident",
        "Jordan sounds like he lit up every room. Thinking of you all.",
        "published",
        None,
        0,
    ),
    (
        "Jordan Ellery-Example",
        "resident",
        "I coach under-18s in Peckham. We will wear black armbands on Saturday.",
        "published",
        None,
        0,
    ),
    (
        "Jordan Ellery-Example",
        "family",
        "Thank you. He would have loved that.",
        "published",
        "I coach under-18s",
        0,
    ),
    ("Jordan Ellery-Example", "resident", "I didn't know Jordan but this made me cry. Sending love.", "held", None, 0),
    ("Jordan Ellery-Example", "resident", "If anyone wants to talk, ring me on 07700 900123.", "held", None, 0),
    (
        "Amara Fictional-Obi",
        "resident",
        "Her choir sang at our church last Christmas. Beautiful voices.",
        "published",
        None,
        0,
    ),
    # The site's own screening holds this one ("get what's coming"), so the demo shows it held in the
    # queue with that reason, never published (tests/moderation/test_demo_screening.py).
    (
        "Amara Fictional-Obi",
        "resident",
        "Everyone knows who did this, they should get what's coming.",
        "held",
        None,
        0,
    ),
    (
        "Safer routes home from school",
        "family",
        "The path behind the leisure centre has no lights after 4pm.",
        "published",
        None,
        0,
    ),
    (
        "Safer routes home from school",
        "resident",
        "Could we ask the council for a walking bus?",
        "published",
        "The path behind",
        0,
    ),
    ("Youth club opening hours", "resident", "Buy cheap trainers at my shop, link in bio", "published", None, 3),
    # Published (nothing in it the screening holds) and reported by two members: the queue's "Reported" tab.
    (
        "Youth club opening hours",
        "resident",
        "Clubs won't fix anything. Parents should be doing their job.",
        "published",
        None,
        2,
    ),
    (
        "Youth club opening hours",
        "resident",
        "Friday nights until 10 would make a real difference.",
        "published",
        None,
        0,
    ),
]


def _thread(borough_slug, title, owner, moderator, publish=True):
    existing = ThreadPage.objects.filter(title=title).first()
    if existing:
        return existing
    parent = BoroughPage.objects.get(slug=borough_slug)
    thread = ThreadPage(
        title=title,
        body=f"{title}: what do you think? (An example written for the demo.)",
        borough=parent.borough,
        owner=owner,
        live=False,
    )
    thread.slug = unique_slug(parent, title)
    parent.add_child(instance=thread)
    revision = thread.save_revision(user=owner)
    if publish:
        revision.publish(user=moderator)
    else:
        submit_for_review(thread, owner)
    return thread


def _held_reasons(text):
    """Why a held demo comment waits: what the site's own screening says, else a new author."""
    return screen(text, trusted=False) or [
        {"code": "new_author", "label": "the author is new (few approved responses yet)"}
    ]


def _comment(page, user, text, state, parent):
    existing = XtdComment.norel_objects.filter(comment=text).first()
    if existing:
        if state == CommentState.HELD and existing.is_public:
            # Loaded by an older demo as published: put it in the queue as the screening would.
            existing.is_public = False
            existing.save(update_fields=["is_public"])
            CommentReview.objects.filter(comment=existing).update(state=state, reasons=_held_reasons(text))
            CommentFlagReport.objects.filter(comment=existing).delete()
        return existing
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
        parent_id=parent.pk if parent else 0,
    )
    save_new_comment(comment)
    reasons = _held_reasons(text) if state == CommentState.HELD else []
    CommentReview.objects.create(comment=comment, state=state, reasons=reasons, notified_at=timezone.now())
    return comment


def load_demo_discussions(accounts):
    """`accounts`: the demo accounts by role ("family", "resident", "moderator", ...)."""
    # Only the demo accounts write here (the demo has one account per role, nobody else).
    people = dict(accounts)
    moderator = people["moderator"]
    owners = [people["resident"], people["family"]]
    for borough_slug, titles in THREADS.items():
        for i, title in enumerate(titles):
            _thread(borough_slug, title, owners[i % len(owners)], moderator)
    _thread(*PENDING_THREAD, people["resident"], moderator, publish=False)

    _legal_hold_demo(people)

    pages = {p.title: p for p in StoryPage.objects.live().specific()}
    pages.update({t.title: t for t in ThreadPage.objects.live()})
    reporters = [people["family"], people["moderator"], people["admin"], people["resident"]]
    for title, author, text, state, reply_to, reports in RESPONSES:
        page = pages.get(title)
        if page is None:
            continue
        parent = XtdComment.norel_objects.filter(comment__startswith=reply_to).first() if reply_to else None
        comment = _comment(page, people[author], text, state, parent)
        for reporter in [r for r in reporters if r.pk != comment.user_id][:reports]:
            CommentFlagReport.objects.get_or_create(
                comment=comment, user=reporter, defaults={"reason": "spam" if "shop" in text else "harassment"}
            )
        if reports >= 3 and comment.is_public:
            comment.is_public = False
            comment.save(update_fields=["is_public"])
            CommentReview.objects.filter(comment=comment).update(
                state=CommentState.HIDDEN, reasons=[{"code": "flags", "label": f"reported by {reports} members"}]
            )


def _legal_hold_demo(people):
    from care.actions import set_legal_hold

    thread = _thread(*LEGAL_HOLD_THREAD, people["family"], people["moderator"])
    set_legal_hold(  # keeps the hold if already set
        thread,
        by=people["moderator"],
        note=LEGAL_HOLD_NOTE,
        stage="charge",
        reason="Example for the demo: a man was charged last week (police statement).",
    )
    comment = _comment(thread, people["resident"], LEGAL_HOLD_COMMENT, CommentState.HELD, None)
    review = CommentReview.objects.get(comment=comment)
    if not any(reason.get("code") == "legal_hold" for reason in review.reasons):
        review.reasons = [{"code": "legal_hold", "label": "legal hold: court proceedings are active"}, *review.reasons]
        review.save(update_fields=["reasons"])
