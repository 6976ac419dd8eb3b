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

The account is this module's; every other part comes from the app that holds it
(`<app>/member_data.py`, registered in `accounts/holdings.py`), built with the helpers here.
"""

from django.utils import timezone
from wagtail.models import Page, Revision

from core.content_notes import CONTENT_NOTES
from core.workflow import attach_workflow_states, status_of

from . import holdings

FORMAT_VERSION = 1


def export_date(value):
    return value.isoformat() if value else None


def _content_notes(page):
    return {
        "categories": [label for name, label in CONTENT_NOTES if getattr(page, name)],
        "your_words": page.content_note,
    }


class PagesDescribed:
    """Titles and addresses of the pages a member's things point at, fetched once: every part of
    the download names the pages it needs (`want`) before any is described."""

    def __init__(self, page_ids=(), request=None):
        self.request = request
        self.ids, self.pages = set(), None
        self.want(page_ids)

    def want(self, page_ids):
        self.ids |= {int(pk) for pk in page_ids if str(pk).isdigit()}

    def describe(self, page_id):
        if self.pages is None:
            self.pages = {
                page.pk: page for page in Page.objects.filter(pk__in=self.ids).only("pk", "title", "url_path", "live")
            }
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


def pages_export(pages, request=None, *, borough_names, details=None):
    """Stories or discussions: the newest version of the member's words (the latest revision,
    which may be a draft waiting for review) and, when different, what is published.

    `details(pages, latest_versions)`, when given, returns `add(page, latest, row)`, which adds
    what only that kind of page has (fetched once for all of them)."""
    pages = list(pages)
    attach_workflow_states(pages)
    revisions = dict(
        Revision.objects.filter(pk__in=[p.latest_revision_id for p in pages if p.latest_revision_id]).values_list(
            "pk", "content"
        )
    )
    latest_versions = {page.pk: _Version(page, revisions.get(page.latest_revision_id)) for page in pages}
    add_details = details(pages, latest_versions) if details else None
    rows = []
    for page in pages:
        latest = latest_versions[page.pk]
        status = status_of(page)
        row = {
            "kind": page.kind_label,
            "title": latest.title,
            "text": latest.body,
            "borough": borough_names.get(latest.content.get("borough", page.borough_id)),
            "content_notes": _content_notes(latest),
            "status": status.label,
            "moderator_reason": status.reason or None,
            "last_changed": export_date(page.latest_revision_created_at),
            "first_published": export_date(page.first_published_at),
            "address": page.get_url(request) if page.live else None,
        }
        if add_details:
            add_details(page, latest, row)
        if page.live and page.has_unpublished_changes:
            row["published_version"] = {"title": page.title, "text": page.body}
        rows.append(row)
    return rows


def member_data(user, request=None):
    """The whole export for `user`, ready for `json.dumps`."""
    profile = user.profile
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    # Each app's part in two steps: what it holds (and which pages that names), then its rows,
    # so the pages named by follows, candles and reports are fetched in one query.
    pages = PagesDescribed(request=request)
    parts = {key: export(user, request, pages) for key, export in holdings.sections()}
    return {
        "about_this_file": (
            "Everything London Listens holds about your account, made on the date below. "
            "It leaves out other people's details and moderators' working notes; to ask for those, "
            "write to us and a person will answer."
        ),
        "format_version": FORMAT_VERSION,
        "made_at": export_date(timezone.now()),
        "account": {
            "email": user.email,
            "email_addresses": [
                {"address": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "display_name": profile.display_name,
            "home_borough": profile.home_borough.name if profile.home_borough_id else None,
            "family_member": profile.is_family,
            "asked_for_family_role": export_date(profile.family_role_requested_at),
            "what_you_told_the_moderators": profile.family_role_request,
            "stories_with_content_notes": profile.get_content_notes_display(),
            "joined": export_date(user.date_joined),
            "last_signed_in": export_date(user.last_login),
            "two_factor_methods": sorted(
                {a.get_type_display() for a in Authenticator.objects.filter(user=user)}, key=str
            ),
        },
        **{key: rows() for key, rows in parts.items()},
    }
