from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Support directory"

    def ready(self):
        from caching import invalidation

        from .models import SupportCategory, SupportService

        # The "Support near you" panel is on every story, discussion and borough page.
        invalidation.declare(SupportService, site=True, m2m=True)
        invalidation.declare(SupportCategory, site=True, m2m=True)
