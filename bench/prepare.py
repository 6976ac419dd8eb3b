"""Build the load-test database `ll_bench`: the real page tree, 1,000 stories, 100 threads and
10,000 published comments, of which 1,000 on one story and 100 on another, none on a third.

    python bench/prepare.py          (make bench runs it)
"""

import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

STORIES, THREADS, COMMENTS = 1000, 100, 10_000
NAMED = (0, 100, 1000)  # comments on the stories the benchmarks request
THREAD_COMMENTS = 100


def main():
    started = time.monotonic()
    common.recreate_database(common.DB)
    common.manage("migrate", "--noinput", "-v", "0")
    common.manage("setup_site")
    common.manage("collectstatic", "--noinput", "-v", "0")
    common.django_setup()

    from bench import seed
    from stories.models import MemorialPage, StoryIndexPage

    rng = random.Random(8)
    people = seed.members(50)
    seed.members(1, prefix="reader")  # signed in, but has written nothing: bench/pages.signed_in_user
    stories = seed.stories(STORIES - len(NAMED), rng, people)
    named = seed.add_live_children(
        StoryIndexPage.objects.get(),
        [
            MemorialPage(
                title=f"Bench story with {n} comments",
                slug=f"bench-{n}-comments",
                owner=people[0],
                borough=stories[0].borough,
                body="<p>" + seed.words(rng, 200) + "</p>",
            )
            for n in NAMED
        ],
    )
    threads = seed.threads(THREADS, rng, people)
    placed = 0
    for story, n in zip(named, NAMED, strict=True):
        placed += len(seed.comments(story, n, rng, people))
    placed += len(seed.comments(threads[0], THREAD_COMMENTS, rng, people))
    pages = stories[: len(stories) // 2] + threads[1:]
    rest = COMMENTS - placed
    for i, page in enumerate(pages):
        share = rest // len(pages) + (1 if i < rest % len(pages) else 0)
        placed += len(seed.comments(page, share, rng, people))
    common.manage("update_index", "-v", "0")
    subprocess.run(["psql", f"{common.PG}/{common.DB}", "-qc", "ANALYZE"], check=True)  # noqa: S603, S607 - as autovacuum would
    common.save(
        "prepare",
        {
            "stories": STORIES,
            "threads": THREADS,
            "comments": placed,
            "thread_path": threads[0].url_path,
            "seconds": round(time.monotonic() - started, 1),
        },
    )
    print(f"ll_bench: {STORIES} stories, {THREADS} threads, {placed} comments in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
