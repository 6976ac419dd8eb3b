"""Which shared copy of a whole page a member may be given (caching/member_copies.py).

Asked before a story or discussion is rendered for a signed-in member. The answer is the
comments section's own view of the reader, read in the query it makes anyway (`page_status`,
kept for the render that may follow): nothing to share when the page holds anything of the
member's own, else what their copy depends on.
"""

from django.contrib.contenttypes.models import ContentType

from caching import fragments, member_copies

from .shared_copies import page_status
from .visibility import can_moderate_comments


def page_status_for(request, page, content_type, versions):
    """`page_status` for this request's reader, read once per request and page."""
    memo = request.__dict__.setdefault("comments_page_status", {})
    if page.pk not in memo:
        memo[page.pk] = page_status(page, content_type, request.user, versions)
    return memo[page.pk]


def reader_variant(request, page):
    user = request.user
    if can_moderate_comments(user) or page.owner_id == user.pk or "reply_to" in request.GET:
        return None  # moderators' controls, a family's own story, an open reply form: theirs alone
    content_type = ContentType.objects.get_for_model(page)
    status = page_status_for(request, page, content_type, fragments.versions("site", f"page:{page.pk}"))
    personal = {name for name, (_build, is_personal) in member_copies.READER_PAGE_FACTS.items() if is_personal}
    if status["involved"] or any(status["facts"][name] for name in personal):
        return None
    shared_facts = tuple(sorted(name for name, value in status["facts"].items() if value and name not in personal))
    return (
        status["quiet_period"] is not None,
        bool(status["legal_hold"]),
        shared_facts,
    )
