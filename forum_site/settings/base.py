"""Settings shared by every environment.

Everything a deployment changes is read from the environment (see `.env.example`);
the defaults here are safe for a newcomer's laptop: SQLite, console e-mail.
"""

import os
from pathlib import Path

import dj_database_url

from .services import (  # noqa: F401 - chosen by environment variables
    CACHES,
    CDN_CACHE_SECONDS,
    FRAGMENT_CACHE_SECONDS,
    MEDIA_STORAGE,
    MEMBER_PAGE_COPIES,
    PAGE_CACHE_SECONDS,
    TASKS,
    WAGTAILFRONTENDCACHE,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "accounts",
    "home",
    "boroughs",
    "gatherings",
    "circle",
    "stories",
    "search",
    "feeds",
    "support",
    "care",
    # Comments: django-comments-xtd first, so `moderation` (after it) can undo its pre_save handler.
    "django_comments_xtd",
    "django_comments",
    "moderation",
    "notifications",
    "organisations",
    "safety",
    "caching",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors get stored copies of published pages; before sessions, so a hit costs no query.
    "caching.middleware.AnonymousPageCacheMiddleware",
    # Facts read once per request (core/pages.py: view restrictions), forgotten when it ends.
    "core.pages.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.security.AdminTwoFactorMiddleware",
    # A new version of the terms asks members again at their next visit (accounts/terms.py).
    "accounts.terms.AskAgainMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "forum_site.urls"
WSGI_APPLICATION = "forum_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default so a newcomer needs nothing installed; PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Answers every permission question from the shared cache, under versions that any group,
    # permission or membership change bumps (core/auth.py); the two below sign members in.
    "core.auth.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: people sign in with their e-mail address, which must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
# The version of the terms of service a member agrees to at sign-up (accounts.TermsAcceptance).
# Change it when a new version of the terms page is published.
TERMS_VERSION = "2026-12"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "London Listens: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("SITE_PROTOCOL", "http")
ACCOUNT_PREVENT_ENUMERATION = True
# The same forms in the site's words (accounts/auth_forms.py); the pages are in templates/account/.
ACCOUNT_FORMS = {
    name: f"accounts.auth_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reauthenticate": "ReauthenticateForm",
        "add_email": "AddEmailForm",
    }.items()
}
# Someone who signs up to share a story is signed in when they follow the link in the e-mail, in the
# same browser, and lands back where they were going (the `next` of the sign-up form: allauth keeps it
# in the pending login it resumes; tests/accounts/test_share_journey.py).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True

# Security (tests in tests/security/; README "Security").
# Throttling: allauth's own rate limits, counted in the cache (Redis in production; while Redis cannot
# be reached, in each process's memory: core/ratelimit.py). After 5 failed sign-ins for one address in
# 15 minutes that address is refused (429), known or not; 10 a minute per IP.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Two-factor authentication (allauth.mfa: an authenticator app, with recovery codes). Staff reach the
# Wagtail admin only through allauth's sign-in; production requires a second factor for the admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "London Listens"
WAGTAILADMIN_REQUIRE_MFA = env_bool("WAGTAILADMIN_REQUIRE_MFA", False)
# Content-Security-Policy (django-csp): the public site has no inline script or style at all.
# The Wagtail admin needs inline script and style: it gets its own policy (core/security.py).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# One date and time format everywhere, en-GB ("2 December 2026, 14:05"), set once in
# forum_site/formats/en_GB/formats.py: the locale's formats win over DATE_FORMAT & co. in settings.
FORMAT_MODULE_PATH = ["forum_site.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SITE_ID = 1
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")

# E-mail: console in development; production sets EMAIL_HOST and friends (see production.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "London Listens <hello@londonlistens.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Wagtail
WAGTAIL_SITE_NAME = "London Listens"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{SITE_DOMAIN}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 24_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would learn a hash of every moderator's e-mail address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Comments (django-comments-xtd; decisions in moderation/moderator.py). xtd reads these once at import.
COMMENTS_APP = "django_comments_xtd"
COMMENT_MAX_LENGTH = 3000
COMMENTS_XTD_MAX_THREAD_LEVEL = 2  # levels 0, 1 and 2: a comment, a reply, a reply to that
COMMENTS_XTD_CONFIRM_EMAIL = False  # everyone who comments is signed in with a verified address
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False  # our notifications go through Django's mail API and the task queue
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {"who_can_post": "users", "allow_flagging": False, "allow_feedback": False, "show_feedback": False}
}
# How often one account may comment (and start threads), in any minute and any 24 hours (sliding
# windows, core/ratelimit.py); counted in the cache (Redis in production; memory while it is away).
COMMENT_RATE_LIMIT_PER_MINUTE = int(os.environ.get("COMMENT_RATE_LIMIT_PER_MINUTE", "5"))
COMMENT_RATE_LIMIT_PER_DAY = int(os.environ.get("COMMENT_RATE_LIMIT_PER_DAY", "50"))

# Photos families upload with a story (checked in stories/photos.py).
STORY_PHOTO_MAX_BYTES = 8 * 1024 * 1024
STORY_PHOTO_MAX_PIXELS = 24_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every task and page save logs a line at INFO: keep the console readable.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Candles on memorials (stories/candles.py): how many times one account may light or put out
# a candle in any window of so many seconds (core/ratelimit.py, like every limit of ours).
CANDLE_RATE_LIMIT = int(os.environ.get("CANDLE_RATE_LIMIT", "20"))
CANDLE_RATE_LIMIT_WINDOW_SECONDS = int(os.environ.get("CANDLE_RATE_LIMIT_WINDOW_SECONDS", "3600"))
# Reports of comments to moderators (moderation/views.py): how many one account may send in any window.
REPORT_RATE_LIMIT = int(os.environ.get("REPORT_RATE_LIMIT", "20"))
REPORT_RATE_LIMIT_WINDOW_SECONDS = int(os.environ.get("REPORT_RATE_LIMIT_WINDOW_SECONDS", "3600"))
# safety: signed-out reports from one network (/24, /64) in that window; appeal links' life; when an
# appeal or complaint waiting longer is flagged in the inbox; who complaints about the service reach.
SAFETY_NETWORK_RATE_LIMIT = int(os.environ.get("SAFETY_NETWORK_RATE_LIMIT", "30"))
APPEAL_LINK_MAX_AGE_DAYS = int(os.environ.get("APPEAL_LINK_MAX_AGE_DAYS", "90"))
SAFETY_OVERDUE_DAYS = int(os.environ.get("SAFETY_OVERDUE_DAYS", "7"))
# The moderator inbox suggests a break after this many distressing items in a day, with where to find support.
MODERATOR_BREAK_AFTER = int(os.environ.get("MODERATOR_BREAK_AFTER", "20"))
MODERATOR_WELLBEING_URL = os.environ.get("MODERATOR_WELLBEING_URL", "https://www.samaritans.org/how-we-can-help/")
ADMINS = [("Administrators", e) for e in os.environ.get("ADMIN_EMAILS", "admin@example.org").split(",") if e]
MANAGERS = ADMINS

# A refused form (no valid CSRF token) gets the site's own kind page, not Django's generic 403.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
