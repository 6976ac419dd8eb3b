"""How many comments (or new threads) one account may post: per minute and per day.

Fixed windows counted in Django's cache, so they hold across processes once the cache
is Redis. Only accepted posts count; a refused one does not use up the allowance.
"""

import time

from django.conf import settings
from django.core.cache import cache


def _keys(user, action):
    now = int(time.time())
    return (
        (f"ratelimit:{action}:{user.pk}:minute:{now // 60}", 60, settings.COMMENT_RATE_LIMIT_PER_MINUTE, "minute"),
        (f"ratelimit:{action}:{user.pk}:day:{now // 86400}", 86400, settings.COMMENT_RATE_LIMIT_PER_DAY, "day"),
    )


def limit_reached(user, action="comment"):
    """ "minute" or "day" when the allowance for that window is used up, else None."""
    for key, _timeout, limit, window in _keys(user, action):
        if cache.get(key, 0) >= limit:
            return window
    return None


def record(user, action="comment"):
    for key, timeout, _limit, _window in _keys(user, action):
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
