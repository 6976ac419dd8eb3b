from wagtail import hooks

from . import member_copies, pagecache


# After Wagtail's own view-restriction check (order 0): a restricted page never gets this far
# for an anonymous visitor, so it is never stored.
@hooks.register("before_serve_page", order=100)
def note_page_for_the_cache(page, request, serve_args, serve_kwargs):
    request.serving_wagtail_page = True
    if getattr(request, "page_cache_candidate", False):
        # Read the versions now, before the page reads the database: if anything changes while
        # it renders, the copy is stored under the old versions and is already a miss.
        request.page_cache_versions = pagecache.current_versions(pagecache.page_tags(page))


# Inside Wagtail's view-restriction check (its `on_serve_page` hook has order 0, so it wraps this):
# a member who may not see a page is never given a copy of it.
@hooks.register("on_serve_page", order=100)
def serve_members_a_shared_copy(next_serve):
    def serve(page, request, serve_args, serve_kwargs):
        key = member_copies.key_for(request, page)
        if key is None:
            return next_serve(page, request, serve_args, serve_kwargs)
        copy = member_copies.lookup(request, key)
        if copy is not None:
            return copy
        response = next_serve(page, request, serve_args, serve_kwargs)
        member_copies.store(request, key, response)
        return response

    return serve
