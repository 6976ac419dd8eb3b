"""Past one machine, on this machine: a PostgreSQL primary and a streaming replica, two gunicorn app
servers behind a small balancer, one shared Redis (docs/scaling.md, issue 18 item 6).

    .venv/bin/python -m bench.scaling          # prints the figures as JSON (about a minute)

1. Two throwaway clusters in a temporary directory, never the shared server: a primary made with
   `initdb` (wal_level=replica) and a replica from `pg_basebackup -R`, streaming from it, on free
   ports from 55432. Once the replica streams, the primary commits with
   `synchronous_commit=remote_apply`, so a commit returns only when the replica shows it.
2. `migrate`, `setup_site` and a few fictional members and a discussion (`seed`, run in Django).
3. Two gunicorn servers (A and B) with `DATABASE_REPLICA_URL`, so listings and search read the
   replica (forum_site/db_routers.py), and the balancer (bench/balancer.py) in front of both.
4. Checks: a response posted through A is seen by its author through B at once; the moderator's
   approval through A is seen through B at once by another member, by a visitor and by search
   (which reads the replica); the moderator's hide likewise. Listings and search are shown to
   read the replica (its transaction count rises), stories and threads the primary.
5. Replication lag: rows written asynchronously, polled on the replica; and the same with remote_apply.
6. Load through the balancer (members posting responses, readers reading listings and search)
   while server A is killed (SIGKILL, its whole process group): every response that got its
   302 is in the database, none twice.

Only local addresses are used. Raises `CannotRun` with the reason when a replica cannot be made here.
"""

import contextlib
import html.parser
import http.client
import http.cookies
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
REDIS_URL = os.environ.get("SCALING_REDIS_URL", "redis://127.0.0.1:6379/7")
DB = "londonlistens"
HOST = "127.0.0.1"
LOAD_SECONDS = float(os.environ.get("SCALING_LOAD_SECONDS", "12"))
WRITERS = 4
READERS = 2


class CannotRun(Exception):
    """A replica cannot be made on this machine; the message says why."""


# -- PostgreSQL: a primary and a streaming replica in a temporary directory ----------------------


def _pg_binaries():
    initdb = shutil.which("initdb") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None)
    if not initdb:
        raise CannotRun("initdb is not installed (PostgreSQL's server binaries are needed to make a replica)")
    bindir = Path(os.path.realpath(initdb)).parent
    found = {}
    for name in ("initdb", "pg_ctl", "pg_basebackup"):
        path = bindir / name
        found[name] = str(path) if path.exists() else shutil.which(name)
        if not found[name]:
            raise CannotRun(f"{name} is not installed beside {initdb}")
    return found


def _free_port(start):
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    raise CannotRun(f"no free port from {start}")


