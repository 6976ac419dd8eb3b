from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from caching import invalidation

        from .models import HomePagePinnedStory

        invalidation.declare(HomePagePinnedStory, pages=lambda pin: [pin.page_id, pin.story_id], listings=True)
