"""A page of a list and how long the list is, from one query.

Django's Paginator asks the database twice (a COUNT, then the rows). Pages near the query budget
(the borough page lists stories, discussions and asks) use this instead: each row carries the
whole list's length as a window count, so one query answers both.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


def page_in_one_query(queryset, number, per_page):
    """The `number`th page (from 1) of `queryset`; an old link past the end, or nonsense, gives page 1."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(list_length=Window(Count("pk")))
    start = (number - 1) * per_page
    rows = list(counted[start : start + per_page])
    if not rows and number > 1:
        number, rows = 1, list(counted[:per_page])
    paginator = Paginator(queryset, per_page)
    paginator.count = rows[0].list_length if rows else 0  # known already: the paginator need not ask
    return Page(rows, number, paginator)
