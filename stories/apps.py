from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from boroughs import contents
        from caching import invalidation
        from core.pages import public

        from .models import Candle, StoryPage

        invalidation.declare(Candle, pages=lambda candle: [candle.memorial_id])
        contents.register_stories(published=lambda: public(StoryPage.objects.live()), cards=StoryPage.cards)

        from accounts import holdings

        from . import member_data

        holdings.export_section("stories", member_data.stories_export, order=10)
        holdings.export_section("candles", member_data.candles_export, order=50)
        holdings.eraser(member_data.erase_stories, order=10)