def _as_postgres(command):
    """initdb refuses to run as root: run the cluster as the `postgres` user then."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("runuser"):
        raise CannotRun("running as root without runuser: cannot start a cluster as the postgres user")
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # noqa: S603 - our own commands
    if result.returncode:
        raise RuntimeError(f"{command[0]} failed: {result.stderr[-2000:] or result.stdout[-2000:]}")
    return result


def _connect(port, dbname="postgres", **kwargs):
    import psycopg

    return psycopg.connect(host=HOST, port=port, user="postgres", dbname=dbname, autocommit=True, **kwargs)


class Clusters:
    """A primary and its streaming replica; stopped and deleted on exit."""

    def __enter__(self):
        self.bin = _pg_binaries()
        self.dir = Path(tempfile.mkdtemp(prefix="ll-scaling-"))
        if os.geteuid() == 0:
            try:
                shutil.chown(self.dir, "postgres", "postgres")
            except (LookupError, PermissionError) as error:
                raise CannotRun(f"running as root, and the postgres user cannot own a directory: {error}") from error
        self.primary_port = _free_port(55432)
        self.replica_port = _free_port(self.primary_port + 1)
        self.started = []
        try:
            self._make()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _make(self):
        primary, replica = self.dir / "primary", self.dir / "replica"
        _run(_as_postgres([self.bin["initdb"], "-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                           "--locale=C", "--no-sync"]))  # fmt: skip
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(
                "\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n"
                "synchronous_commit = on\nmax_connections = 60\nshared_buffers = 32MB\n"
            )
        self._start(primary, self.primary_port)
        _run(_as_postgres([self.bin["pg_basebackup"], "-h", HOST, "-p", str(self.primary_port), "-U", "postgres",
                           "-D", str(replica), "-R", "-X", "stream", "--no-sync"]))  # fmt: skip
        self._start(replica, self.replica_port)
        deadline = time.monotonic() + 20
        with _connect(self.primary_port) as conn:
            while not conn.execute("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'").fetchone():
                if time.monotonic() > deadline:
                    raise RuntimeError("the replica never started streaming")
                time.sleep(0.1)
            # From now on a commit returns once the replica has applied it (docs/scaling.md says why).
            conn.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")
            conn.execute("ALTER SYSTEM SET synchronous_commit = 'remote_apply'")
            conn.execute("SELECT pg_reload_conf()")
            conn.execute(f'CREATE DATABASE "{DB}"')
            conn.execute('CREATE DATABASE "probe"')

    def _start(self, datadir, port):
        options = f"-p {port} -k {self.dir} -c listen_addresses={HOST}"
        _run(_as_postgres([self.bin["pg_ctl"], "-D", str(datadir), "-l", str(self.dir / f"{port}.log"), "-w",
                           "-t", "30", "-o", options, "start"]))  # fmt: skip
        self.started.append(datadir)

    def url(self, port, db=DB):
        return f"postgres://postgres@{HOST}:{port}/{db}"

    def __exit__(self, *exc):
        for datadir in reversed(self.started):
            subprocess.run(  # noqa: S603 - our own cluster
                _as_postgres([self.bin["pg_ctl"], "-D", str(datadir), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


def replication_lag(clusters, samples=20):
    """Seconds from a commit on the primary to the row being readable on the replica."""
    figures = {}
    with _connect(clusters.primary_port, "probe") as primary, _connect(clusters.replica_port, "probe") as replica:
        primary.execute("CREATE TABLE IF NOT EXISTS probe (id serial PRIMARY KEY)")
        while not replica.execute("SELECT to_regclass('probe')").fetchone()[0]:
            time.sleep(0.005)
        for mode in ("local", "remote_apply"):
            primary.execute(f"SET synchronous_commit = {mode}")
            lags, commits, polls = [], [], []
            for _ in range(samples):
                started = time.perf_counter()
                row = primary.execute("INSERT INTO probe DEFAULT VALUES RETURNING id").fetchone()[0]
                committed = time.perf_counter()
                tries = 0
                while not replica.execute("SELECT 1 FROM probe WHERE id = %s", [row]).fetchone():
                    tries += 1
                lags.append(time.perf_counter() - started)
                commits.append(committed - started)
                polls.append(tries)
            figures[mode] = {
                "commit_ms_median": round(statistics.median(commits) * 1000, 2),
                "visible_on_replica_ms_median": round(statistics.median(lags) * 1000, 2),
                "visible_on_replica_ms_max": round(max(lags) * 1000, 2),
                "reads_that_missed_the_row": sum(polls),
            }
        lag = primary.execute("SELECT replay_lag FROM pg_stat_replication").fetchone()[0]
        figures["pg_stat_replication_replay_lag_ms"] = round(lag.total_seconds() * 1000, 3) if lag else 0.0
    return figures


# -- Django: the environment both app servers share -----------------------------------------------


def environment(clusters, **extra):
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_", "PYTEST"))},
        "DJANGO_SETTINGS_MODULE": "bench.scaling_settings",
        "DATABASE_URL": clusters.url(clusters.primary_port),
        "DATABASE_REPLICA_URL": clusters.url(clusters.replica_port),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"scaling-{uuid.uuid4().hex[:8]}",
        "SECRET_KEY": secrets.token_urlsafe(50),  # the same on every app server
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "immediate",
        "CONN_MAX_AGE": "0",
        "LOG_LEVEL": "WARNING",
        "COMMENT_RATE_LIMIT_PER_MINUTE": "10000",
        "COMMENT_RATE_LIMIT_PER_DAY": "100000",
        "WEB_CONCURRENCY": "2",
        **extra,
    }


def seed():
    """Run inside Django (`python -m bench.scaling seed`): fictional members, a discussion, sessions."""
    import django

    django.setup()
    from django.test import Client

    from tests.factories import ModeratorFactory, ThreadPageFactory, UserFactory

    def session(user):
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    people = {
        "author": UserFactory(profile_and_email__display_name="Ada Example (fictional)"),
        "reader": UserFactory(profile_and_email__display_name="Rory Example (fictional)"),
        "moderator": ModeratorFactory(profile_and_email__display_name="Mo Example (fictional)"),
    }
    people.update({f"writer{i}": UserFactory() for i in range(WRITERS)})
    thread = ThreadPageFactory(title="Keeping each other company (a fictional discussion)", owner=people["reader"])
    print(json.dumps({"thread": thread.url, "sessions": {name: session(user) for name, user in people.items()}}))


def manage(env, *args):
    return _run([PYTHON, "manage.py", *args], cwd=ROOT, env=env).stdout


class AppServer:
    def __init__(self, env, name, logdir):
        self.name = name
        self.port = _free_port(18000 if name == "A" else 18100)
        self.log = (logdir / f"gunicorn-{name}.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "BIND": f"{HOST}:{self.port}", "GUNICORN_ACCESS_LOG": str(logdir / f"access-{name}.log")},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed whole, master and workers
        )

    def wait(self, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"app server {self.name} did not start") from None
                time.sleep(0.2)

    def kill(self):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


# -- HTTP as a browser sends it --------------------------------------------------------------------


class Browser:
    """Cookies kept per person (sent to any server: the balancer may send them anywhere)."""

    def __init__(self, session=None):
        self.cookies = {"sessionid": session} if session else {}

    def request(self, port, method, path, data=None):
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers.update({
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{path}",
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
            })  # fmt: skip
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for key, morsel in http.cookies.SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(key, None)
                    else:
                        self.cookies[key] = morsel.value
        return response.status, response.getheader("Location"), text

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, data):
        return self.request(port, "POST", path, data)


class _FormFields(html.parser.HTMLParser):
    """The hidden and named inputs of the first form posting to `action`."""

    def __init__(self, action):
        super().__init__()
        self.action, self.fields, self._inside, self._done = action, {}, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self._done and attrs.get("action") == self.action:
            self._inside = True
        elif tag == "input" and self._inside and attrs.get("name") and attrs.get("type") not in ("checkbox", "submit"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self._inside:
            self._inside, self._done = False, True


def comment_form(browser, port, thread):
    status, _, page = browser.get(port, thread)
    assert status == 200, f"the discussion answered {status}"
    parser = _FormFields("/comments/post/")
    parser.feed(page)
    if "security_hash" not in parser.fields:
        raise RuntimeError("no response form on the discussion page")
    return {**parser.fields, "reply_to": "0", "nudged": "1", "send_anyway": "1"}


# -- The proof -------------------------------------------------------------------------------------


def _replica_transactions(clusters):
    with _connect(clusters.replica_port) as conn:
        return conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [DB]).fetchone()[0]


def _comment(clusters, text):
    with _connect(clusters.primary_port, DB) as conn:
        return conn.execute(
            "SELECT c.id, r.id FROM django_comments c LEFT JOIN moderation_commentreview r ON r.comment_id = c.id "
            "WHERE c.comment = %s",
            [text],
        ).fetchall()


def _wait_for_stats(read, before, settle=3.0):
    """Statistics reach pg_stat_database when each backend ends; wait a moment for the last."""
    deadline = time.monotonic() + settle
    value = read()
    while value == before and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


def consistency(clusters, a, b, people, thread):
    """A response and both moderation decisions, made through A, seen through B at once."""
    author, reader, visitor, moderator = (Browser(people.get(k)) for k in ("author", "reader", "visitor", "moderator"))
    checks = {}
    marker = "".join(chr(ord("a") + int(c, 16) % 26) for c in uuid.uuid4().hex[:10])  # a word search can index
    words = f"Sending you all warmth {marker}"
    form = comment_form(author, b, thread)
    status, location, _ = author.post(a, "/comments/post/", {**form, "comment": words})
    checks["posted_through_A"] = status == 302
    _, _, landed = author.get(b, urllib.parse.urlsplit(location).path + "?" + urllib.parse.urlsplit(location).query)
    checks["author_sees_it_through_B_at_once"] = words in landed
    checks["others_do_not_see_it_while_held"] = words not in reader.get(b, thread)[2]
    checks["visitors_do_not_see_it_while_held"] = words not in visitor.get(b, thread)[2]
    (comment_id, review_id), = _comment(clusters, words)  # fmt: skip

    moderator.get(a, "/admin/comment-moderation/")  # the queue hands out the CSRF cookie
    status, _, _ = moderator.post(a, "/admin/comment-moderation/act/", {"approve_one": str(review_id)})
    checks["approved_through_A"] = status == 302
    checks["approval_seen_through_B_by_a_member"] = words in reader.get(b, thread)[2]
    checks["approval_seen_through_B_by_a_visitor"] = words in visitor.get(b, thread)[2]
    query = urllib.parse.quote(words.split()[-1])
    # A result highlights the matched word; the search box only echoes it, so look for the highlight.
    found = f"<mark>{marker}</mark>"
    checks["approval_seen_through_B_in_search"] = found in visitor.get(b, f"/search/?q={query}")[2]

    status, _, _ = moderator.post(a, f"/comments/{comment_id}/hide/", {"next": thread})
    checks["hidden_through_A"] = status == 302
    checks["hide_seen_through_B_by_a_member"] = words not in reader.get(b, thread)[2]
    checks["hide_seen_through_B_by_a_visitor"] = words not in visitor.get(b, thread)[2]
    checks["hide_seen_through_B_in_search"] = found not in visitor.get(b, f"/search/?q={query}")[2]

    # Which database answered: listings and search the replica, the discussion the primary.
    before = _replica_transactions(clusters)
    for _ in range(5):
        visitor.get(b, thread)
        reader.get(b, thread)
    after_threads = _wait_for_stats(lambda: _replica_transactions(clusters), before, settle=1.5)
    for path in ("/boroughs/", "/stories/", f"/search/?q={query}"):
        reader.get(b, path)
    after_listings = _wait_for_stats(lambda: _replica_transactions(clusters), after_threads)
    checks["discussion_pages_read_the_primary"] = after_threads == before
    checks["listings_and_search_read_the_replica"] = after_listings > after_threads
    return checks


def load_with_a_kill(clusters, balancer, a, people, thread):
    """Members post and readers read through the balancer; A is killed a third of the way in."""
    results = {"posts": [], "reads": []}
    lock = threading.Lock()
    stop = time.monotonic() + LOAD_SECONDS
    browsers = {i: Browser(people[f"writer{i}"]) for i in range(WRITERS)}
    forms = {i: comment_form(browsers[i], balancer.port, thread) for i in range(WRITERS)}  # and the CSRF cookie

    def writer(i):
        browser = browsers[i]
        n = 0
        while time.monotonic() < stop:
            words = f"load writer{i} n{n} {uuid.uuid4().hex[:8]}"
            n += 1
            try:
                status = browser.post(balancer.port, "/comments/post/", {**forms[i], "comment": words})[0]
            except OSError:
                status = None
            with lock:
                results["posts"].append((status, words, time.monotonic()))

    def reader(i):
        browser = Browser(people["reader"] if i == 0 else None)
        paths = ["/boroughs/", thread, "/search/?q=company", "/stories/", "/"]
        n = 0
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += 1
            status, retried = None, False
            for attempt in range(2):  # a GET may be sent again: it changes nothing
                try:
                    status = browser.get(balancer.port, path)[0]
                except OSError:
                    status = None
                retried = attempt > 0
                if status == 200:
                    break
            with lock:
                results["reads"].append((status, retried, path))

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(LOAD_SECONDS / 3)
    killed_at = time.monotonic()
    a.kill()
    for t in threads:
        t.join()

    with _connect(clusters.primary_port, DB) as conn:
        stored = [row[0] for row in conn.execute("SELECT comment FROM django_comments WHERE comment LIKE 'load %'")]
    counts = {}
    for words in stored:
        counts[words] = counts.get(words, 0) + 1
    acknowledged = [words for status, words, _ in results["posts"] if status == 302]
    failed = [(status, words) for status, words, _ in results["posts"] if status != 302]
    return {
        "seconds": LOAD_SECONDS,
        "posts_sent": len(results["posts"]),
        "posts_acknowledged": len(acknowledged),
        "posts_during_the_kill_second": sum(1 for *_, at in results["posts"] if killed_at <= at < killed_at + 1),
        "posts_sent_after_the_kill": sum(1 for *_, at in results["posts"] if at >= killed_at),
        "posts_failed": {str(status): sum(1 for s, _ in failed if s == status) for status in {s for s, _ in failed}},
        "failed_posts_stored_anyway": sum(1 for _, words in failed if words in counts),
        "acknowledged_but_missing": sum(1 for words in acknowledged if words not in counts),
        "stored_twice": sum(1 for n in counts.values() if n > 1),
        "reads": len(results["reads"]),
        "reads_ok": sum(1 for status, *_ in results["reads"] if status == 200),
        "reads_retried": sum(1 for _, retried, _ in results["reads"] if retried),
        "reads_failed": [(status, path) for status, _, path in results["reads"] if status != 200],
        "balancer": {
            "sent": balancer.stats["sent"],
            "connections_refused_then_next_server": balancer.stats["skipped"],
            "failed_after_send_502": balancer.stats["failed_after_send"],
        },  # fmt: skip
        "killed_after_seconds": round(killed_at - started, 1),
    }


def run():
    """Everything above, torn down afterwards. Returns the figures and checks."""
    from bench.balancer import Balancer

    if subprocess.run(["redis-cli", "-u", REDIS_URL, "ping"], capture_output=True).returncode:  # noqa: S603, S607
        raise CannotRun(f"Redis is not answering at {REDIS_URL}")
    timings = {}
    began = time.monotonic()
    with Clusters() as clusters:
        timings["clusters_s"] = round(time.monotonic() - began, 1)
        figures = {"replication_lag": replication_lag(clusters)}
        env = environment(clusters)
        step = time.monotonic()
        manage(env, "migrate", "--noinput")
        timings["migrate_s"] = round(time.monotonic() - step, 1)
        manage(env, "setup_site")
        seeded = json.loads(_run([PYTHON, "-m", "bench.scaling", "seed"], cwd=ROOT, env=env).stdout.splitlines()[-1])
        timings["migrate_and_seed_s"] = round(time.monotonic() - step, 1)
        servers = [AppServer(env, name, clusters.dir) for name in ("A", "B")]
        balancer = None
        try:
            for server in servers:
                server.wait()
            a, b = servers
            balancer = Balancer([(HOST, a.port), (HOST, b.port)]).start()
            step = time.monotonic()
            figures["checks"] = consistency(clusters, a.port, b.port, seeded["sessions"], seeded["thread"])
            figures["load_with_a_killed"] = load_with_a_kill(
                clusters, balancer, a, seeded["sessions"], seeded["thread"]
            )
            timings["proof_s"] = round(time.monotonic() - step, 1)
        finally:
            if balancer:
                balancer.stop()
            for server in servers:
                server.stop()
    timings["total_s"] = round(time.monotonic() - began, 1)
    figures["timings"] = timings
    figures["load_average"] = os.getloadavg()
    return figures


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        seed()
    else:
        try:
            print(json.dumps(run(), indent=2))
        except CannotRun as reason:
            sys.exit(f"skipped: {reason}")
