"""A small round-robin HTTP balancer for the two-server proof (bench/scaling.py), standard library only.

Why not haproxy or nginx: CI's machine may not have either, and the proof must run wherever the
test suite runs. This does only what the proof needs, and what a real balancer does by default:
- each request goes to the next server in turn;
- a server that refuses the connection is skipped and the request goes to the next one (safe to
  retry: nothing was sent), and it is marked down for `DOWN_SECONDS`;
- a server that fails *after* the request was sent gets a 502 back to the client, never a retry:
  a POST may already have been committed, and sending it again could post a response twice.
"""

import http.client
import http.server
import itertools
import threading
import time

DOWN_SECONDS = 2.0
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"}


class Balancer:
    def __init__(self, backends, port=0):
        self.backends = list(backends)  # [(host, port)]
        self._turn = itertools.cycle(range(len(self.backends)))
        self._down_until = {}
        self._lock = threading.Lock()
        self.stats = {"sent": {b[1]: 0 for b in self.backends}, "skipped": 0, "failed_after_send": 0}
        balancer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _proxy(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                for backend in balancer._order():
                    connection = http.client.HTTPConnection(*backend, timeout=30)
                    try:
                        connection.connect()
                    except OSError:
                        balancer._mark_down(backend)
                        continue
                    try:
                        connection.request(self.command, self.path, body=body, headers=headers)
                        response = connection.getresponse()
                        payload = response.read()
                    except OSError:
                        with balancer._lock:
                            balancer.stats["failed_after_send"] += 1
                        return self._answer(502, [], b"the app server failed while answering")
                    finally:
                        connection.close()
                    with balancer._lock:
                        balancer.stats["sent"][backend[1]] += 1
                    return self._answer(response.status, response.getheaders(), payload)
                return self._answer(503, [], b"no app server is up")

            def _answer(self, status, headers, payload):
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _proxy

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _order(self):
        """Every backend once, starting with the next in turn; those marked down go last."""
        with self._lock:
            start = next(self._turn)
            skipped = self.stats["skipped"]
            order = self.backends[start:] + self.backends[:start]
            now = time.monotonic()
            up = [b for b in order if self._down_until.get(b, 0) <= now]
            self.stats["skipped"] = skipped + (len(order) - len(up))
            return up + [b for b in order if b not in up]

    def _mark_down(self, backend):
        with self._lock:
            self._down_until[backend] = time.monotonic() + DOWN_SECONDS
            self.stats["skipped"] += 1

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
