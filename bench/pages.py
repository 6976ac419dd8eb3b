"""The pages every benchmark requests (`ll_bench`, as `bench/prepare.py` seeds it)."""


def pages():
    from boroughs.models import ThreadPage

    thread = ThreadPage.objects.filter(slug="thread-0").first()
    return {
        "home": "/",
        "stories list": "/stories/",
        "story, 0 comments": "/stories/bench-0-comments/",
        "story, 100 comments": "/stories/bench-100-comments/",
        "story, 1,000 comments": "/stories/bench-1000-comments/",
        # The last page of its responses (334 conversations, 25 a page): the deepest slice.
        "story 1,000, last page": f"/stories/bench-1000-comments/?responses={last_responses_page(1000)}",
        "borough page": thread.get_parent().url if thread else "/boroughs/lambeth/",
        "thread, 100 comments": thread.url if thread else None,
        "search": "/search/?q=remember+family",
    }


def last_responses_page(comments):
    """The last page of responses of a story seeded with `comments` (bench/seed.py: one in three top-level)."""
    from moderation.responses_pages import RESPONSES_PER_PAGE

    conversations = (comments + 2) // 3
    return max(1, (conversations - 1) // RESPONSES_PER_PAGE + 1)


def signed_in_user():
    """A member reading: signed in, with nothing of their own on the pages measured (most readers)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="reader0@example.org")


def responder_user():
    """A member who has written on the pages measured (bench/prepare.py: one of the 50 authors)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="bench1@example.org")
