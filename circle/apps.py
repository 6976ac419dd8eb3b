from django.apps import AppConfig


class CircleConfig(AppConfig):
    name = "circle"
    verbose_name = "The families' circle"

    def ready(self):
        from accounts import holdings, marks
        from caching import invalidation

        from . import inbox, member_data
        from .models import Discussion, FamilyListing, PeerSupporter, Reply, TalkRequest
        from .roles import PEER_SUPPORTER_MARK

        inbox.register()
        holdings.export_section("families_circle", member_data.circle_export, order=80)
        holdings.eraser(member_data.erase_circle, order=80)
        why = "the families' circle is never on a page anyone is given from a shared copy"
        for model in (Discussion, Reply, FamilyListing, TalkRequest):
            invalidation.ignore(model, why)
        # A trained peer supporter is marked wherever their name is shown (accounts/marks.py), so
        # granting or removing the role changes what every page shows, as the family badge does.
        marks.register("peer_supporter", PEER_SUPPORTER_MARK, PeerSupporter.objects.all)
        invalidation.declare(PeerSupporter, site=True)
