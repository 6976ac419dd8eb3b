"""How a family's words become a page: drafts, submission to moderators, withdrawal.

A story is never published from here. Submitting saves a revision owned by the
family member and starts (or resumes) Wagtail's "Moderators approval" workflow;
only a moderator approving it in the Wagtail admin makes it live.
"""

from django.db import transaction

from core.workflow import unique_slug

from .models import StoryIndexPage
from .photos import save_story_photo


@transaction.atomic
def save_story(form, user, page_class=None, page=None):
    """Save the form as a new draft revision; create the page first if it is new.

    Returns the page (the live row is untouched if the story is already published:
    the changes wait in the revision until a moderator approves them).
    """
    if page is None:
        index = StoryIndexPage.objects.first()
        draft = page_class(owner=user, live=False)
        form.apply_to(draft)
        draft.slug = unique_slug(index, draft.title)
        page = draft = index.add_child(instance=draft)
    else:
        draft = page.get_latest_revision_as_object()
        form.apply_to(draft)

    upload = form.cleaned_data.get("photo")
    if upload:
        draft.photo = save_story_photo(upload, alt_text=form.cleaned_data["photo_alt"], title=draft.title, user=user)
    elif getattr(draft, "photo", None) and form.cleaned_data.get("photo_alt"):
        draft.photo.description = form.cleaned_data["photo_alt"]
        draft.photo.save(update_fields=["description"])

    draft.save_revision(user=user, log_action=True)
    if page.withdrawn_at:
        # Editing a withdrawn story brings it back as a draft (it is not live, so the row may change).
        page.withdrawn_at = None
        page.save(update_fields=["withdrawn_at"], clean=False)
    return page
