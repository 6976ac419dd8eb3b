from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Support directory"

    def ready(self):
        from datetime import timedelta

        from caching import invalidation
        from core import schedules

        from .models import BleedKit, SupportCategory, SupportService
        from .tasks import remind_guardians

        # The "Support near you" panel is on every story, discussion and borough page.
        invalidation.declare(SupportService, site=True, m2m=True)
        invalidation.declare(SupportCategory, site=True, m2m=True)
        # Kits show on the kit pages (and their links in every full panel) and on their memorial.
        invalidation.declare(
            BleedKit, site=True, pages=lambda kit: [kit.in_memory_of_id] if kit.in_memory_of_id else []
        )
        # Guardians of kits overdue a check, without a human: `run_schedules` queues this every hour
        # (each guardian hears once per check date; the London date decides when a check is overdue).
        schedules.every("bleed-kit-reminders", timedelta(hours=1), remind_guardians)
