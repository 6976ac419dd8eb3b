"""What each model's changes make stale: declared by the app that owns the model.

Each app says, in its `AppConfig.ready()`, what a change to its models makes stale:

    invalidation.declare(Candle, pages=lambda candle: [candle.memorial_id])
    invalidation.declare(Borough, site=True)
    invalidation.ignore(Follow, "a member's own follow state is read fresh; no shared copy shows it")

`caching/signals.py` is the only receiver: it looks a saved or deleted instance's class up
here (walking its bases, so a proxy or a page type finds its parent's rule, while
django_comments' base `Comment` needs a rule of its own) and bumps what the rule names.
Nothing else bumps versions. `tests/caching/test_invalidation_registry.py` fails when a
model that refers to a page or a comment is neither declared nor ignored.

This module imports no app of the project: apps tell it, it never asks them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save


@dataclass(frozen=True)
class Rule:
    # The pages whose own copies a change makes stale: instance -> iterable of page ids.
    pages: Callable[[Any], Any] | None = None
    # Every page that lists pages or their activity (home, stories, boroughs).
    listings: bool = False
    # What every page shows (support panel, borough names, members' names and badges).
    site: bool = False
    # (instance, signal, kwargs) -> bool: whether this change is one that pages show.
    when: Callable[..., bool] | None = None
    # Also on many-to-many changes of the instance's relations.
    m2m: bool = False
    # Named tags of views that are not pages (e.g. "organisations" for /what-changed/): instance -> tag names.
    tags: Callable[[Any], Any] | None = None


_rules = {}
_ignored = {}
_listing_pages = []


def declare(model, *, pages=None, listings=False, site=False, when=None, m2m=False, tags=None):
    """Say what a saved or deleted `model` instance makes stale (see the module docstring)."""
    _rules[model] = Rule(pages=pages, listings=listings, site=site, when=when, m2m=m2m, tags=tags)


def ignore(model, reason):
    """Say that changes to `model` change no page anyone is shown from a shared copy, and why."""
    if not reason:
        raise ValueError("say why a model's changes make nothing stale")
    _ignored[model] = reason


def rule_for(model):
    """The rule for a model: its own, else its nearest declared base's. None when ignored or unknown."""
    for klass in model.__mro__:
        if klass in _ignored:
            return None
        if klass in _rules:
            return _rules[klass]
    return None


def is_declared_or_ignored(model):
    return any(klass in _rules or klass in _ignored for klass in model.__mro__)


def declare_listing_pages(find):
    """`find(pages)` returns the live pages that list any of `pages` (for the CDN purge)."""
    _listing_pages.append(find)


def listing_pages_for(pages):
    found = []
    for find in _listing_pages:
        found += find(pages)
    return found


def what_is_stale(instance, signal, **kwargs):
    """(page ids, listings, site, named tags) that this change makes stale, or None."""
    rule = rule_for(type(instance))
    if rule is None or (signal not in (post_save, post_delete) and not rule.m2m):
        return None
    if rule.when is not None and not rule.when(instance, signal, kwargs):
        return None
    page_ids = [pk for pk in (rule.pages(instance) if rule.pages else ()) if pk]
    tags = list(rule.tags(instance)) if rule.tags else []
    if not (page_ids or rule.listings or rule.site or tags):
        return None
    return page_ids, rule.listings, rule.site, tags
