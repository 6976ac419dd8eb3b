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

        # Whether the reader follows the page or borough they are reading, told to the pages
        # (which sit below notifications) and read in their own queries.
        from django.db.models import Exists, OuterRef

        from boroughs import contents
        from moderation import shared_copies

        shared_copies.register_reader_page_fact(
            "following", lambda user: Exists(Follow.objects.filter(user=user, page_id=OuterRef("pk")))
        )
        # A borough's page shows whether the reader follows the borough.
        shared_copies.register_reader_page_fact(
            "following_borough", lambda user: Exists(Follow.objects.filter(user=user, borough__page=OuterRef("pk")))
        )
        contents.register_reader_fact(
            "following", lambda user: Exists(Follow.objects.filter(user=user, borough_id=OuterRef("pk")))
        )
