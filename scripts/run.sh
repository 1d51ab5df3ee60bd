#!/usr/bin/env bash
# Start the portal for development: web server, Celery worker and Celery beat.
# Stop everything with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-vsa_portal.settings.dev}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
mkdir -p var

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

.venv/bin/celery -A vsa_portal worker --loglevel=INFO --concurrency=2 >var/celery-worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A vsa_portal beat --loglevel=INFO --schedule=var/celerybeat-schedule \
  >var/celery-beat.log 2>&1 &
pids+=($!)

.venv/bin/python manage.py show_demo_accounts
cat <<TXT

  Portail :            http://$HOST:$PORT/
  Administration :     http://$HOST:$PORT/admin/
  Santé des services : http://$HOST:$PORT/healthz
  Journaux Celery :    var/celery-worker.log, var/celery-beat.log

TXT
.venv/bin/python manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)
wait "${pids[-1]}"
