"""May this member post anything right now? Asked by every app that takes posts (a new
discussion, a comment), answered by moderation (sanctions, rate limits).

`boroughs` sits below `moderation`, so it asks here and moderation registers the answer from its
`AppConfig.ready()` (`register`). Until then nobody is refused and nothing is counted.
"""

_rules = {}


def register(*, refusal, record):
    """`refusal(user, action)`: a refusal (with `.message` and `.status`) or None;
    `record(user, action)`: count a post that was made."""
    _rules.update(refusal=refusal, record=record)


def posting_refusal(user, action):
    return _rules["refusal"](user, action=action) if _rules else None


def record_post(user, action):
    if _rules:
        _rules["record"](user, action=action)
