from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "London Listens core"

    def ready(self):
        from . import auth

        auth.connect_signals()  # permission changes bump the cached permissions' versions (core/auth.py)
