"""Tell followers what happened: a new thread the first time a moderator publishes it (Wagtail's
signal), and a response once it is public (moderation's signals: moderation never calls us)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from boroughs.models import ThreadPage
from moderation import signals as moderation_signals

from .models import Follow
from .notify import comment_published, thread_published


@receiver(page_published, sender=ThreadPage)
def announce_new_thread(sender, instance, revision, **kwargs):
    # Later publishes (edits) keep first_published_at; only the first one matches.
    if instance.first_published_at and instance.first_published_at == instance.last_published_at:
        thread_published(instance)


@receiver(moderation_signals.comment_posted)
def follow_if_asked(sender, comment, page, user, follow=False, **kwargs):
    if follow:
        Follow.objects.get_or_create(user=user, page_id=page.pk)


@receiver(moderation_signals.comment_published)
def announce_response(sender, review, **kwargs):
    comment_published(review)
