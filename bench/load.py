"""Requests per second and median / 95th-percentile latency under gunicorn (2 workers,
production settings, PostgreSQL + Redis) for each benchmark page, anonymous and signed in,
with wrk; and the same for `/bench/ceiling/` (base.html, no query). Saves results/load.json.

    python bench/load.py [--duration 10] [--connections 4]      (after bench/prepare.py)
"""

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
CEILING = "/bench/ceiling/"


def session_cookie(env, who="signed_in_user"):
    """A real session for a signed-in member (`bench.pages.<who>()`), made by the production session engine."""
    code = (
        "import django; django.setup();"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
        "from django.contrib.sessions.backends.cached_db import SessionStore;"
        f"from bench.pages import {who}; u = {who}(); s = SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=common.ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def page_urls(env):
    code = "import django; django.setup(); import json; from bench.pages import pages; print(json.dumps(pages()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=common.ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert out.returncode == 0, out.stderr
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_until_up(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own http://127.0.0.1 URL
                return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url}")


def wrk(url, duration, connections, cookie=None):
    cmd = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(common.BENCH / "latency.lua"),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"RESULT (.*)", out)
    return {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--max-requests", type=int, help="override gunicorn.conf.py's worker recycling (2000 requests)"
    )
    parser.add_argument("--name", default="load", help="results/<name>.json")
    parser.add_argument("--only", help="a quick look: only the pages whose name contains this (not saved)")
    args = parser.parse_args()

    env = common.environment(BIND=f"127.0.0.1:{PORT}", WEB_CONCURRENCY="2", GUNICORN_ACCESS_LOG="/dev/null")
    readers = {"anonymous": None, "signed_in": session_cookie(env), "responder": session_cookie(env, "responder_user")}
    urls = page_urls(env)
    log = open(common.RESULTS / "gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    if args.max_requests is not None:
        command += ["--max-requests", str(args.max_requests)]
    server = subprocess.Popen(  # noqa: S603 - our own command line
        command,
        cwd=common.ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(BASE + CEILING)
        results = {}
        for name, path in {"ceiling (base.html, no query)": CEILING, **urls}.items():
            if args.only and args.only not in name and path != CEILING:
                continue
            for who, session in readers.items():
                wrk(BASE + path, 2, args.connections, session)  # warm: workers, caches, connections
                row = wrk(BASE + path, args.duration, args.connections, session)
                results.setdefault(name, {"url": path})[who] = row
                print(
                    f"{name:30} {who:10} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:7.1f} ms  "
                    f"p95 {row['p95_ms']:7.1f} ms  errors {int(row['errors'])}  non-2xx {int(row['non2xx'])}",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.only:
        return
    ceiling = results["ceiling (base.html, no query)"]
    for row in results.values():
        for who in readers:
            # Against the anonymous ceiling, and against the ceiling for the same kind of request
            # (signed in: the ceiling view with a session and a member, as the page has them).
            same_kind = ceiling["signed_in" if who != "anonymous" else "anonymous"]["rps"]
            row[who]["ratio"] = round(row[who]["rps"] / ceiling["anonymous"]["rps"], 3)
            row[who]["ratio_same_kind"] = round(row[who]["rps"] / same_kind, 3)
    common.save(
        args.name,
        {
            "duration": args.duration,
            "connections": args.connections,
            "max_requests": args.max_requests or 2000,
            "pages": results,
        },
    )
    story = results["story, 1,000 comments"]
    print(
        f"story with 1,000 comments: anonymous {story['anonymous']['ratio']:.0%} of the ceiling (target 50 %), "
        f"signed in {story['signed_in']['ratio_same_kind']:.0%} of the signed-in ceiling (target 20 %; "
        f"{story['signed_in']['ratio']:.0%} of the anonymous one); a member who has responded there "
        f"{story['responder']['ratio_same_kind']:.0%}"
    )


if __name__ == "__main__":
    main()
