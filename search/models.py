"""Comments in the search index.

django-comments-xtd's `XtdComment` is not a Wagtail-indexed model, so this proxy adds
the search fields. Only comments anyone may read are ever indexed: `search/signals.py`
adds a comment when it becomes public and removes it when it is held, hidden or removed.
"""

from django.conf import settings
from django.db import models
from django_comments_xtd.models import XtdComment
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class SearchableCommentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchableComment(index.Indexed, XtdComment):
    search_fields = [
        index.SearchField("comment"),
        index.FilterField("object_pk"),
        index.FilterField("content_type"),
        index.FilterField("is_public"),
        index.FilterField("is_removed"),
        index.FilterField("submit_date"),
    ]

    objects = SearchableCommentQuerySet.as_manager()

    class Meta:
        proxy = True

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.filter(is_public=True, is_removed=False, site_id=settings.SITE_ID)
