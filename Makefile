# London Listens: `make run` to try it, `make test` to check it. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Where `make run` serves the site; links in e-mails and feeds follow it (`make run PORT=8001`).
PORT ?= 8000
SITE_DOMAIN ?= 127.0.0.1:$(PORT)
export SITE_DOMAIN

.DEFAULT_GOAL := help

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime ## Create the virtual environment and install pinned requirements

install-dev: $(VENV)/.dev ## Also install the test and lint tools

demo: install ## Migrate the SQLite database and load the demo content (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data

run: demo ## Set everything up and serve the site with demo content on http://127.0.0.1:8000/ (PORT=8001 for another port)
	$(MANAGE) runserver $(SITE_DOMAIN)

# On every core (pytest-xdist; a module's tests stay on one worker, each worker has its own database).
test: install-dev ## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
	$(BIN)/pytest -q -n auto --dist loadfile

test-browser: install-dev ## Run only the real-browser tests (needs Debian's chromium; gets axe-core with npm)
	@[ -f node_modules/axe-core/axe.min.js ] || ! command -v npm >/dev/null || npm ci --no-audit --no-fund
	$(BIN)/pytest -q -m browser tests/browser

# Every templates folder (the project's and each app's); djhtml reads only the .html files in them.
TEMPLATE_DIRS := templates $(wildcard */templates)

lint: install-dev ## ruff check, ruff format --check, the import contracts (lint-imports) and template indentation (djhtml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)

format: install-dev ## Fix what ruff can and format the code and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)

check: install-dev ## Django's system checks and the missing-migrations check
	DJANGO_SETTINGS_MODULE=forum_site.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=forum_site.settings.test $(MANAGE) makemigrations --check --dry-run

bench: install-dev ## Benchmarks on local PostgreSQL + Redis, not in CI: queries, wrk load, search; writes bench/RESULTS.md
	@command -v wrk >/dev/null || { echo "bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(BIN)/python bench/prepare.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/report.py

bench-mixed: install-dev ## Mixed load with locust (own venv bench/.venv), 50 members + 2 moderators for 60 s; fails if anything is lost
	test -x bench/.venv/bin/pip || $(PYTHON) -m venv bench/.venv || python3 -m venv bench/.venv
	bench/.venv/bin/pip install -q -r bench/requirements-mixed.txt
	$(BIN)/python bench/mixed.py $(MIXED_ARGS)

PROD_DB ?= londonlistens_prod
serve-prod: install ## Run gunicorn + task worker on local PostgreSQL and Redis, as production does
	psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$(PROD_DB)'" | grep -q 1 \
		|| psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE "$(PROD_DB)"'
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(PROD_DB) REDIS_URL=redis://127.0.0.1:6379/1 \
	TASKS_BACKEND=database SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false BIND=127.0.0.1:8000 \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend scripts/serve-prod.sh

clean: ## Remove the virtual environment, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles

.PHONY: help install install-dev demo run test test-browser lint format check serve-prod bench bench-mixed clean
