from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "circle"
    verbose_name = "The families' circle"

    def ready(self):
        from accounts import holdings
        from caching import invalidation

        from . import inbox, member_data
        from .models import Discussion, FamilyListing, PeerSupporter, Reply, TalkRequest

        inbox.register()
        holdings.export_section("families_circle", member_data.circle_export, order=80)
        holdings.eraser(member_data.erase_circle, order=80)
        why = "the families' circle is never on a page anyone is given from a shared copy"
        for model in (Discussion, Reply, FamilyListing, PeerSupporter, TalkRequest):
            invalidation.ignore(model, why)
