"""Seed a benchmark database fast: stories, threads, members and comments in bulk.

Pages are inserted row by row only where Django cannot bulk-insert (the tables of
multi-table page models), in one transaction, with the tree paths computed here; the
search index is then built by Wagtail's own `update_index`. Only for the throwaway
benchmark databases (`ll_bench*`), never for a real one.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from treebeard.mp_tree import MP_Node
from wagtail.models import Page

from boroughs.models import Borough, BoroughPage, ThreadPage
from moderation.models import CommentReview, CommentState
from stories.models import MemorialPage, StoryIndexPage, StoryPage, TestimonyPage

WORDS = [
    "remember",
    "love",
    "family",
    "mother",
    "father",
    "brother",
    "sister",
    "son",
    "daughter",
    "friend",
    "school",
    "football",
    "music",
    "street",
    "estate",
    "park",
    "bus",
    "night",
    "summer",
    "winter",
    "birthday",
    "laugh",
    "smile",
    "kind",
    "gentle",
    "brave",
    "loud",
    "quiet",
    "knife",
    "attack",
    "court",
    "trial",
    "verdict",
    "justice",
    "police",
    "hospital",
    "ambulance",
    "funeral",
    "vigil",
    "candle",
    "flowers",
    "community",
    "youth",
    "club",
    "coach",
    "mentor",
    "church",
    "mosque",
    "temple",
    "neighbours",
    "campaign",
    "safety",
    "knife-crime",
    "prevention",
    "bleed-kit",
    "first-aid",
    "grief",
    "anger",
    "hope",
    "healing",
    "support",
    "counselling",
    "listening",
    "peckham",
    "brixton",
    "tottenham",
    "hackney",
    "croydon",
    "lewisham",
    "newham",
    "walthamstow",
    "ealing",
    "camden",
    "dream",
    "college",
    "apprentice",
    "chef",
    "barber",
    "artist",
    "poet",
    "dancer",
    "nurse",
    "engineer",
    "footballer",
    "every",
    "day",
    "we",
    "miss",
    "you",
    "still",
    "hear",
    "your",
    "voice",
    "stairs",
    "kitchen",
    "songs",
    "kitchen-table",
    "holiday",
]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def insert_local_rows(model, objs):
    """INSERT only `model`'s own table for each object (its parents are already in the database)."""
    fields = list(model._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names from our models
    rows = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def add_live_children(parent, objs):
    """Add live pages under `parent`: `Page` rows in bulk, then each subclass table."""
    model = type(objs[0])
    last = parent.get_last_child()
    start = int(last.path[-MP_Node.steplen :], 36) if last else 0
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    base_rows = []
    for i, obj in enumerate(objs, start=1):
        obj.path = MP_Node._get_path(parent.path, parent.depth + 1, start + i)
        obj.depth = parent.depth + 1
        obj.numchild = 0
        obj.url_path = f"{parent.url_path}{obj.slug}/"
        obj.draft_title = obj.title
        obj.live = True
        obj.has_unpublished_changes = False
        obj.first_published_at = obj.last_published_at = obj.first_published_at or now
        obj.locale_id = parent.locale_id
        obj.content_type = content_type
        base_rows.append(Page(**{f.attname: getattr(obj, f.attname) for f in Page._meta.concrete_fields}))
    Page.objects.bulk_create(base_rows)
    for obj, row in zip(objs, base_rows, strict=True):
        obj.pk = obj.page_ptr_id = row.pk
    for ancestor in reversed(model._meta.get_parent_list()):  # StoryPage before MemorialPage
        if ancestor is not Page:
            insert_local_rows(
                ancestor,
                [ancestor(**{f.attname: getattr(o, f.attname) for f in ancestor._meta.concrete_fields}) for o in objs],
            )
    insert_local_rows(model, objs)
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(objs))
    parent.refresh_from_db()
    return objs


def members(n, prefix="bench"):
    """`n` verified residents sharing one password hash (hashing each would take minutes), who have
    agreed to the terms in force (else every page sends them to `/me/terms/`)."""
    from allauth.account.models import EmailAddress
    from django.conf import settings

    from accounts.models import TermsAcceptance

    User = get_user_model()
    password = make_password("bench-password-not-secret")
    users = []
    for i in range(n):
        email = f"{prefix}{i}@example.org"
        user = User.objects.filter(email=email).first() or User.objects.create(email=email, password=password)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        TermsAcceptance.objects.get_or_create(user=user, version=settings.TERMS_VERSION)
        users.append(user)
    return users


