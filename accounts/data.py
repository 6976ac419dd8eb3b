"""Everything London Listens holds about one member, as a plain dictionary (saved as JSON).

What is in it: the account (e-mail addresses, display name, profile, dates), every story and
discussion they started (the newest version of their words, its status, borough and content
notes), their responses (text, page, date, state, and a moderator's reason where they were told
one), what they follow, their candles, the reports they made, the quiet periods they set, and any
sanction on their account (the member was e-mailed each one, reason included).

What is deliberately not in it, and why:

- other people: no other member's name or e-mail, no moderator's name, not the words of a
  response they reported or replied to (only its number and page);
- staff-only working notes: why the screening held a response (the screening phrases are what
  keep threats off the site; publishing them helps people get round them) and who reported the
  member's own responses (reporters must be safe from retaliation). A member who wants more can
  make a subject access request by e-mail; a person answers it and can weigh other people's rights.
- secrets: no password hash, no two-factor secrets or recovery codes.

The number of queries does not grow with the number of stories, responses, follows or candles
(one or a few per kind), except one per story whose review asked for changes (the reason).
"""

from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from boroughs.models import Borough, ThreadPage
from care.models import QuietPeriod
from core.content_notes import CONTENT_NOTES
from core.workflow import attach_workflow_states, status_of
from moderation.models import CommentFlagReport, CommentState, Sanction
from notifications.models import Follow
from stories.models import Candle, CommentPolicy, MemorialPage, StoryPage

FORMAT_VERSION = 1


def _date(value):
    return value.isoformat() if value else None


def _content_notes(page):
    return {
        "categories": [label for name, label in CONTENT_NOTES if getattr(page, name)],
        "your_words": page.content_note,
    }


class _Pages:
    """Titles and addresses of the pages a member's things point at, fetched once."""

    def __init__(self, page_ids, request=None):
        self.request = request
        ids = {int(pk) for pk in page_ids if str(pk).isdigit()}
        self.pages = {
            page.pk: page for page in Page.objects.filter(pk__in=ids).only("pk", "title", "url_path", "live")
        }

    def describe(self, page_id):
        page = self.pages.get(int(page_id)) if str(page_id).isdigit() else None
        if page is None:
            return {"title": None, "address": None, "note": "This page no longer exists."}
        if not page.live:
            return {"title": None, "address": None, "note": "This page is not published."}
        return {"title": page.title, "address": page.get_url(self.request)}


class _Version:
    """The member's newest words for a page, read from its latest revision's stored content
    (no deserialising, so no queries per page)."""

    def __init__(self, page, content):
        self.page, self.content = page, content or {}

    def __getattr__(self, name):
        if name in self.content:
            return self.content[name]
        return getattr(self.page, name)


def _pages_export(pages, request=None):
    """Stories or discussions: the newest version of the member's words (the latest revision,
    which may be a draft waiting for review) and, when different, what is published."""
    pages = list(pages)
    attach_workflow_states(pages)
    revisions = dict(
        Revision.objects.filter(pk__in=[p.latest_revision_id for p in pages if p.latest_revision_id]).values_list(
            "pk", "content"
        )
    )
    latest_versions = {page.pk: _Version(page, revisions.get(page.latest_revision_id)) for page in pages}
    boroughs = dict(Borough.objects.values_list("pk", "name"))
    photo_ids = {latest_versions[p.pk].photo for p in pages if isinstance(p, MemorialPage)} - {None}
    photos = {image.pk: image for image in get_image_model().objects.filter(pk__in=photo_ids)}
    policies = dict(CommentPolicy.choices)
    rows = []
    for page in pages:
        latest = latest_versions[page.pk]
        status = status_of(page)
        row = {
            "kind": page.kind_label,
            "title": latest.title,
            "text": latest.body,
            "borough": boroughs.get(latest.content.get("borough", page.borough_id)),
            "content_notes": _content_notes(latest),
            "status": status.label,
            "moderator_reason": status.reason or None,
            "last_changed": _date(page.latest_revision_created_at),
            "first_published": _date(page.first_published_at),
            "address": page.get_url(request) if page.live else None,
        }
        if isinstance(page, StoryPage):
            row["who_may_respond"] = policies.get(latest.comment_policy, latest.comment_policy)
            row["search_engines_may_list_it"] = latest.search_engines_allowed
        if isinstance(page, MemorialPage):
            row["date_of_birth"] = latest.content.get("date_of_birth", _date(page.date_of_birth))
            row["date_of_death"] = latest.content.get("date_of_death", _date(page.date_of_death))
            photo = photos.get(latest.content.get("photo", page.photo_id))
            row["photo"] = (
                {"file": photo.file.name.rsplit("/", 1)[-1], "description": photo.description} if photo else None
            )
        if page.live and page.has_unpublished_changes:
            row["published_version"] = {"title": page.title, "text": page.body}
        rows.append(row)
    return rows


