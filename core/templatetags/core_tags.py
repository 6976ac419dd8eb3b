from functools import lru_cache

from django import template
from django.template.defaulttags import querystring
from django.utils.safestring import mark_safe

from core import sanitise

register = template.Library()

# The filters below are pure functions of the stored text, and bleach costs about a millisecond a
# comment: each worker keeps the most recent results, so a page of responses is not re-cleaned
# on every request. Keyed by the text itself, so an edited comment or story is cleaned afresh.
_comment_html = lru_cache(maxsize=4096)(sanitise.comment_html)
_story_html = lru_cache(maxsize=256)(sanitise.story_html)
_text_only = lru_cache(maxsize=1024)(sanitise.text_only)


@register.filter
def story_html(value):
    """Render stored story text. It was sanitised when saved; cleaning again costs little and
    means a row changed outside the forms still cannot carry markup."""
    return mark_safe(_story_html(str(value or "")))  # noqa: S308 - bleach output


@register.filter
def comment_html(value):
    """Render a comment: plain text with links and line breaks."""
    return mark_safe(_comment_html(str(value or "")))  # noqa: S308 - bleach output


@register.simple_tag(takes_context=True)
def with_query(context, name, value):
    """Django's `{% querystring %}` for a parameter whose name is in a variable (a page's second paginator).

    The tag takes names only as literal keywords; includes/pagination.html is given the name.
    """
    return querystring(context, **{name: value})


@register.filter
def text_only(value):
    """Story HTML as plain words (for card excerpts); escaped by the template as usual."""
    return _text_only(str(value or ""))
