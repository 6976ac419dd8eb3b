from django import template
from django.utils.safestring import mark_safe

from core import sanitise

register = template.Library()


@register.filter
def story_html(value):
    """Render stored story text. It was sanitised when saved; cleaning again costs little and
    means a row changed outside the forms still cannot carry markup."""
    return mark_safe(sanitise.story_html(value))  # noqa: S308 - bleach output


@register.filter
def comment_html(value):
    """Render a comment: plain text with links and line breaks."""
    return mark_safe(sanitise.comment_html(value))  # noqa: S308 - bleach output


@register.simple_tag(takes_context=True)
def with_query(context, name, value):
    """The current query string with one parameter set, e.g. for a second paginator on a page."""
    query = context["request"].GET.copy()
    query[name] = value
    return "?" + query.urlencode()


@register.filter
def text_only(value):
    """Story HTML as plain words (for card excerpts); escaped by the template as usual."""
    return sanitise.text_only(value)
