"""The site's URLs plus two reference views. Only `bench/settings.py` uses this URLconf, so neither
is reachable in production.

- `/bench/ceiling/`: `base.html` rendered and nothing else (for a member: their session, the member
  and whatever the layout asks about them, such as the permission check of Wagtail's user bar).
  The ceiling every page is measured against.
- `/bench/floor/`: the session and the member loaded, nothing rendered. What every signed-in
  request pays before it does anything: the signed-in ceiling is measured against it.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from forum_site.urls import urlpatterns as site_urlpatterns


def ceiling(request):
    return render(request, "base.html", {})


def floor(request):
    return HttpResponse("member" if request.user.is_authenticated else "visitor", content_type="text/plain")


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench_ceiling"),
    path("bench/floor/", floor, name="bench_floor"),
    *site_urlpatterns,
]
