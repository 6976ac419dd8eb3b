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
        "borough page": thread.get_parent().url if thread else "/boroughs/lambeth/",
        "thread, 100 comments": thread.url if thread else None,
        "search": "/search/?q=remember+family",
    }


def signed_in_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="bench1@example.org")
