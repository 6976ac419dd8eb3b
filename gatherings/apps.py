from django.apps import AppConfig


class GatheringsConfig(AppConfig):
    name = "gatherings"

    def ready(self):
        from wagtail.signals import page_published

        from caching import invalidation

        from .models import Attendance, GatheringPage
        from .reminders import schedule_reminder

        # The page itself is a Wagtail page (its own tag, plus listings: home, borough and memorial
        # pages list coming gatherings). A place taken or freed changes "places left" on its page and
        # on every list showing it.
        invalidation.declare(GatheringPage, pages=lambda g: [g.pk, g.memorial_id], listings=True)
        invalidation.declare(Attendance, pages=lambda a: [a.gathering_id], listings=True)

        def published(sender, instance, **kwargs):
            schedule_reminder(instance)

        page_published.connect(
            published, sender=GatheringPage, dispatch_uid="gatherings.reminder_on_publish", weak=False
        )
