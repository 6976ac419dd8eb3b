"""What changes to Wagtail's and Django's own models make stale (the project's apps declare theirs)."""

from django.contrib.sessions.models import Session
from taggit.models import TaggedItem
from wagtail.admin.models import EditingSession, FormState
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import (
    Comment,
    GroupPagePermission,
    Page,
    PageLogEntry,
    PageSubscription,
    PageViewRestriction,
    Revision,
    Site,
    WorkflowPage,
    WorkflowState,
)
from wagtail.search.models import IndexEntry

from .invalidation import declare, ignore

# Fields Wagtail saves alone when a draft revision is saved or a page is locked for review:
# nothing a reader is shown changes until the revision is published.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)


def _shows_change(page, signal, kwargs):
    update_fields = kwargs.get("update_fields")
    return not (update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS)


def declare_framework_models():
    # Publishing and unpublishing save the whole page row (so one invalidation, not two).
    declare(Page, pages=lambda page: [page.pk], listings=True, when=_shows_change)
    declare(PageViewRestriction, pages=lambda restriction: [restriction.page_id], listings=True)
    for model in (Site, get_image_model(), BaseSiteSetting, BaseGenericSetting):
        declare(model, site=True)

    ignore(Revision, "a draft: pages change when it is published, which saves the page")
    ignore(WorkflowState, "review state is shown only in the admin")
    ignore(WorkflowPage, "which workflow a page uses, admin only")
    ignore(EditingSession, "who is editing in the admin")
    ignore(FormState, "the admin's unsaved form state")
    ignore(TaggedItem, "no page type here is tagged")
    ignore(PageLogEntry, "the audit log is shown only in the admin")
    ignore(Comment, "Wagtail's editors' comments are shown only in the admin")
    ignore(PageSubscription, "editors' notification settings, admin only")
    ignore(GroupPagePermission, "admin permissions; a view restriction is PageViewRestriction")
    ignore(FormSubmission, "no form pages are served")
    ignore(Redirect, "redirects are answered before the page cache is read")
    ignore(IndexEntry, "the search index: search results are stored under listings, which its pages and comments bump")
    ignore(Session, "a visitor with a session is never served a stored copy")
