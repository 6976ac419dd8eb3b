"""Tell a borough's followers about a new thread the first time a moderator publishes it."""

from django.dispatch import receiver
from wagtail.signals import page_published

from boroughs.models import ThreadPage

from .notify import thread_published


@receiver(page_published, sender=ThreadPage)
def announce_new_thread(sender, instance, revision, **kwargs):
    # Later publishes (edits) keep first_published_at; only the first one matches.
    if instance.first_published_at and instance.first_published_at == instance.last_published_at:
        thread_published(instance)
