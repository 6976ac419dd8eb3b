"""The site's URLs plus `/bench/ceiling/`: `base.html` rendered with no query, the ceiling of this
stack. Only `bench/settings.py` uses this URLconf, so the view is never reachable in production."""

from django.shortcuts import render
from django.urls import path

from forum_site.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    return render(request, "base.html", {})


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]
