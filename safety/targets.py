"""What can be reported: memorials, testimonies, discussions, responses and members' names.

A target is named by its content type ("stories.memorialpage") and id. Only what a visitor can
see may be reported: a live page, a public response, an active member.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from moderation.responses_pages import comment_url

PAGE_TYPES = {
    "stories.memorialpage": "Memorial",
    "stories.testimonypage": "Testimony",
    "boroughs.threadpage": "Discussion",
}
COMMENT_TYPE = "django_comments_xtd.xtdcomment"
MEMBER_TYPE = "accounts.user"
REPORTABLE = (*PAGE_TYPES, COMMENT_TYPE, MEMBER_TYPE)


@dataclass
class Target:
    obj: object
    content_type: ContentType
    label: str  # "Memorial: Remembering Sam"
    url: str  # where it is shown ("" for a member)
    noun: str  # "this memorial"
    is_comment: bool = False
    owner_id: int | None = None  # who wrote it: nobody reports their own words


def type_key(obj):
    if isinstance(obj, Page):
        obj = obj.specific
    return obj._meta.label_lower


def resolve(type_name, object_id):
    """The `Target` for a content type label and id, or None if there is nothing visible to report."""
    if type_name not in REPORTABLE:
        return None
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        return None
    if object_id <= 0 or object_id > 2**62:
        return None
    app_label, model_name = type_name.split(".")
    content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    if type_name in PAGE_TYPES:
        page = content_type.model_class().objects.filter(pk=object_id, live=True).first()
        if page is None:
            return None
        kind = PAGE_TYPES[type_name]
        title = f"Remembering {page.title}" if kind == "Memorial" else page.title
        return Target(
            page, content_type, f"{kind}: {title}", page.url or "", f"this {kind.lower()}", False, page.owner_id
        )
    if type_name == COMMENT_TYPE:
        comment = XtdComment.objects.filter(pk=object_id, is_public=True, is_removed=False).first()
        if comment is None:
            return None
        page = Page.objects.filter(pk=comment.object_pk, live=True).first()
        if page is None:
            return None
        label = f"Response by {comment.user_name} on “{page.title}”"
        return Target(
            comment, content_type, label, comment_url(comment, page.url or "/"), "this response", True, comment.user_id
        )
    member = get_user_model().objects.filter(pk=object_id, is_active=True).select_related("profile").first()
    if member is None:
        return None
    return Target(
        member, content_type, f"Member name: {member.public_name}", "", "this member's name", False, member.pk
    )
