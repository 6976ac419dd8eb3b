"""Production settings plus the bench-only ceiling view. Only `bench/` scripts use this module."""

from forum_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
