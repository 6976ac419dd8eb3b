from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Follows and notifications"

    def ready(self):
        from . import signals, workflow_mail  # noqa: F401

        workflow_mail.install()  # Wagtail's workflow e-mails: after the commit, errors logged
