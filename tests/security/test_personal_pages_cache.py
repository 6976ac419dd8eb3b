"""No cache keeps a member's own pages: every `/me/...` URL (found from the URL patterns, so a new
one is covered without touching this file), the account pages, the sharing forms and the admin say
`private, no-store`; any other page answered to a signed-in member is at least `private`."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from notifications.models import Follow
from tests.factories import MemorialPageFactory


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def me_routes():
    return sorted({route for route in _patterns(get_resolver()) if route.startswith("me/")})


def _cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def own(family):
    story = MemorialPageFactory(owner=family, title="Jordan")
    follow = Follow.objects.create(user=family, page_id=story.pk)
    return {"story": story, "follow": follow}


def _url(route, own):
    pk = own["follow"].pk if route.startswith("me/notifications/") else own["story"].pk
    return "/" + re.sub(r"<int:\w+>", str(pk), route)


def test_there_are_me_pages_to_check():
    routes = me_routes()
    assert {"me/", "me/stories/", "me/data/", "me/notifications/", "me/discussions/"} <= set(routes)


@pytest.mark.parametrize("who", ["visitor", "family"])
def test_every_me_page_is_private_and_not_stored(client, family, own, who):
    if who == "family":
        client.force_login(family)
    checked = []
    for route in me_routes():
        url = _url(route, own)
        response = client.get(url)
        assert {"private", "no-store"} <= _cache_control(response), f"{url}: {response.get('Cache-Control')}"
        assert "public" not in _cache_control(response)
        checked.append(url)
    assert "/me/stories/" in checked and "/me/" in checked


@pytest.mark.parametrize(
    "url", ["/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/share/", "/admin/"]
)
def test_account_pages_sharing_forms_and_the_admin_are_private_and_not_stored(moderator_client, url):
    response = moderator_client.get(url)
    assert {"private", "no-store"} <= _cache_control(response), f"{url}: {response.get('Cache-Control')}"


def test_other_pages_for_a_signed_in_member_are_private(resident_client, tree):
    for url in ["/search/?q=knife", "/boroughs/lambeth/start-a-discussion/"]:
        assert "private" in _cache_control(resident_client.get(url)), url
