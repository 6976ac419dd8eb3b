from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from caching import invalidation

        from . import signals, terms  # noqa: F401 (terms: remembers the version agreed at sign-in)
        from .models import Profile

        # Pages show a member's name and badge on what they wrote (see signals.profile_shows_changed).
        invalidation.declare(Profile, site=True, when=signals.profile_shows_changed)
