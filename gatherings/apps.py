from django.apps import AppConfig


class GatheringsConfig(AppConfig):
    name = "gatherings"

    def ready(self):
        from wagtail.signals import page_published

        from caching import invalidation
        from core import schedules

        from .models import Attendance, GatheringPage
        from .reminders import REMINDER_CHECK_EVERY, schedule_reminder, send_due_reminders

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
        # The reminder the day before, without a human: `run_schedules` queues this sweep (each
        # attendee is reminded once), whatever the backend could defer.
        schedules.every("gathering-reminders", REMINDER_CHECK_EVERY, send_due_reminders)
