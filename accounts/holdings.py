"""What each app holds for one member: its part of "your data" and what deleting the account
does to it.

`accounts` sits at the bottom of the domain layer, so it cannot know every app: each app tells it
from its `AppConfig.ready()` (as `caching` is told), and `accounts/data.py` and
`accounts/deletion.py` go through what was registered, in the order given.
"""

_sections = []  # (order, key, export(user, request, pages) -> rows() -> a JSON-ready value)
_erasers = []  # (order, erase(user, counts) -> ids of images to delete with the account)


def export_section(key, export, *, order):
    """`export(user, request, pages)` reads what the app holds for `user`, names the pages it
    points at (`pages.want(ids)`, an `accounts.data.PagesDescribed`) and returns `rows()`, which
    gives the member's `key` in their download once every part has named its pages."""
    if all(registered != key for _, registered, _ in _sections):
        _sections.append((order, key, export))
        _sections.sort(key=lambda entry: entry[0])


def eraser(erase, *, order):
    """`erase(user, counts)` deletes or anonymises what the app holds for `user` (counting in
    `counts`) and returns the ids of images that go with it; lower orders run first."""
    if all(registered is not erase for _, registered in _erasers):
        _erasers.append((order, erase))
        _erasers.sort(key=lambda entry: entry[0])


def sections():
    """(key, export) for every part of a member's download, in order."""
    return [(key, export) for _, key, export in _sections]


def erase_all(user, counts):
    image_ids = set()
    for _, erase in _erasers:
        image_ids |= erase(user, counts) or set()
    return image_ids
