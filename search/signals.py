from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment
from django_tasks.signals import task_finished
from modelsearch.tasks import insert_or_update_object_task
from wagtail.search.index import insert_or_update_object, remove_object

from caching import pagecache

from .models import SearchableComment

INDEX_TAG = "search-index"  # bumped when the search index catches up with a page


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


@receiver(task_finished)
def indexed_page_changes_results(sender, task_result, **kwargs):
    """Wagtail indexes a saved page in a task: with the task worker (production) that is after the
    page's own change bumped `listings`, so a search shared in between (search/views.py) would
    miss it until its lifetime ends. Once the index has it, the shared results are stale. Only
    search's own tag: a draft saved is indexed too, and must not empty the listings."""
    if task_result.task.module_path == insert_or_update_object_task.module_path:
        pagecache.bump([INDEX_TAG])
