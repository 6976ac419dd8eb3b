"""The workflow helpers stories and discussions share: a free slug, sending a page to the
moderators, and the plain-language status its writer sees.

A page is never published from here. Submitting starts (or resumes) Wagtail's "Moderators
approval" workflow; only a moderator approving it in the Wagtail admin makes it live.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, WorkflowState


def unique_slug(parent, title):
    base = slugify(title)[:60].strip("-") or "story"
    taken = set(Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def submit_for_review(page, user):
    """Send the latest revision to the moderators. Never publishes."""
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is None:
        workflow = page.get_workflow()
        workflow.start(page, user)
    # A workflow already in progress reviews the newest revision: nothing more to do.


def attach_workflow_states(pages):
    """Fetch the active workflow state of many pages in one query.

    Wagtail's `current_workflow_state` reads `_current_workflow_states` when present
    (the attribute its own `prefetch_workflow_states` fills), so `status_of` costs
    no further queries.
    """
    by_page = {str(page.pk): [] for page in pages}
    states = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=list(by_page))
        .select_related("current_task_state__task")
    )
    for state in states:
        by_page[state.object_id].append(state)
    for page in pages:
        page._current_workflow_states = by_page[str(page.pk)]
    return pages


@dataclass(frozen=True)
class StoryStatus:
    code: str
    label: str
    explanation: str
    reason: str = ""


def status_of(page):
    """The plain-language status a writer sees ("My stories", "My discussions")."""
    if page.is_withdrawn:
        return StoryStatus("withdrawn", "Withdrawn", "You took this story down. Nobody else can see it.")
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return StoryStatus(
            "in_moderation",
            "Waiting for review",
            "A moderator will read it soon. We will e-mail you when they have.",
        )
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        reason = task_state.specific.get_comment() if task_state else ""
        return StoryStatus(
            "needs_changes",
            "Changes requested",
            "A moderator has asked for some changes before it can be published.",
            reason=reason,
        )
    if page.live:
        if page.has_unpublished_changes:
            return StoryStatus(
                "live_draft", "Published (your newer changes are a draft)", "Submit them when you are ready."
            )
        return StoryStatus("live", "Published", "Anyone can read it.")
    return StoryStatus("draft", "Draft", "Only you can see it. Submit it when you are ready.")
