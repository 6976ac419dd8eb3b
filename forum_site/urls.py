from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page says: send them to the hashed static file."""

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")


urlpatterns = [
    # Staff sign in through allauth (rate limits, two-factor authentication), never Wagtail's own form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("search/", search_views.search, name="search"),
    path("", include("stories.urls")),
    path("", include("care.urls")),
    path("", include("support.urls")),
    path("", include("accounts.urls")),
    # Comments: our own views only. xtd's URLs (REST API, like/dislike, mute) are deliberately not mounted.
    path("comments/", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("", include("boroughs.urls")),
    path("", include("organisations.urls")),
    path("", include("gatherings.urls")),
    path("", include("circle.urls")),
    path("", include("feeds.urls")),
    path("", include("safety.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it owns every remaining path.
urlpatterns += [path("", include(wagtail_urls))]
