"""The services a deployment plugs in, each chosen by an environment variable.

Nothing set (a laptop, the test suite): local-memory cache, tasks run at once, media on
local disk. Production sets REDIS_URL, TASKS_BACKEND=database and, for object storage,
AWS_STORAGE_BUCKET_NAME. See README "Deployment" for every variable.
"""

import os

from caching.conf import frontend_cache_backends, page_cache_settings

# Cache (also where rate limits are counted, core/ratelimit.py): Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "londonlistens"),
            "TIMEOUT": 300,
            "OPTIONS": {
                # django-redis's DefaultClient, except that rate limits (ours and allauth's) are
                # counted in each process's memory while Redis cannot be reached (core/ratelimit.py).
                "CLIENT_CLASS": "core.ratelimit.LimitsHoldClient",
                # Redis down or slow must not take the site down: a read that fails is a miss, a
                # write that fails is skipped (and logged). Pages render from the database, sessions
                # come from PostgreSQL (`cached_db`); rate limits still hold, per process.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # each failure is logged (django_redis.cache), not hidden
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (notification fan-out, search indexing): immediate unless a worker runs.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    # A queue in the database, drained by `manage.py db_worker`.
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")]}}

# Anonymous page cache (caching/) and the CDN in front of the site, purged through Wagtail's frontend cache.
PAGE_CACHE_SECONDS = page_cache_settings()["PAGE_CACHE_SECONDS"]
CDN_CACHE_SECONDS = page_cache_settings()["CDN_CACHE_SECONDS"]
FRAGMENT_CACHE_SECONDS = page_cache_settings()["FRAGMENT_CACHE_SECONDS"]
MEMBER_PAGE_COPIES = page_cache_settings()["MEMBER_PAGE_COPIES"]
WAGTAILFRONTENDCACHE = frontend_cache_backends()

# Media: local disk, or S3-compatible object storage when a bucket is named.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
