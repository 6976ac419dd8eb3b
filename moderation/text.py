"""Moved to `core/comment_text.py` (discussions clean their opening post the same way, and
`boroughs` sits below `moderation`). Kept only for branches written before the move."""

from core.comment_text import clean_comment_text  # noqa: F401
