"""A mixed load that loses nothing (issue 18, item 4): members reading stories, threads and
search, lighting candles, following, posting responses and replies and reporting, while two
moderators approve what is held, against gunicorn on PostgreSQL + Redis with bench settings.

This script runs in Django's venv: it seeds `ll_mixed`, makes the sessions server-side, starts
gunicorn, runs locust (bench/mixed_locust.py) headless from bench/.venv, so gevent never patches
Django's process, then checks the database and the pages and exits non-zero if any check fails:
0 errors; every response the clients were answered 302 for is in the database exactly once (each
body carries a unique token), and none that was not; replies under their parent, in the order the
page shows; every approval seen by the next reader; p95 per page printed.

    make bench-mixed                      (50 members and 2 moderators for 60 s)
    python bench/mixed.py --users 10 --seconds 20
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.load import loadavg, wait_until_up  # noqa: E402

DB = os.environ.get("BENCH_MIXED_DB", "ll_mixed")
PORT = int(os.environ.get("BENCH_MIXED_PORT", "8766"))
BASE = f"http://127.0.0.1:{PORT}"
LOCUST = common.BENCH / ".venv" / "bin" / "locust"
STORIES, THREADS, MODERATORS = 20, 10, 2
common.REDIS = os.environ.get("BENCH_MIXED_REDIS", "redis://127.0.0.1:6379/8")


def prepare(members):
    """A small site: `members` residents (none with 3 approved responses yet, so theirs are held),
    two moderators who passed the second factor, stories and threads with a few responses each."""
    import random

    common.recreate_database(DB)
    common.manage("migrate", "--noinput", "-v", "0", db=DB)
    common.manage("setup_site", db=DB)
    common.manage("collectstatic", "--noinput", "-v", "0", db=DB)
    common.django_setup(DB)
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    cache.clear()  # nothing cached from an earlier run's database

    from bench import seed

    rng = random.Random(18)
    people = seed.members(members, prefix="mixed")
    moderators = seed.members(MODERATORS, prefix="mixedmod")
    for moderator in moderators:
        moderator.groups.add(Group.objects.get(name="Moderators"))
    authors = seed.members(5, prefix="mixedauthor")
    stories = seed.stories(STORIES, rng, authors, prefix="mixed-story")
    threads = seed.threads(THREADS, rng, authors, prefix="mixed-thread")
    for page in stories + threads:
        seed.comments(page, 4, rng, authors)
    common.manage("update_index", "-v", "0", db=DB)
    return {
        "members": [session(u) for u in people],
        "moderators": [session(u, second_factor=True) for u in moderators],
        "stories": [s.url for s in stories],
        "memorials": [s.pk for s in stories if type(s).__name__ == "MemorialPage"],
        "threads": [t.url for t in threads],
    }


def session(user, second_factor=False):
    """A session as signing in makes it (bench/load.py's session_cookie), and for a moderator the
    record of the second factor that production requires before any permission is granted."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from accounts.terms import SESSION_KEY as TERMS
    from accounts.terms import agreed_version

    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s[TERMS] = agreed_version(user)
    if second_factor:  # as tests/security/test_second_factor.py records it: what entering a code leaves
        from types import SimpleNamespace

        from allauth.account.internal.flows.login import record_authentication

        record_authentication(SimpleNamespace(session=s), user, "mfa", type="totp")
    s.create()
    return s.session_key


def run_locust(args, plan_path, out_path, csv_prefix):
    env = {
        **os.environ,
        "MIXED_PLAN": str(plan_path),
        "MIXED_OUT": str(out_path),
        "MIXED_SECONDS": str(args.seconds),
    }
    users = args.users + MODERATORS
    command = [
        str(LOCUST),
        "-f",
        str(common.BENCH / "mixed_locust.py"),
        "--headless",
        "--host",
        BASE,
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{args.seconds}s",
        "--stop-timeout",
        "15",
        "--csv",
        str(csv_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    return subprocess.run(command, env=env, cwd=common.BENCH, timeout=args.seconds + 120).returncode  # noqa: S603


def fetch(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as response:  # noqa: S310 - our own http://127.0.0.1 URL
        return response.read().decode()


def check(records, stats_rows):
    """Every check: a list of (name, passed, detail)."""
    from django_comments_xtd.models import XtdComment

    from moderation.models import CommentReview

    results = []
    requests = sum(int(r["Request Count"]) for r in stats_rows if r["Name"] != "Aggregated")
    failures = sum(int(r["Failure Count"]) for r in stats_rows if r["Name"] != "Aggregated")
    results.append(("0 errors", failures == 0, f"{failures} failed of {requests} requests"))

    posts = records["posts"]
    accepted = [p for p in posts if p["status"] == 302]
    refused = [p for p in posts if p["status"] != 302]
    rows = {}
    for pk, text in XtdComment.objects.filter(comment__contains="mixed-token-").values_list("pk", "comment"):
        rows.setdefault(re.search(r"mixed-token-[0-9a-f]+", text).group(0), []).append(pk)
    lost = [p["token"] for p in accepted if len(rows.get(p["token"], [])) == 0]
    duplicated = [t for t, pks in rows.items() if len(pks) > 1]
    wrong_pk = [p["token"] for p in accepted if rows.get(p["token"]) and rows[p["token"]] != [p["pk"]]]
    kept_though_refused = [p["token"] for p in refused if p["token"] in rows]
    answered = {p["token"] for p in accepted}
    unanswered = [t for t in rows if t not in answered]
    results.append(
        (
            "0 lost or duplicated responses",
            not (lost or duplicated or wrong_pk or kept_though_refused or unanswered),
            f"{len(accepted)} answered 302, {len(rows)} in the database; lost {len(lost)}, duplicated "
            f"{len(duplicated)}, other pk than the 302 named {len(wrong_pk)}, kept though refused "
            f"{len(kept_though_refused)}, in the database with no 302 {len(unanswered)}; "
            f"{len(refused)} refused by the rate limit ({sorted({p['status'] for p in refused})})",
        )
    )

    # Thread order: each reply under the response it answered, and every page's responses in the
    # order the database keeps threads (conversation, then position), as a visitor reads them now.
    bad_parent = []
    for p in accepted:
        if p["reply_to"] and p["pk"] in sum(rows.values(), []):
            c = XtdComment.objects.get(pk=p["pk"])
            parent = XtdComment.objects.get(pk=p["reply_to"])
            if c.parent_id != parent.pk or c.thread_id != parent.thread_id or c.level != parent.level + 1:
                bad_parent.append(p["pk"])
    out_of_order, pages_read = [], 0
    for path in sorted({p["page"] for p in accepted}):
        shown, n = [], 1
        while True:
            html = fetch(f"{path}?responses={n}")
            ids = [int(x) for x in re.findall(r'<li class="comment[^"]*" id="c(\d+)"', html)]
            shown += ids
            pages_read += 1
            if f"responses={n + 1}" not in html or not ids:
                break
            n += 1
        in_db = list(
            XtdComment.objects.filter(pk__in=shown).order_by("thread_id", "order").values_list("pk", flat=True)
        )
        if in_db != shown:
            out_of_order.append(path)
    for p in refused:
        print(f"refused post ({p['status']}): {p.get('message')}")
    results.append(
        (
            "thread order intact",
            not (bad_parent or out_of_order),
            f"{sum(1 for p in accepted if p['reply_to'])} replies, {len(bad_parent)} not under their parent; "
            f"{len(out_of_order)} of {len({p['page'] for p in accepted})} pages out of order ({pages_read} pages read)",
        )
    )

    approvals = records["approvals"]
    unseen = [a for a in approvals if not a["seen"]]
    approved = {a["pk"] for a in approvals}  # both moderators may approve the same row at once
    published = CommentReview.objects.filter(comment_id__in=approved, state="published").count()
    results.append(
        (
            "every approval seen by the next reader",
            bool(approvals) and not unseen and published == len(approved),
            f"{len(approvals)} approvals of {len(approved)} responses, {len(unseen)} not on the next visitor's "
            f"fresh page, {published} of them published in the database",
        )
    )
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50, help="simulated members (two moderators besides)")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args()
    if not LOCUST.exists():
        raise SystemExit("bench/mixed.py needs locust in bench/.venv: run `make bench-mixed`")

    started = time.monotonic()
    plan = prepare(args.users)
    common.RESULTS.mkdir(exist_ok=True)
    plan_path, out_path = common.RESULTS / "mixed-plan.json", common.RESULTS / "mixed-records.json"
    csv_prefix = common.RESULTS / "mixed"
    plan_path.write_text(json.dumps(plan))
    print(f"{DB}: seeded in {time.monotonic() - started:.0f} s", flush=True)

    env = common.environment(
        DB,
        BIND=f"127.0.0.1:{PORT}",
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_ACCESS_LOG="/dev/null",
        SECRET_KEY=os.environ["SECRET_KEY"],  # the sessions were made under it
    )
    log = open(common.RESULTS / "mixed-gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=common.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(BASE + "/")
        load_start = loadavg()
        code = run_locust(args, plan_path, out_path, csv_prefix)
        load_end = loadavg()
        records = json.loads(out_path.read_text())
        import csv

        with open(f"{csv_prefix}_stats.csv") as f:
            stats_rows = list(csv.DictReader(f))
        results = check(records, stats_rows)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"\n{args.users} members + {MODERATORS} moderators for {args.seconds} s (locust exit {code})")
    print(f"{'page':28} {'requests':>8} {'fails':>6} {'median':>7} {'p95 ms':>7} {'req/s':>7}")
    for r in stats_rows:
        print(
            f"{r['Name'][:28]:28} {r['Request Count']:>8} {r['Failure Count']:>6} {r['50%']:>7} {r['95%']:>7} "
            f"{float(r['Requests/s']):7.1f}"
        )
    print(f"load average at start {load_start}, at end {load_end}")
    for name, passed, detail in results:
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")
    common.save(
        "mixed",
        {
            "users": args.users,
            "seconds": args.seconds,
            "loadavg_start": load_start,
            "loadavg_end": load_end,
            "pages": {r["Name"]: {"requests": int(r["Request Count"]), "p95_ms": r["95%"]} for r in stats_rows},
            "checks": [{"name": n, "passed": p, "detail": d} for n, p, d in results],
        },
    )
    sys.exit(0 if all(passed for _, passed, _ in results) else 1)


if __name__ == "__main__":
    main()