@transaction.atomic
def stories(n, rng, owners, prefix="story"):
    index = StoryIndexPage.objects.get()
    boroughs = list(Borough.objects.all())
    now = timezone.now()
    objs = []
    for i in range(n):
        model = MemorialPage if i % 3 else TestimonyPage
        title = f"{words(rng, 2).title()} {i}"
        objs.append(
            model(
                title=title,
                slug=f"{prefix}-{i}",
                owner=rng.choice(owners),
                borough=rng.choice(boroughs),
                body="".join(f"<p>{words(rng, 60)}.</p>" for _ in range(4)),
                first_published_at=now - timedelta(minutes=n - i),
            )
        )
    by_model = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    for group in by_model.values():
        add_live_children(index, group)
    return objs


@transaction.atomic
def threads(n, rng, owners, prefix="thread"):
    now = timezone.now()
    created = []
    for page in BoroughPage.objects.select_related("borough"):
        share = [i for i in range(n) if i % 33 == page.borough_id % 33]
        if not share:
            continue
        objs = [
            ThreadPage(
                title=f"{words(rng, 4).capitalize()} {i}",
                slug=f"{prefix}-{i}",
                owner=rng.choice(owners),
                borough=page.borough,
                body=words(rng, 80),
                first_published_at=now - timedelta(minutes=n - i),
            )
            for i in share
        ]
        created += add_live_children(page, objs)
    return created


@transaction.atomic
def comments(page, n, rng, authors, replies=True):
    """`n` published comments on `page`: roots with replies (one in three is a reply), as xtd stores them."""
    if n == 0:
        return []
    content_type = ContentType.objects.get_for_model(type(page))
    start = timezone.now() - timedelta(days=30)
    base = [
        Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user=(author := rng.choice(authors)),
            user_name=author.public_name,
            user_email=author.email,
            comment=words(rng, 30),
            submit_date=start + timedelta(seconds=i),
            is_public=True,
            is_removed=False,
        )
        for i in range(n)
    ]
    Comment.objects.bulk_create(base)
    xtd, root, order = [], None, 0
    for i, row in enumerate(base):
        if replies and i % 3 and root is not None:
            order += 1
            parent, level = root, 1
        else:
            root, parent, level, order = row, row, 0, 1
        xtd.append(
            XtdComment(
                comment_ptr_id=row.pk,
                thread_id=root.pk,
                parent_id=parent.pk,
                level=level,
                order=order,
                followup=False,
                nested_count=0,
            )
        )
    insert_local_rows(XtdComment, xtd)
    CommentReview.objects.bulk_create(
        [CommentReview(comment_id=row.pk, state=CommentState.PUBLISHED, created_at=row.submit_date) for row in base]
    )
    return base


def story_with(n_comments):
    """The benchmark's named stories: `/stories/bench-<n>-comments/`."""
    return StoryPage.objects.get(slug=f"bench-{n_comments}-comments")


def index(objs, chunk=2000):
    """Add `objs` (pages of any kind, or comments) to the search index through the backend's bulk
    API, by model and in large chunks. `update_index` rebuilds everything and, on PostgreSQL,
    recomputes every title's norm over the whole index after each chunk of 1,000: quadratic, so
    half an hour at 100,000 stories; this indexes only what was just added."""
    from wagtail.search.backends import get_search_backend

    from search.models import SearchableComment

    backend = get_search_backend()
    by_model = {}
    comments = [obj.pk for obj in objs if isinstance(obj, Comment)]
    for obj in objs:
        if not isinstance(obj, Comment):
            by_model.setdefault(type(obj), []).append(obj)
    if comments:
        by_model[SearchableComment] = list(SearchableComment.objects.filter(pk__in=comments).order_by("pk"))
    for model, group in by_model.items():
        for start in range(0, len(group), chunk):
            backend.add_bulk(model, group[start : start + chunk])
