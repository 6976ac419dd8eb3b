"""No test inherits another's rate-limit counts (tests/conftest.py `_no_limits_used`): these run in
order, and the second fails if the first one's posts still count."""

import pytest

from core import ratelimit
from moderation.moderator import POSTING_LIMITS

WHO = "the-same-account-in-both-tests"


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_with_the_whole_posting_allowance(turn, settings):
    settings.COMMENT_RATE_LIMIT_PER_MINUTE = 2
    limit = POSTING_LIMITS["comment"]
    assert limit.exceeded(WHO) is None
    limit.record(WHO)
    limit.record(WHO)
    assert limit.exceeded(WHO) is not None


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_with_redis_presumed_reachable(turn):
    assert not ratelimit.memory.down
    ratelimit.memory.down = True
