"""core/pages.py routes with Wagtail's public APIs only: each level's own `route()` is asked, the
pages on the path are read in one query, and the site comes from Wagtail's own lookup (so a
change to it is seen on the next request, with nothing remembered between requests)."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from boroughs.models import Borough, BoroughIndexPage, BoroughPage, ThreadPage
from tests.factories import ThreadPageFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def thread(tree):
    return ThreadPageFactory(title="Safer routes", body="Opening", borough=Borough.objects.get(slug="lambeth"))


def test_every_level_s_own_route_is_asked(thread, monkeypatch):
    asked = []
    for model in (BoroughIndexPage, BoroughPage, ThreadPage):
        original = model.route

        def route(self, request, path_components, original=original, model=model):
            asked.append((model.__name__, tuple(path_components)))
            return original(self, request, path_components)

        monkeypatch.setattr(model, "route", route)
    assert Client().get(thread.url).status_code == 200
    assert asked == [
        ("BoroughIndexPage", ("lambeth", "safer-routes")),
        ("BoroughPage", ("safer-routes",)),
        ("ThreadPage", ()),
    ]


def test_the_pages_on_the_path_are_read_in_one_query(thread):
    client = Client()
    client.get(thread.url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(thread.url).status_code == 200
    on_path = [q["sql"] for q in captured if '"url_path" IN' in q["sql"]]
    assert len(on_path) == 1


def test_a_page_found_only_by_its_url_path_at_the_wrong_depth_is_not_routed(thread):
    client = Client()
    assert client.get("/lambeth/").status_code == 404  # a borough is not a child of the home page
    assert client.get("/boroughs/safer-routes/").status_code == 404
    assert client.get("/boroughs/lambeth/no-such-thread/").status_code == 404
    thread.unpublish()
    assert client.get(thread.url).status_code == 404


def test_a_changed_site_and_home_page_are_seen_on_the_next_request(tree, thread):
    client = Client()
    assert client.get(thread.url).status_code == 200
    home = tree.home
    home.intro = "<p>A new welcome for today</p>"
    home.save()
    assert "A new welcome for today" in client.get("/").content.decode()
    home.slug = "london-listens-renamed"
    home.save()  # every url_path under it changes
    assert client.get("/boroughs/lambeth/safer-routes/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname = "elsewhere.example"
    site.is_default_site = False
    site.save()
    assert client.get("/boroughs/lambeth/").status_code == 404  # no site answers for testserver now


PRIVATE = ["_find_for_request", "_get_raw_host", "_wagtail_site", "_perm_cache", "_registry"]


@pytest.mark.parametrize("path", ["core/pages.py", "core/auth.py", "moderation/moderator.py"])
def test_the_speed_layers_use_no_private_api(path):
    source = (ROOT / path).read_text()
    assert not [name for name in PRIVATE if name in source]


def test_core_imports_no_other_app_of_the_project():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} - {"core"}
    imports = re.compile(rf"^\s*(?:from|import) ({'|'.join(sorted(apps))})\b", re.MULTILINE)
    for source in (ROOT / "core").rglob("*.py"):
        assert not imports.findall(source.read_text()), source
