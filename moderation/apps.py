from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Comment moderation"

    def ready(self):
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        from . import moderator

        # xtd publishes (or unpublishes) every reply whenever a comment is saved, so approving
        # a parent would publish its held replies. Each reply is decided on its own here.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="django_comments_xtd.XtdComment")
        moderator.register()
