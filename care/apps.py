from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "care"
    verbose_name = "Care: quiet periods and legal holds"

    def ready(self):
        from caching import invalidation

        from .models import LegalHold, QuietPeriod

        # Both are shown on their page (the care facts) and change who may respond there.
        invalidation.declare(QuietPeriod, pages=lambda period: [period.story_id])
        invalidation.declare(LegalHold, pages=lambda hold: [hold.page_id])

        from accounts import holdings

        from .member_data import quiet_periods_export

        holdings.export_section("quiet_periods", quiet_periods_export, order=70)
