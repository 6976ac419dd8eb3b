from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment
from wagtail.search.index import insert_or_update_object, remove_object

from .models import SearchableComment


@receiver(post_save, sender=XtdComment)
def index_comment(sender, instance, raw=False, **kwargs):
    """Keep the index to what the public can read: a held or removed comment leaves it at once."""
    if raw:
        return
    searchable = SearchableComment.objects.get(pk=instance.pk)
    if instance.is_public and not instance.is_removed:
        insert_or_update_object(searchable)
    else:
        remove_object(searchable)


@receiver(post_delete, sender=XtdComment)
def unindex_comment(sender, instance, **kwargs):
    remove_object(SearchableComment(pk=instance.pk))
