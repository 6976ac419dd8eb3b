"""What every benchmark script shares: the environment it runs Django in, and where results go."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
DB = os.environ.get("BENCH_DB", "ll_bench")


def environment(db=DB, **extra):
    """Production settings against local PostgreSQL and Redis, plain HTTP on localhost."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{db}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"bench-{db}",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS_BACKEND": "immediate",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def django_setup(db=DB, **extra):
    os.environ.update(environment(db, **extra))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def recreate_database(db):
    for sql in (f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)', f'CREATE DATABASE "{db}"'):
        subprocess.run(["psql", PG + "/postgres", "-qc", sql], check=True)  # noqa: S603, S607 - our own SQL, local psql


def manage(*args, db=DB, **extra):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(db, **extra), check=True)  # noqa: S603


def save(name, data):
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))


def load(name):
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def pct(values, p):
    """The p-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]
