"""Queries per request for each benchmark page, anonymous and signed in, rendered (page cache
off) and from the anonymous page cache. Prints a table and saves bench/results/queries.json.

    python bench/queries.py          (after bench/prepare.py)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402


def count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm Wagtail's site cache and the connection
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


def main():
    common.django_setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from bench.pages import pages, signed_in_user

    cache.clear()
    member = Client()
    member.force_login(signed_in_user())
    rows = {}
    for name, url in pages().items():
        settings.PAGE_CACHE_SECONDS = 0
        anonymous, _ = count(Client(), url)
        signed_in, _ = count(member, url)
        settings.PAGE_CACHE_SECONDS = 300
        hit, response = count(Client(), url)
        rows[name] = {
            "url": url,
            "anonymous": anonymous,
            "signed_in": signed_in,
            "anonymous_cached": hit if response.get("X-Page-Cache") == "hit" else None,
        }
    print(f"{'page':24} {'anonymous':>10} {'signed in':>10} {'cache hit':>10}")
    for name, row in rows.items():
        cached = "-" if row["anonymous_cached"] is None else row["anonymous_cached"]
        print(f"{name:24} {row['anonymous']:>10} {row['signed_in']:>10} {cached:>10}")
    worst = max(max(r["anonymous"], r["signed_in"]) for r in rows.values())
    print(f"most queries on any page: {worst} (target: at most 15)")
    common.save("queries", rows)


if __name__ == "__main__":
    main()
