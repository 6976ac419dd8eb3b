"""Production settings for the two-server proof (bench/scaling.py), with two things that are not about scaling left out:
the admin's second factor (the proof's moderator acts in a session made for them) and hashed static
files (no `collectstatic` before each run; the proof fetches pages, not stylesheets)."""

from forum_site.settings.production import *  # noqa: F403

WAGTAILADMIN_REQUIRE_MFA = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
