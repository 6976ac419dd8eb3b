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
