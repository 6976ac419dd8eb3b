from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache"

    def ready(self):
        from . import signals  # noqa: F401
        from .framework import declare_framework_models

        declare_framework_models()
