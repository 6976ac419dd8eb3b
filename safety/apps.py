from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "Reports, appeals and complaints"

    def ready(self):
        from . import inbox, signals

        signals.connect()
        inbox.register()
        declare_what_is_stale()


def declare_what_is_stale():
    from caching import invalidation

    from .models import Appeal, Complaint, Report

    # The transparency page (cached under `listings`) counts reports and appeals.
    invalidation.declare(Report, listings=True)
    invalidation.declare(Appeal, listings=True)
    invalidation.ignore(Complaint, "complaints are read by administrators only; no page shows them")
