from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Follows and notifications"

    def ready(self):
        from caching import invalidation

        from . import signals, workflow_mail  # noqa: F401
        from .models import Follow

        workflow_mail.install()  # Wagtail's workflow e-mails: after the commit, errors logged
        invalidation.ignore(Follow, "a member's own follow state is read fresh; no shared copy shows it")

        from accounts import holdings

        from .member_data import follows_export

        holdings.export_section("following", follows_export, order=40)
