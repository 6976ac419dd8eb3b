"""What a page a member writes (a story, a discussion) does on every save and every view.

`stories.StoryPage` and `boroughs.ThreadPage` both build on `ContentPage`: their text is held
to the same rules whether it comes from the public form or the Wagtail admin, and readers who
asked to see content directly (their profile) get it unfolded on both.
"""

from core.content_notes import ContentNotes
from core.sanitise import plain_text


class ContentPage(ContentNotes):
    """A member's page: a plain-text title, content notes, and a body its kind cleans (`clean_body`)."""

    class Meta:
        abstract = True

    # Only stories can be withdrawn by their writer (`stories.StoryPage.is_withdrawn`);
    # `core.workflow.status_of` asks every page.
    is_withdrawn = False

    def clean_body(self, value):
        raise NotImplementedError("each kind of page says how its body is cleaned")

    def clean(self):
        super().clean()
        self.sanitise()

    def save(self, *args, **kwargs):
        self.sanitise()
        return super().save(*args, **kwargs)

    def sanitise(self):
        """Run on every save and clean, so admin edits are held to the same rules as the public form."""
        self.title = plain_text(self.title)
        self.sanitise_content_note()
        self.body = self.clean_body(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = getattr(request, "user", None)
        profile = getattr(user, "profile", None) if user and user.is_authenticated else None
        context["show_content_directly"] = bool(profile and profile.always_shows_content)
        return context
