"""What moderation announces, for whoever needs to hear it (notifications listens).

Moderation sits below notifications: it never calls them, it says what happened.
"""

from django.dispatch import Signal

# A comment has just become public (posted unheld, or approved): `review` (its CommentReview).
# Sent inside the saving transaction; a listener that sends mail waits for the commit.
comment_published = Signal()

# A member has just posted a comment, held or not: `comment`, `page`, `user`, and `follow`
# (they ticked "tell me about new responses"). Sent before `comment_published` for that comment.
comment_posted = Signal()
