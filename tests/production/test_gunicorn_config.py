"""gunicorn.conf.py, started for real with a tiny application: no response names gunicorn.

Needs no database, so it runs on SQLite too (the full production stack is test_serve_prod.py).
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .test_serve_prod import _free_port

ROOT = Path(__file__).resolve().parents[2]


def test_responses_name_no_server_software(tmp_path):
    port = _free_port()
    env = {**os.environ, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1", "GUNICORN_PRELOAD": "false"}
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own config, a test application
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.production.echo_wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:  # noqa: S310
                    server, body = response.headers.get_all("Server"), response.read().decode()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
    assert server == ["London Listens"]
    assert "gunicorn" not in body.lower() and body == "London Listens"
