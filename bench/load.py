"""Each benchmark page as a ratio to the ceiling view (`/bench/ceiling/`: base.html, no query)
measured right beside it, for a visitor, a signed-in reader and a member who has responded, in
several rounds so the spread shows (gunicorn, 2 workers, production settings, PostgreSQL + Redis,
wrk). The runs interleave: ceiling, page, ceiling, page, ..., ceiling, and each round's ratio is
the page over the mean of the two ceiling runs either side of it, so a change of load during the
run moves both. First, the same way, each ceiling against the floor (`/bench/floor/`: the session
and the member loaded, nothing rendered, an `HttpResponse` of one word; issue 18 wants the
signed-in ceiling at 60 % of it or more). Every round keeps /proc/loadavg as it was.
Saves results/load.json; bench/report.py turns it into RESULTS.md.

    python bench/load.py [--rounds 3] [--duration 5] [--connections 4]      (after bench/prepare.py)
    python bench/load.py --only ceilings --name before        (only the ceilings against the floor)
"""

import argparse
import os
import re
import statistics
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
FLOOR = "/bench/floor/"


def session_cookie(env, who="signed_in_user"):
    """A real session for a signed-in member (`bench.pages.<who>()`), made by the production session engine,
    holding what signing in puts there (the terms version they agreed to: accounts/terms.py)."""
    code = (
        "import django; django.setup();"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
        "from django.contrib.sessions.backends.cached_db import SessionStore;"
        f"from bench.pages import {who}; u = {who}(); s = SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend';"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash();"
        "from accounts.terms import SESSION_KEY as TERMS, agreed_version; s[TERMS] = agreed_version(u);"
        "s.create(); print(s.session_key)"
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


def spread(values):
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1]}


def loadavg():
    """The 1, 5 and 15 minute load averages, as /proc/loadavg has them now."""
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def measure(name, path, readers, args, reference=CEILING):
    """Each reader's rounds of this page, interleaved with runs of the matching ceiling.

    The machine is shared and noisy: a ratio to ceilings measured seconds before and after on the
    same cores is far steadier than a rate. Signed-in readers are compared with the ceiling view
    with a session and a member (what every signed-in request pays before the page does anything).
    `reference` is the view measured beside the page (the ceiling, or for a ceiling the floor);
    its rate is saved as `ceiling_rps` either way (the mean of the runs either side).
    """
    row = {"url": path, "reference": reference}
    for who, session in readers.items():
        ceiling_session = readers["anonymous" if who == "anonymous" else "signed_in"]

        def run(url, cookie):
            wrk(BASE + url, 1, args.connections, cookie)  # warm
            return wrk(BASE + url, args.duration, args.connections, cookie)

        before = run(reference, ceiling_session)
        rounds = []
        for _ in range(args.rounds):
            load_at_start = loadavg()
            page = run(path, session)
            after = run(reference, ceiling_session)
            ceiling_rps = (before["rps"] + after["rps"]) / 2
            rounds.append(
                {
                    **page,
                    "ceiling_rps": ceiling_rps,
                    "ceilings_rps": [before["rps"], after["rps"]],
                    "ratio": page["rps"] / ceiling_rps,
                    "load": load_at_start[0],
                    "loadavg": load_at_start,
                }
            )
            before = after
        row[who] = {
            "rounds": rounds,
            "ratio": spread([r["ratio"] for r in rounds]),
            "rps": spread([r["rps"] for r in rounds]),
            "p95_ms": spread([r["p95_ms"] for r in rounds]),
            "ceiling_rps": spread([r["ceiling_rps"] for r in rounds]),
            "errors": sum(int(r["errors"]) + int(r["non2xx"]) for r in rounds),
        }
        ratio = row[who]["ratio"]
        print(
            f"{name:24} {who:10} {row[who]['rps']['median']:8.1f} req/s  ratio {ratio['median']:6.1%} "
            f"({ratio['min']:.1%}-{ratio['max']:.1%} over {args.rounds})  p95 {row[who]['p95_ms']['median']:7.1f} ms  "
            f"errors {row[who]['errors']}  load {rounds[0]['load']:.1f}",
            flush=True,
        )
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page and reader (the spread needs 3+)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--max-requests", type=int, help="override gunicorn.conf.py's worker recycling (2000 requests)"
    )
    parser.add_argument("--name", default="load", help="results/<name>.json")
    parser.add_argument(
        "--only",
        help="a quick look: only the pages whose name contains this ('ceilings': only the ceiling against "
        "the floor; several, separated by |); saved only with --name",
    )
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds must be 3 or more: fewer shows no spread")

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
        only = args.only.split("|") if args.only else None
        ceilings = {}
        if not only or "ceilings" in only:
            signed_in = {"signed_in": readers["signed_in"]}
            ceilings["signed-in ceiling"] = measure("signed-in ceiling", CEILING, signed_in, args, reference=FLOOR)
            visitor = {"anonymous": None}
            ceilings["visitor ceiling"] = measure("visitor ceiling", CEILING, visitor, args, reference=FLOOR)
        results = {}
        for name, path in urls.items():
            if path and not (only and not any(part in name for part in only)):
                results[name] = measure(name, path, readers, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.only and args.name == "load":
        return  # a quick look never replaces the full run's figures
    common.save(
        args.name,
        {
            "duration": args.duration,
            "rounds": args.rounds,
            "connections": args.connections,
            "max_requests": args.max_requests or 2000,
            "loadavg_end": loadavg(),
            "ceilings": ceilings,
            "pages": results,
        },
    )


if __name__ == "__main__":
    main()
