"""Candles on memorials: one per person, put out again, counted, rate-limited, POST only."""

import pytest
from django.core.cache import cache
from django.test import Client

from stories.models import Candle
from tests.conftest import signed_in_client
from tests.factories import MemorialPageFactory, TestimonyPageFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def memorial(tree):
    return MemorialPageFactory(title="Jo Example")


def light(client, memorial):
    return client.post(f"/memorials/{memorial.pk}/candle/light/", follow=True)


def put_out(client, memorial):
    return client.post(f"/memorials/{memorial.pk}/candle/put-out/", follow=True)


def test_signed_in_reader_lights_a_candle_and_returns_to_the_memorial(memorial, resident, resident_client):
    response = light(resident_client, memorial)
    assert response.redirect_chain == [(memorial.url + "#candles", 302)]
    html = response.content.decode()
    assert "You lit a candle for Jo Example." in html
    assert "1 candle lit, including yours." in html
    assert "Put out my candle" in html
    assert Candle.objects.filter(memorial=memorial, user=resident).count() == 1


def test_one_candle_per_person_however_often_they_press(memorial, resident_client):
    light(resident_client, memorial)
    light(resident_client, memorial)
    assert Candle.objects.filter(memorial=memorial).count() == 1


def test_a_candle_can_be_put_out_again(memorial, resident, resident_client):
    light(resident_client, memorial)
    response = put_out(resident_client, memorial)
    html = response.content.decode()
    assert "Your candle has been put out." in html
    assert "No candles lit yet." in html
    assert "Light a candle for Jo Example" in html
    assert not Candle.objects.filter(user=resident).exists()


def test_putting_out_only_touches_your_own_candle(memorial, resident_client, other_resident):
    Candle.objects.create(memorial=memorial, user=other_resident)
    put_out(resident_client, memorial)
    assert Candle.objects.filter(memorial=memorial, user=other_resident).exists()


def test_the_count_is_shown_to_everyone(memorial):
    for _ in range(37):
        Candle.objects.create(memorial=memorial, user=UserFactory())
    html = Client().get(memorial.url).content.decode()
    assert "37 candles lit." in html
    assert "Sign in to light a candle" in html


def test_visitors_cannot_light_a_candle(memorial):
    visitor = Client()
    response = visitor.post(f"/memorials/{memorial.pk}/candle/light/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not Candle.objects.exists()


def test_get_changes_nothing(memorial, resident_client):
    assert resident_client.get(f"/memorials/{memorial.pk}/candle/light/").status_code == 405
    assert not Candle.objects.exists()
    Candle.objects.create(memorial=memorial, user=UserFactory())
    assert resident_client.get(f"/memorials/{memorial.pk}/candle/put-out/").status_code == 405
    assert Candle.objects.count() == 1


def test_a_post_without_the_csrf_token_is_refused(memorial, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    assert client.post(f"/memorials/{memorial.pk}/candle/light/").status_code == 403
    assert not Candle.objects.exists()


def test_the_page_form_carries_the_csrf_token(memorial, resident_client):
    html = resident_client.get(memorial.url).content.decode()
    form = html[html.index(f'action="/memorials/{memorial.pk}/candle/light/"') :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]


def test_candles_are_only_for_published_memorials(tree, resident_client):
    draft = MemorialPageFactory(live=False)
    testimony = TestimonyPageFactory()
    assert resident_client.post(f"/memorials/{draft.pk}/candle/light/").status_code == 404
    assert resident_client.post(f"/memorials/{testimony.pk}/candle/light/").status_code == 404
    assert not Candle.objects.exists()
    assert "candle" not in resident_client.get(testimony.url).content.decode().lower()


def test_lighting_and_putting_out_is_rate_limited(memorial, resident, settings):
    settings.CANDLE_RATE_LIMIT = 3
    client = signed_in_client(resident)
    light(client, memorial)
    put_out(client, memorial)
    light(client, memorial)
    response = put_out(client, memorial)  # the fourth change in the window is refused
    assert "many times in a short while" in response.content.decode()
    assert Candle.objects.filter(user=resident).count() == 1
    # Someone else is not affected.
    other = signed_in_client(UserFactory())
    light(other, memorial)
    assert Candle.objects.count() == 2


def test_the_rate_limit_window_ends(memorial, resident, settings, monkeypatch):
    settings.CANDLE_RATE_LIMIT = 1
    settings.CANDLE_RATE_LIMIT_WINDOW_SECONDS = 60
    now = [1_000_000.0]
    monkeypatch.setattr("core.ratelimit.clock", lambda: now[0])
    client = signed_in_client(resident)
    light(client, memorial)
    put_out(client, memorial)
    assert Candle.objects.count() == 1  # refused
    now[0] += 60
    put_out(client, memorial)
    assert Candle.objects.count() == 0


def test_pressing_light_twice_counts_once_towards_the_limit(memorial, resident, settings):
    settings.CANDLE_RATE_LIMIT = 2
    client = signed_in_client(resident)
    light(client, memorial)
    light(client, memorial)  # already lit: nothing changes, nothing counted
    put_out(client, memorial)
    assert not Candle.objects.exists()


def test_candle_count_costs_the_same_queries_however_many_are_lit(memorial, resident_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resident_client.get(memorial.url)  # warm the per-process caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        resident_client.get(memorial.url)
    for _ in range(15):
        Candle.objects.create(memorial=memorial, user=UserFactory())
    with CaptureQueriesContext(connection) as many:
        resident_client.get(memorial.url)
    assert len(many) == len(few)
