"""The test suite: fast hashing, in-memory mail and cache, tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / "tests" / ".media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_DOMAIN = "testserver"
# Static files are served by Django's own handlers in tests; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
COMMENTS_XTD_THREADED_EMAILS = False  # xtd would otherwise send mail from a thread the test cannot see
# The anonymous page cache is off so other tests measure real rendering; tests/caching turns it on.
PAGE_CACHE_SECONDS = 0
# Shared fragments likewise; tests/caching/test_fragments.py turns them on and compares with fresh renders.
FRAGMENT_CACHE_SECONDS = 0
