"""Page-cache and CDN settings read from the environment (imported by `forum_site/settings/services.py`).

Kept free of Django imports so settings can use it before apps load.
"""

import os


def frontend_cache_backends(environ=os.environ):
    """`WAGTAILFRONTENDCACHE` for the CDN in front of the site, or {} when there is none.

    - `FRONTEND_CACHE_PURGE_URL`: an HTTP cache that accepts PURGE (Varnish, nginx, Fastly...).
    - `CLOUDFLARE_ZONE_ID` with `CLOUDFLARE_BEARER_TOKEN` (or `CLOUDFLARE_EMAIL` + `CLOUDFLARE_API_KEY`).
    - `CLOUDFRONT_DISTRIBUTION_ID`: AWS CloudFront (credentials from boto3's usual environment).
    """
    backends = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("CLOUDFLARE_ZONE_ID"):
        cloudflare = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["CLOUDFLARE_ZONE_ID"],
        }
        if environ.get("CLOUDFLARE_BEARER_TOKEN"):
            cloudflare["BEARER_TOKEN"] = environ["CLOUDFLARE_BEARER_TOKEN"]
        else:
            cloudflare["EMAIL"] = environ.get("CLOUDFLARE_EMAIL", "")
            cloudflare["API_KEY"] = environ.get("CLOUDFLARE_API_KEY", "")
        backends["cloudflare"] = cloudflare
    if environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends


def page_cache_settings(environ=os.environ):
    """How long anonymous copies live (a safety net: every change purges them at once anyway)."""
    return {
        # 0 switches the anonymous page cache off.
        "PAGE_CACHE_SECONDS": int(environ.get("PAGE_CACHE_SECONDS", "300")),
        # s-maxage sent to the CDN for anonymous pages, only when a CDN is configured.
        "CDN_CACHE_SECONDS": int(environ.get("CDN_CACHE_SECONDS", "300")),
        # Shared fragments (conversations, support panels) reused for signed-in members too; 0 = off.
        "FRAGMENT_CACHE_SECONDS": int(environ.get("FRAGMENT_CACHE_SECONDS", "300")),
        # Whole story and discussion pages shared among members shown the same (caching/member_copies.py);
        # they live as long as fragments do. "0" switches them off.
        "MEMBER_PAGE_COPIES": environ.get("MEMBER_PAGE_COPIES", "1") != "0",
    }
