"""Where a comment is shown: responses come in pages of conversations (`RESPONSES_PER_PAGE`
top-level comments with all their replies), and every link to a comment names its page
(`?responses=<n>#c<pk>`). Page 1 carries no parameter, so the plain page URL stays canonical."""

from urllib.parse import urlsplit, urlunsplit

from django.http import QueryDict

from .visibility import visible_comments

RESPONSES_PER_PAGE = 25  # top-level comments per page of responses, each with all its replies


RESPONSES_PARAM = "responses"  # ?responses=<n>#responses


def responses_page_number(comment, user=None):
    """The page of responses (1, 2, ...) on which `user` (default: a visitor) sees `comment`.

    One query: the top-level comments this reader can see that come before the comment's own
    conversation. Use it wherever a link or redirect goes to `#c<pk>`.
    """
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    before = (
        visible_comments(comment.content_type_id, comment.object_pk, user)
        .filter(level=0, thread_id__lt=comment.thread_id)
        .count()
    )
    return before // RESPONSES_PER_PAGE + 1


def with_responses_page(url, comment, user=None):
    """`url` (a path, maybe with a query) set to the page of responses showing `comment`, then `#c<pk>`.

    Any `responses` parameter already in `url` is replaced; other parameters are kept. Page 1
    carries no parameter, so the plain page URL stays the canonical one.
    """
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    query.pop(RESPONSES_PARAM, None)
    number = responses_page_number(comment, user)
    if number > 1:
        query[RESPONSES_PARAM] = number
    return urlunsplit(parts._replace(query=query.urlencode(), fragment=f"c{comment.pk}"))


def comment_url(comment, page_url=None, user=None):
    """The link to one comment: its page's URL, the page of responses showing it, and `#c<pk>`.

    `page_url` saves the query that finds the page when the caller has it already (search
    results, notification e-mails). One query (the page number), two without `page_url`.
    """
    if page_url is None:
        from wagtail.models import Page

        page = Page.objects.filter(pk=comment.object_pk).first()
        page_url = page.url if page is not None else "/"
    return with_responses_page(page_url, comment, user)


def page_number(request):
    """The page of responses asked for: 1 unless a positive number (past the last page: the last)."""
    value = request.GET.get(RESPONSES_PARAM, "")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def responses_query(request, number):
    """The query string for page `number` of responses, keeping the request's other parameters.

    Not `{% querystring %}`: page 1 drops the parameter, and with no other parameters this is the bare path.
    """
    query = request.GET.copy()
    query.pop(RESPONSES_PARAM, None)
    query.pop("reply_to", None)  # another page of responses: no reply form open
    if number > 1:
        query[RESPONSES_PARAM] = number
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


def page_links(request, responses):
    """The responses' page navigation: earlier, first, two either side of this one, last, later."""
    paginator = responses.paginator
    if paginator.num_pages < 2:
        return None
    links = []
    for number in paginator.get_elided_page_range(responses.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            links.append({"gap": True})
        else:
            links.append(
                {"number": number, "url": responses_query(request, number), "current": number == responses.number}
            )
    return {
        "links": links,
        "previous": responses_query(request, responses.previous_page_number()) if responses.has_previous() else None,
        "next": responses_query(request, responses.next_page_number()) if responses.has_next() else None,
    }
