"""The production stack, started for real: gunicorn + whitenoise + db_worker on PostgreSQL and Redis.

Runs in the PostgreSQL pass of CI (DATABASE_URL=postgres://...); skipped on SQLite, since
production never runs on SQLite.
"""

import os
import re
import secrets
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="the production smoke test needs DATABASE_URL=postgres://..."
)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _fetch(url, headers=None):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own local server
        return response.status, dict(response.headers), response.read().decode()


@pytest.fixture(scope="module")
def prod_database():
    name = f"ll_smoke_{secrets.token_hex(4)}"
    admin_url = re.sub(r"/[^/]*$", "/postgres", DATABASE_URL)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield re.sub(r"/[^/]*$", f"/{name}", DATABASE_URL)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def prod_server(prod_database, tmp_path_factory):
    """Started once for the module: migrating a fresh database takes most of a minute."""
    tmp_path = tmp_path_factory.mktemp("serve-prod")
    if not _redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum_site.settings.production",
        "DATABASE_URL": prod_database,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "CACHE_KEY_PREFIX": f"smoke{port}",
        "TASKS_BACKEND": "database",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHON": os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python")),
    }
    if not Path(env["PYTHON"]).exists():
        env["PYTHON"] = "python"
    log = (tmp_path / "serve-prod.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "scripts" / "serve-prod.sh")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            _fetch(base + "/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                pytest.fail("serve-prod did not start:\n" + (tmp_path / "serve-prod.log").read_text()[-4000:])
            time.sleep(0.5)
    yield type("Server", (), {"url": base, "env": env, "log": tmp_path / "serve-prod.log"})
    process.terminate()
    process.wait(timeout=30)
    log.close()


def _manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [env["PYTHON"], "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def test_gunicorn_serves_pages_static_files_and_the_worker_drains_the_queue(prod_server):
    status, headers, home = _fetch(prod_server.url + "/")
    assert status == 200 and "London Listens" in home
    assert headers.get("Server") == "London Listens"  # gunicorn.conf.py: no server software named

    # whitenoise serves the hashed, compressed stylesheet with a far-future cache header.
    css_url = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
    status, headers, css = _fetch(prod_server.url + css_url, {"Accept-Encoding": "identity"})
    assert status == 200 and "--accent" in css
    assert "max-age=315360000" in headers["Cache-Control"]

    for path in ("/stories/", "/boroughs/", "/boroughs/southwark/", "/search/?q=anything"):
        assert _fetch(prod_server.url + path)[0] == 200

    # Publishing pages queues search-index tasks in the database; only the worker runs them,
    # so the story becomes findable once (and because) the worker has drained the queue.
    _manage(prod_server.env, "load_demo_data")
    deadline = time.monotonic() + 60
    while "Jordan Ellery-Example" not in _fetch(prod_server.url + "/search/?q=football")[2]:
        assert time.monotonic() < deadline, "the task worker never indexed the demo stories"
        time.sleep(0.5)
    counts = _manage(
        prod_server.env,
        "shell",
        "-c",
        "from django_tasks_db.models import DBTaskResult as R; "
        "print(R.objects.filter(status='SUCCESSFUL').count(), R.objects.exclude(status='SUCCESSFUL').count())",
    ).stdout.split()
    assert int(counts[0]) > 0


def test_production_uses_redis_for_the_cache(prod_server):
    out = _manage(
        prod_server.env,
        "shell",
        "-c",
        "from django.core.cache import caches; cache = caches['default']; cache.set('smoke', 'ok'); "
        "print(type(cache).__module__, cache.get('smoke'))",
    ).stdout
    assert "django_redis" in out and out.strip().endswith("ok")
