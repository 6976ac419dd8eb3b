from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from caching import invalidation

        from .models import Candle

        invalidation.declare(Candle, pages=lambda candle: [candle.memorial_id])
