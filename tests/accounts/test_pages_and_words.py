"""Issue 13: sign-in pages in the site's words, one date format, the favicon, the error summary's
focus script, the borough picker and the tile map's caption, and the demo's links."""

import io
import re

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site

from tests.factories import PASSWORD

AUTH_PAGES = {
    "/accounts/login/": ("Sign in", "Sign in"),
    "/accounts/signup/": ("Create an account", "Create my account"),
    "/accounts/password/reset/": ("Choose a new password", "Send me the link"),
}


@pytest.mark.parametrize("path", AUTH_PAGES)
def test_allauth_pages_wear_the_site_in_sentence_case(tree, path):
    heading, button = AUTH_PAGES[path]
    html = Client().get(path).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<button type="submit" class="button">{button}</button>' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    for title_case in ("Sign In", "Sign Up", "Password Reset", "Reset My Password", "Remember Me", "Email address"):
        assert title_case not in html, title_case
    assert "placeholder=" not in html


def test_sign_in_labels_are_plain(tree):
    html = Client().get("/accounts/login/").content.decode()
    assert ">E-mail address" in html and ">Keep me signed in on this device" in html


def test_a_wrong_password_comes_back_with_the_error_summary_and_its_focus_script(tree, resident):
    response = Client().post("/accounts/login/", {"login": resident.email, "password": "not-it"})
    html = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in html
    assert "autofocus" in html.split('id="error-summary"')[1].split(">")[0]
    assert resident.email in html  # what was typed is kept


def test_the_signed_in_sign_out_page_is_kind(resident_client):
    html = resident_client.get("/accounts/logout/").content.decode()
    assert "<h1>Sign out</h1>" in html and "Would you like to sign out" in html


def test_one_date_and_time_format():
    moment = timezone.make_aware(timezone.datetime(2026, 12, 2, 0, 46))
    assert date_format(moment, "DATETIME_FORMAT") == "2 December 2026, 00:46"
    assert date_format(moment, "DATE_FORMAT") == "2 December 2026"
    assert date_format(timezone.make_aware(timezone.datetime(2026, 12, 2, 12, 56)), "TIME_FORMAT") == "12:56"
    assert date_format(moment, "SHORT_DATETIME_FORMAT") == "2 December 2026, 00:46"


def test_a_favicon_is_linked_and_served(tree):
    client = Client()
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.ico"


def test_the_home_borough_picker_starts_with_choose_a_borough(tree):
    html = Client().get("/").content.decode()
    select = html.split('<select id="home-borough" name="borough">')[1].split("</select>")[0]
    first = re.search(r"<option[^>]*>([^<]+)</option>", select)
    assert first.group(1) == "Choose a borough" and 'value="" selected' in first.group(0)
    assert Client().get("/boroughs/", {"borough": ""}).status_code == 200


def test_the_tile_maps_caption_hides_with_the_map_on_a_phone(tree, settings):
    html = Client().get("/boroughs/").content.decode()
    assert 'class="hint tile-map__caption">On the map' in html
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    phone = re.findall(r"@media \(max-width: 48rem\) \{(.*?)\n\}", css, re.S)
    assert any(".tile-map__caption { display: none; }" in block for block in phone)


def test_the_demo_site_names_the_address_it_is_served_on(tree, settings):
    settings.SITE_DOMAIN = "127.0.0.1:8123"
    call_command("load_demo_data", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8123"
    assert site.root_url == "http://127.0.0.1:8123"


def test_the_password_reset_email_is_plain_and_names_the_address_asked_for(tree, resident, mailoutbox):
    Client(HTTP_HOST="127.0.0.1:8123").post("/accounts/password/reset/", {"email": resident.email})
    (message,) = mailoutbox
    assert message.subject == "London Listens: Choose a new password"
    assert "http://127.0.0.1:8123/accounts/password/reset/key/" in message.body
    assert PASSWORD not in message.body


def test_confirming_it_is_you_asks_in_words_and_keeps_where_you_were_going(resident_client):
    response = resident_client.get("/accounts/reauthenticate/?next=/me/data/")
    html = response.content.decode()
    assert "<h1>Please confirm it is you</h1>" in html
    assert "please type your password again before you go on" in html
    assert '<form method="post" action="/accounts/reauthenticate/?next=/me/data/"' in html
    done = resident_client.post("/accounts/reauthenticate/?next=/me/data/", {"password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/me/data/"
