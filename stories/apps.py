from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from boroughs import contents
        from caching import invalidation
        from core.pages import public

        from .models import Candle, StoryPage

        invalidation.declare(Candle, pages=lambda candle: [candle.memorial_id])

        # Members shown the same story, or list of stories, share one copy of it
        # (caching/member_copies.py); whether
        # the reader has lit a candle on it is part of which copy.
        from django.db.models import Exists, OuterRef

        from caching import member_copies

        from .models import MemorialPage, StoryIndexPage, TestimonyPage

        member_copies.share_pages_of(MemorialPage, TestimonyPage, StoryIndexPage)
        member_copies.reader_page_fact(
            "candle_lit", lambda user: Exists(Candle.objects.filter(user=user, memorial_id=OuterRef("pk")))
        )
        contents.register_stories(published=lambda: public(StoryPage.objects.live()), cards=StoryPage.cards)

        from accounts import holdings

        from . import member_data

        holdings.export_section("stories", member_data.stories_export, order=10)
        holdings.export_section("candles", member_data.candles_export, order=50)
        holdings.eraser(member_data.erase_stories, order=10)
