from django import template

from moderation.comments_section import comments_context

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, page):
    """The responses under a story or thread: `{% load forum_comments %}{% comments_section page %}`."""
    request = context["request"]
    if context.get("is_preview"):
        return {"comments_enabled": False}
    return {**comments_context(request, page), "request": request, "user": request.user}
