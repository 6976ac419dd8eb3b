#!/usr/bin/env bash
# Start London Listens as production runs it: migrate, build the page tree, collect static
# files, then gunicorn (web), `manage.py db_worker` (tasks) and `manage.py run_schedules --loop`
# (queues the periodic tasks: gathering reminders, bleed-kit checks) side by side. Ctrl-C stops all.
#
# Needs the production environment (see README "Deployment"). For a try-out on this machine:
#   make serve-prod     (uses the local PostgreSQL and Redis with throwaway secrets)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=forum_site.settings.production

"$PY" manage.py migrate --noinput
"$PY" manage.py setup_site
"$PY" manage.py collectstatic --noinput --verbosity 0

"$PY" manage.py db_worker --interval 0.2 &
worker=$!
"$PY" manage.py run_schedules --loop "${SCHEDULES_EVERY_SECONDS:-300}" &
scheduler=$!
"$PY" -m gunicorn --config gunicorn.conf.py &
web=$!
trap 'kill -TERM $web $worker $scheduler 2>/dev/null; wait $web $worker $scheduler 2>/dev/null' INT TERM EXIT
echo "serve-prod: web pid $web, worker pid $worker, scheduler pid $scheduler"
wait -n $web $worker $scheduler
