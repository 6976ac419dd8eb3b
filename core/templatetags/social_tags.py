"""Page titles, descriptions and Open Graph tags, set from the page.

Link previews (messaging apps, social sites) show these without any warning, so a story's
preview never carries its words, its photo or the details of its content notes.
"""

from django import template

register = template.Library()

SITE_DESCRIPTION = "A place for London's families bereaved by violent crime to be heard."
KIND_PHRASES = {"memorial": "A memorial", "testimony": "A testimony", "thread": "A discussion"}


def description_for(page):
    if page is None:
        return SITE_DESCRIPTION
    if getattr(page, "search_description", ""):
        return page.search_description
    kind = getattr(page, "kind", "")
    borough = getattr(page, "borough", None)
    if kind in KIND_PHRASES and borough is not None:
        return f"{KIND_PHRASES[kind]} from {borough.name}, shared on London Listens."
    return SITE_DESCRIPTION


def title_for(page):
    if page is None or not getattr(page, "title", ""):
        return "London Listens"
    title = getattr(page, "seo_title", "") or page.title
    return f"Remembering {title}" if getattr(page, "kind", "") == "memorial" else title


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    page = context.get("page")
    request = context.get("request")
    is_story = getattr(page, "kind", "") in ("memorial", "testimony")
    return {
        "title": title_for(page),
        "description": description_for(page),
        "url": request.build_absolute_uri(request.path) if request else "",
        "og_type": "article" if is_story or getattr(page, "kind", "") == "thread" else "website",
        "noindex": getattr(page, "search_engines_allowed", True) is False,
    }
