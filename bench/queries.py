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

    from bench.pages import pages, responder_user, signed_in_user

    cache.clear()
    member = Client()
    member.force_login(signed_in_user())
    responder = Client()
    responder.force_login(responder_user())
    rows = {}
    for name, url in pages().items():
        settings.PAGE_CACHE_SECONDS = 0
        anonymous, _ = count(Client(), url)
        signed_in, _ = count(member, url)
        responded, _ = count(responder, url)
        settings.FRAGMENT_CACHE_SECONDS = 0  # nothing shared: the first reader after a change
        unshared, _ = count(member, url)
        settings.FRAGMENT_CACHE_SECONDS = 300
        settings.PAGE_CACHE_SECONDS = 300
        hit, response = count(Client(), url)
        rows[name] = {
            "url": url,
            "anonymous": anonymous,
            "signed_in": signed_in,
            "responder": responded,
            "signed_in_unshared": unshared,
            "anonymous_cached": hit if response.get("X-Page-Cache") == "hit" else None,
        }
    columns = ("anonymous", "signed_in", "responder", "signed_in_unshared")
    print(f"{'page':30} {'anonymous':>10} {'signed in':>10} {'responder':>10} {'unshared':>10} {'cache hit':>10}")
    for name, row in rows.items():
        cached = "-" if row["anonymous_cached"] is None else row["anonymous_cached"]
        print(f"{name:30} " + " ".join(f"{row[c]:>10}" for c in columns) + f" {cached:>10}")
    worst = max(max(r[c] for c in columns) for r in rows.values())
    print(f"most queries on any page: {worst} (target: at most 15)")
    common.save("queries", rows)


if __name__ == "__main__":
    main()
