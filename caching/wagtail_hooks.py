from wagtail import hooks

from . import pagecache


# After Wagtail's own view-restriction check (order 0): a restricted page never gets this far
# for an anonymous visitor, so it is never stored.
@hooks.register("before_serve_page", order=100)
def note_page_for_the_cache(page, request, serve_args, serve_kwargs):
    request.serving_wagtail_page = True
    if getattr(request, "page_cache_candidate", False):
        # Read the versions now, before the page reads the database: if anything changes while
        # it renders, the copy is stored under the old versions and is already a miss.
        request.page_cache_versions = pagecache.current_versions(pagecache.page_tags(page))
