from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from caching import invalidation, member_copies

        from .models import HomePage, HomePagePinnedStory

        invalidation.declare(HomePagePinnedStory, pages=lambda pin: [pin.page_id, pin.story_id], listings=True)
        # Members shown the same home page share one copy of it (caching/member_copies.py).
        member_copies.share_pages_of(HomePage)
