"""gunicorn settings for production. Every value can be overridden from the environment."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle each worker now and then, so a slow leak never grows. Rarely: at a few hundred requests
# a second, every 2,000 requests meant a restart every few seconds and multi-second p95 spikes.
# The jitter (a tenth) keeps the workers from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", str(max_requests // 10)))
# Load Django once in the master and fork the workers from it: a recycled worker starts serving
# at once instead of importing Django, Wagtail and every app first. Nothing opens a database or
# Redis connection at import time, so no connection is shared between workers.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes", "on")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "forum_site.wsgi:application"

# Name no server software in responses. gunicorn 27 has no setting for its `Server` header: it
# drops the application's own and writes `gunicorn.http.wsgi.SERVER` ("gunicorn"), read afresh for
# each response (HTTP/1 and HTTP/2 alike), and gives the application SERVER_SOFTWARE
# ("gunicorn/<version>"). Both are set here, in the master before any worker is forked.
SERVER_HEADER = "London Listens"


def _name_no_server_software():
    import gunicorn.http.wsgi

    gunicorn.http.wsgi.SERVER = SERVER_HEADER
    gunicorn.http.wsgi.SERVER_SOFTWARE = SERVER_HEADER


def on_starting(server):
    _name_no_server_software()
    os.environ["SERVER_SOFTWARE"] = SERVER_HEADER
