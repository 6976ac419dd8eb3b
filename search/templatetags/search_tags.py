import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

EXCERPT_CHARS = 220


@register.filter
def excerpt(text, terms):
    """A short piece of `text` around the first matched word, so the reader sees why it matched."""
    text = " ".join(str(text).split())
    start = 0
    for term in terms:
        found = text.lower().find(term.lower())
        if found != -1:
            start = max(0, found - 60)
            break
    piece = text[start : start + EXCERPT_CHARS]
    return ("…" if start else "") + piece + ("…" if start + EXCERPT_CHARS < len(text) else "")


@register.filter
def highlight(text, terms):
    """Escape `text`, then mark each matched word with <mark>."""
    escaped = escape(text)
    words = [re.escape(escape(term)) for term in terms if term]
    if not words:
        return escaped
    pattern = re.compile(r"(" + "|".join(sorted(words, key=len, reverse=True)) + r")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 - escaped above
