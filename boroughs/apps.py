from django.apps import AppConfig


class BoroughsConfig(AppConfig):
    name = "boroughs"
