"""Search benchmark (issue 5): seed N stories and N threads (plus N comments) in `ll_bench_search`
on PostgreSQL, index them with Wagtail's `update_index`, then time a fixed set of queries
through `/search/` (the whole page: search, merge, highlight, render). N = 1,000 then 10,000
(the same database, grown). Prints median and 95th percentile per N; saves results/search.json.

    python bench/search.py [--repeat 10]
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

DB = "ll_bench_search"
SIZES = (1000, 10_000)
QUERIES = [
    "remember",
    "knife crime",
    "youth club coach",
    "mother brixton",
    "justice court trial",
    "bleed-kit first-aid",
    "every day we miss you",
    "xyzzy nothing matches",
    '"unbalanced quote',
    "candle 🕯️ vigil",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    common.recreate_database(DB)
    common.manage("migrate", "--noinput", "-v", "0", db=DB)
    common.manage("setup_site", db=DB)
    common.manage("collectstatic", "--noinput", "-v", "0", db=DB)  # the page links hashed static files
    common.django_setup(DB, PAGE_CACHE_SECONDS="0")
    from django.test import Client

    from bench import seed

    rng = random.Random(5)
    people = seed.members(30)
    client = Client()
    results, seeded = {}, 0
    for n in SIZES:
        started = time.monotonic()
        batch = n - seeded
        seed.stories(batch, rng, people, prefix=f"s{n}")
        threads = seed.threads(batch, rng, people, prefix=f"t{n}")
        for thread in threads[: batch // 10]:
            seed.comments(thread, 10, rng, people, replies=False)
        seeded = n
        common.manage("update_index", "-v", "0", db=DB, PAGE_CACHE_SECONDS="0")
        subprocess.run(["psql", f"{common.PG}/{DB}", "-qc", "VACUUM ANALYZE"], check=True)  # noqa: S603, S607 - as autovacuum would
        seeding = time.monotonic() - started
        samples, per_query = [], {}
        for query in QUERIES:
            client.get("/search/", {"q": query})  # warm
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                response = client.get("/search/", {"q": query})
                times.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, (query, response.status_code)
            per_query[query] = round(statistics.median(times), 1)
            samples += times
        results[n] = {
            "stories": n,
            "threads": n,
            "comments": n,
            "median_ms": round(statistics.median(samples), 1),
            "p95_ms": round(common.pct(samples, 95), 1),
            "per_query_median_ms": per_query,
            "seed_and_index_seconds": round(seeding),
        }
        print(
            f"N = {n:>6,}: median {results[n]['median_ms']} ms, p95 {results[n]['p95_ms']} ms "
            f"({len(samples)} searches; seeded and indexed in {seeding:.0f} s)",
            flush=True,
        )
        for query, ms in per_query.items():
            print(f"    {query!r:28} {ms:8.1f} ms")
    common.save("search", {"repeat": args.repeat, "queries": QUERIES, "sizes": results})
    verdict = "met" if results[10_000]["median_ms"] < 50 else "MISSED"
    print(f"target: median under 50 ms at 10,000 stories: {verdict}")


if __name__ == "__main__":
    main()