def _comments_export(user, request=None):
    comments = list(
        XtdComment.norel_objects.filter(user=user)
        .select_related("review")
        .order_by("submit_date", "pk")
        .only(
            "pk",
            "comment",
            "submit_date",
            "object_pk",
            "parent_id",
            "is_public",
            "is_removed",
            "user_name",
            "review__state",
            "review__rejection_reason",
        )
    )
    pages = _Pages((c.object_pk for c in comments), request)
    labels = dict(CommentState.choices)
    rows = []
    for comment in comments:
        review = getattr(comment, "review", None)
        state = review.state if review else (CommentState.PUBLISHED if comment.is_public else CommentState.HELD)
        row = {
            "number": comment.pk,
            "page": pages.describe(comment.object_pk),
            "written": _date(comment.submit_date),
            "name_shown": comment.user_name,
            "text": comment.comment,
            "state": labels.get(state, state),
            "in_reply_to_response_number": comment.parent_id if comment.parent_id != comment.pk else None,
        }
        if review and state == CommentState.REJECTED and review.rejection_reason:
            row["moderator_reason"] = review.rejection_reason  # e-mailed to the member when decided
        rows.append(row)
    return rows


def member_data(user, request=None):
    """The whole export for `user`, ready for `json.dumps`."""
    profile = user.profile
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    stories = StoryPage.objects.filter(owner=user).order_by("pk").specific()
    threads = ThreadPage.objects.filter(owner=user).order_by("pk")
    follows = list(Follow.objects.filter(user=user).select_related("borough").order_by("created_at", "pk"))
    candles = list(Candle.objects.filter(user=user).order_by("lit_at", "pk"))
    reports = list(CommentFlagReport.objects.filter(user=user).select_related("comment").order_by("created_at"))
    quiet = list(QuietPeriod.objects.filter(story__owner=user).select_related("story").order_by("starts_at", "pk"))
    pages = _Pages(
        [f.page_id for f in follows if f.page_id]
        + [c.memorial_id for c in candles]
        + [r.comment.object_pk for r in reports],
        request,
    )
    return {
        "about_this_file": (
            "Everything London Listens holds about your account, made on the date below. "
            "It leaves out other people's details and moderators' working notes; to ask for those, "
            "write to us and a person will answer."
        ),
        "format_version": FORMAT_VERSION,
        "made_at": _date(timezone.now()),
        "account": {
            "email": user.email,
            "email_addresses": [
                {"address": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "display_name": profile.display_name,
            "home_borough": profile.home_borough.name if profile.home_borough_id else None,
            "family_member": profile.is_family,
            "asked_for_family_role": _date(profile.family_role_requested_at),
            "what_you_told_the_moderators": profile.family_role_request,
            "stories_with_content_notes": profile.get_content_notes_display(),
            "joined": _date(user.date_joined),
            "last_signed_in": _date(user.last_login),
            "two_factor_methods": sorted(
                {a.get_type_display() for a in Authenticator.objects.filter(user=user)}, key=str
            ),
        },
        "stories": _pages_export(stories, request),
        "discussions_started": _pages_export(threads, request),
        "responses": _comments_export(user, request),
        "following": [
            {
                "what": "borough" if f.borough_id else "page",
                **({"borough": f.borough.name} if f.borough_id else {"page": pages.describe(f.page_id)}),
                "since": _date(f.created_at),
            }
            for f in follows
        ],
        "candles": [{"memorial": pages.describe(c.memorial_id), "lit": _date(c.lit_at)} for c in candles],
        "reports_you_made": [
            {
                "response_number": r.comment_id,
                "page": pages.describe(r.comment.object_pk),
                "reason": r.get_reason_display(),
                "your_words": r.detail,
                "made": _date(r.created_at),
                "dealt_with": _date(r.resolved_at),
            }
            for r in reports
        ],
        "quiet_periods": [
            {
                "story": q.story.title,
                "from": _date(q.starts_at),
                "until": _date(q.ends_at),
                "ended_early": _date(q.ended_early_at),
            }
            for q in quiet
        ],
        "sanctions": [
            {
                "kind": s.get_kind_display(),
                "reason": s.reason,
                "from": _date(s.created_at),
                "until": _date(s.until),
                "lifted": _date(s.lifted_at),
            }
            for s in Sanction.objects.filter(user=user).order_by("created_at")
        ],
    }
