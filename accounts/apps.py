from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from caching import invalidation

        from . import signals, terms  # noqa: F401 (terms: remembers the version agreed at sign-in)
        from .models import Profile

        # Pages show a member's name and badge on what they wrote (see signals.profile_shows_changed).
        invalidation.declare(Profile, site=True, when=signals.profile_shows_changed)

        # A member in the family role may be shown more than another (caching/member_copies.py):
        # which shared copy of a page they are given depends on it, read with the page's other facts.
        from django.db.models import Exists

        from caching import member_copies

        member_copies.reader_page_fact(
            "family_role", lambda user: Exists(Profile.objects.filter(user=user, is_family=True))
        )
