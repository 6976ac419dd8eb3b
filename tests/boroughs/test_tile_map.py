"""The borough tile map: 33 equal squares, one per borough, each a link with its counts."""

import re

from django.test import Client

from boroughs.models import Borough
from boroughs.tiles import TILES
from tests.factories import MemorialPageFactory


def test_every_borough_has_its_own_square_on_an_eight_by_seven_grid(db):
    assert set(TILES) == set(Borough.objects.values_list("ons_code", flat=True))
    places = [(row, column) for row, column, _ in TILES.values()]
    assert len(set(places)) == 33
    assert all(1 <= row <= 7 and 1 <= column <= 8 for row, column in places)
    # Roughly where they lie: the City in the middle, Enfield north of it, Croydon south, Havering east.
    city, enfield, croydon = TILES["E09000001"], TILES["E09000010"], TILES["E09000008"]
    havering, hillingdon = TILES["E09000016"], TILES["E09000017"]
    assert enfield[0] < city[0] < croydon[0]
    assert hillingdon[1] < city[1] < havering[1]


def test_borough_index_draws_the_map_with_counts_and_keeps_the_text_list(tree):
    hackney = Borough.objects.get(slug="hackney")
    MemorialPageFactory(borough=hackney)
    MemorialPageFactory(borough=hackney)
    html = Client().get("/boroughs/").content.decode()

    tiles = re.findall(r'<a class="tile tile--row(\d) tile--col(\d)[^"]*" href="([^"]+)" tabindex="-1"', html)
    assert len(tiles) == 33
    assert len({(row, col) for row, col, _ in tiles}) == 33
    hackney_tile = re.search(
        r'href="/boroughs/hackney/"[^>]*>\s*<span class="tile__label">Hck</span>\s*<span class="tile__count">(\d+)',
        html,
    )
    assert hackney_tile.group(1) == "2"
    # The map is hidden from assistive technology; the list beside it carries the same links.
    assert 'class="tile-map" aria-hidden="true"' in html
    assert len(re.findall(r'<li><a href="/boroughs/[a-z-]+/">', html)) == 33
