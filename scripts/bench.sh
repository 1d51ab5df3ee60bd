#!/usr/bin/env bash
# `make bench`: national-scale data in its own database, gunicorn with the production settings,
# every public page loaded from a separate process; writes bench-results/bench.md and .json.
# `make soak` (scripts/bench.sh soak): the same server under 50 concurrent clients for 60 s,
# then again with PostgreSQL restarted in the middle; writes bench-results/soak-*.md and .json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/provision.sh --browser

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'CREATE DATABASE vsa_bench TEMPLATE vsa_template OWNER vsa'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'vsa_bench') \gexec
SQL

export DJANGO_SETTINGS_MODULE=vsa_portal.settings.production
export DATABASE_URL=postgis://vsa:vsa@127.0.0.1:5432/vsa_bench
export SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 BENCH_QUERY_COUNT=1
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/5} CELERY_BROKER_URL=${BENCH_BROKER_URL:-redis://127.0.0.1:6379/6}
export CACHE_KEY_PREFIX=vsa-bench STATIC_ROOT=var/bench-static PORTAL_DEMO_CONTENT=1
export MAP_TILE_URL=/static/map/blank-tile.png
BENCH_PORT=${BENCH_PORT:-8100}
manage() { .venv/bin/python manage.py "$@"; }

manage migrate --no-input -v 0
manage load_territory > /dev/null
manage generate_demo_territory > /dev/null
manage generate_bench_data --rows "offres=${BENCH_OFFERS:-100000}" --facilities "${BENCH_FACILITIES:-5000}" \
  --rows "evenements=${BENCH_EVENTS:-20000}" --rows "logements=${BENCH_HOUSING:-20000}" | tail -5
manage collectstatic --no-input -v 0

mkdir -p var bench-results
.venv/bin/gunicorn vsa_portal.wsgi --bind "127.0.0.1:$BENCH_PORT" --workers 2 \
  --access-logfile /dev/null --error-logfile var/bench-gunicorn.log &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$BENCH_PORT/healthz" > /dev/null && break
  sleep 0.5
done
if [ "${1:-bench}" = "soak" ]; then
  soak() {
    .venv/bin/python scripts/soak.py --base "http://127.0.0.1:$BENCH_PORT" --out bench-results \
      --clients "${SOAK_CLIENTS:-50}" --seconds "${SOAK_SECONDS:-60}" "$@"
  }
  soak --name soak-steady --restart-postgres-at 0
  soak --name soak-postgres-restart --restart-postgres-at "${SOAK_RESTART_AT:-20}"
else
  .venv/bin/python scripts/bench.py --base "http://127.0.0.1:$BENCH_PORT" --out bench-results \
    --requests "${BENCH_REQUESTS:-40}"
fi
