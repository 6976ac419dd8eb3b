from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from caching import invalidation

        from . import signals, terms  # noqa: F401 (terms: remembers the version agreed at sign-in)
        from .models import Profile

        # Pages show a member's name and badge on what they wrote (see signals.profile_shows_changed).
        invalidation.declare(Profile, site=True, when=signals.profile_shows_changed)

        # Which shared copy of a page a member is given (caching/member_copies.py) depends on what
        # their profile changes on it, read with the page's other facts: the family role may show
        # more, and a member who asked to see content directly gets stories unfolded.
        from django.db.models import Exists

        from caching import member_copies

        from .models import ContentNotePreference

        member_copies.reader_page_fact(
            "family_role", lambda user: Exists(Profile.objects.filter(user=user, is_family=True))
        )
        member_copies.reader_page_fact(
            "reads_content_directly",
            lambda user: Exists(Profile.objects.filter(user=user, content_notes=ContentNotePreference.SHOW)),
        )
