"""Where each borough sits on the tile map: one equal square each, roughly where it lies.

The layout follows the idea of the well-known "London Squared" grid: 8 columns, 7 rows,
the City in the middle. Keyed by ONS code so renaming a borough never moves its tile.
"""

# ONS code: (row, column, short label), rows and columns counted from 1.
TILES = {
    "E09000010": (1, 5, "Enf"),  # Enfield
    "E09000003": (2, 4, "Brn"),  # Barnet
    "E09000014": (2, 5, "Hgy"),  # Haringey
    "E09000031": (2, 6, "WFo"),  # Waltham Forest
    "E09000015": (3, 2, "Hrw"),  # Harrow
    "E09000005": (3, 3, "Bre"),  # Brent
    "E09000007": (3, 4, "Cmd"),  # Camden
    "E09000019": (3, 5, "Isl"),  # Islington
    "E09000012": (3, 6, "Hck"),  # Hackney
    "E09000026": (3, 7, "Red"),  # Redbridge
    "E09000016": (3, 8, "Hav"),  # Havering
    "E09000017": (4, 1, "Hil"),  # Hillingdon
    "E09000009": (4, 2, "Eal"),  # Ealing
    "E09000020": (4, 3, "K&C"),  # Kensington and Chelsea
    "E09000033": (4, 4, "Wst"),  # Westminster
    "E09000001": (4, 5, "City"),  # City of London
    "E09000030": (4, 6, "TH"),  # Tower Hamlets
    "E09000025": (4, 7, "New"),  # Newham
    "E09000002": (4, 8, "B&D"),  # Barking and Dagenham
    "E09000018": (5, 1, "Hns"),  # Hounslow
    "E09000013": (5, 2, "H&F"),  # Hammersmith and Fulham
    "E09000032": (5, 3, "Wns"),  # Wandsworth
    "E09000022": (5, 4, "Lam"),  # Lambeth
    "E09000028": (5, 5, "Sth"),  # Southwark
    "E09000023": (5, 6, "Lew"),  # Lewisham
    "E09000011": (5, 7, "Gre"),  # Greenwich
    "E09000004": (5, 8, "Bex"),  # Bexley
    "E09000027": (6, 2, "Ric"),  # Richmond upon Thames
    "E09000024": (6, 3, "Mer"),  # Merton
    "E09000008": (6, 4, "Cro"),  # Croydon
    "E09000006": (6, 5, "Brm"),  # Bromley
    "E09000021": (7, 2, "Kng"),  # Kingston upon Thames
    "E09000029": (7, 3, "Sut"),  # Sutton
}


def tile_map(borough_pages, story_counts, thread_counts=None):
    """One entry per borough page, in reading order, with its place on the grid and its counts."""
    thread_counts = thread_counts or {}
    tiles = []
    for page in borough_pages:
        row, column, label = TILES[page.borough.ons_code]
        tiles.append(
            {
                "page": page,
                "row": row,
                "column": column,
                "label": label,
                "stories": story_counts.get(page.borough_id, 0),
                "threads": thread_counts.get(page.borough_id, 0),
            }
        )
    return sorted(tiles, key=lambda tile: (tile["row"], tile["column"]))
