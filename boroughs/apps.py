from django.apps import AppConfig


class BoroughsConfig(AppConfig):
    name = "boroughs"

    def ready(self):
        from caching import invalidation

        from .models import Borough, BoroughPage

        # Borough names and counts are on every page (header, cards, the map).
        invalidation.declare(Borough, site=True, m2m=True)

        def borough_pages_listing(pages):
            boroughs = {page.borough_id for page in pages if getattr(page, "borough_id", None)}
            return list(BoroughPage.objects.live().filter(borough_id__in=boroughs))

        invalidation.declare_listing_pages(borough_pages_listing)

        # Members shown the same discussion or borough page share one copy of it
        # (caching/member_copies.py); whether they follow the borough is part of which copy.
        from caching import member_copies

        from .models import ThreadPage

        member_copies.share_pages_of(ThreadPage, BoroughPage)

        from accounts import holdings

        from . import member_data

        holdings.export_section("discussions_started", member_data.discussions_export, order=20)
        holdings.eraser(member_data.erase_discussions, order=20)
