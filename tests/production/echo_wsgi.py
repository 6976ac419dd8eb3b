"""A tiny WSGI application for tests/production/test_gunicorn_config.py: it answers with the
SERVER_SOFTWARE it was given and tries to send its own `Server` header."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Server", "echo-app")])
    return [environ.get("SERVER_SOFTWARE", "").encode()]
