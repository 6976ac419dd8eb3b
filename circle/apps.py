from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "circle"
    verbose_name = "The families' circle"

    def ready(self):
        from caching import invalidation

        from . import inbox
        from .models import Discussion, FamilyListing, PeerSupporter, Reply, TalkRequest

        inbox.register()
        why = "the families' circle is never on a page anyone is given from a shared copy"
        for model in (Discussion, Reply, FamilyListing, PeerSupporter, TalkRequest):
            invalidation.ignore(model, why)
