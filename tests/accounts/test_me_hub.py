"""`/me/` is the hub: it links to every page of a member's own, read from the URLconf so a new
"your …" page cannot be forgotten (issue 13)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Under /me/ but not somewhere a member goes from the hub: the hub itself, and the page shown
# after an account has been deleted.
NOT_LINKED = {"my_settings", "account_deleted"}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def me_pages():
    """Every page under /me/ that takes no argument (those that do are reached from a list)."""
    names = set()
    for route, pattern in _routes(get_resolver().url_patterns):
        if route.startswith("me/") and not pattern.pattern.converters and "(?P<" not in route:
            names.add(pattern.name)
    return sorted(names - NOT_LINKED)


def test_the_urlconf_has_the_pages_we_expect_under_me():
    assert {"my_stories", "my_threads", "notification_settings", "my_data", "delete_account"} <= set(me_pages())


@pytest.mark.parametrize("name", me_pages())
def test_the_hub_links_to_every_page_under_me(resident_client, name):
    html = resident_client.get(reverse("my_settings")).content.decode()
    assert f'href="{reverse(name)}"' in html, f"/me/ has no link to {reverse(name)} ({name})"


def test_the_hub_links_to_the_account_pages_and_reading_settings(resident_client):
    html = resident_client.get(reverse("my_settings")).content.decode()
    for name in ("account_email", "account_change_password"):
        assert f'href="{reverse(name)}"' in html
    assert 'href="#reading"' in html and 'id="reading"' in html
    assert "Two-factor sign-in" not in html  # only staff need it


def test_staff_find_two_factor_sign_in_on_the_hub(moderator_client):
    html = moderator_client.get(reverse("my_settings")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in html


def test_the_header_calls_them_yours(resident_client):
    html = resident_client.get(reverse("my_settings")).content.decode()
    assert ">Your stories<" in html and ">Your account<" in html
    assert "My stories" not in html
