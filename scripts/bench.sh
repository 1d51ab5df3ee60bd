#!/usr/bin/env bash
# `make bench`: national-scale data in its own database, gunicorn with the production settings,
# every public page loaded from a separate process, then the Largest Contentful Paint of three
# pages in a throttled Chromium (scripts/lcp.py); writes bench-results/bench.md and .json.
# `make soak` (scripts/bench.sh soak): the same server under 50 concurrent clients for 60 s,
# then again with PostgreSQL restarted in the middle; writes bench-results/soak-*.md and .json.
# BASELINE=<commit> (make bench BASELINE=52953c0): that commit is built in a worktree
# (var/baseline-<commit>, its own virtualenv and database, its own generator at the same
# volumes), served beside the working tree, and every page that exists in both is measured on
# both in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/provision.sh --browser
export PATH="$HOME/.local/bin:$PATH"  # where provision.sh puts uv on a fresh machine

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
create_database() {
  as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE DATABASE $1 TEMPLATE vsa_template OWNER vsa'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$1') \gexec
SQL
}

export DJANGO_SETTINGS_MODULE=vsa_portal.settings.production
export SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 BENCH_QUERY_COUNT=1
export PORTAL_DEMO_CONTENT=1 MAP_TILE_URL=/static/map/blank-tile.png
# both trees sized alike, as gunicorn.conf.py sizes the deployment: 2 x cores + 1
export WORKERS=${BENCH_WORKERS:-$((2 * $(nproc) + 1))}
BENCH_PORT=${BENCH_PORT:-8100}
BASELINE_PORT=${BASELINE_PORT:-8101}
REDIS_BASE=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/5}
BROKER_BASE=${BENCH_BROKER_URL:-redis://127.0.0.1:6379/6}

# prepare DIR DATABASE [DIVISOR]: migrate, reference data and bench data with that tree's own
# generator, at the national volumes divided by DIVISOR (10 for the growth check)
prepare() {
  (
    cd "$1"
    export DATABASE_URL=postgis://vsa:vsa@127.0.0.1:5432/$2 STATIC_ROOT=var/bench-static
    manage() { .venv/bin/python manage.py "$@"; }
    manage migrate --no-input -v 0
    manage load_portal_data > /dev/null  # reference data (the aids catalogue too), demo content
    local d=${3:-1}
    if manage generate_bench_data --help | grep -q -- "--rows"; then
      manage generate_bench_data --rows "offres=$((${BENCH_OFFERS:-100000} / d))" \
        --facilities "$((${BENCH_FACILITIES:-5000} / d))" \
        --rows "evenements=$((${BENCH_EVENTS:-20000} / d))" \
        --rows "logements=$((${BENCH_HOUSING:-20000} / d))" \
        --rows "accompagnements=$((${BENCH_DOSSIERS:-50000} / d))" \
        --rows "aides=$((${BENCH_AIDS:-500} / d))" \
        --rows "remplacants=$((10000 / d))" | tail -8
    else  # an older generator (before the registry)
      manage generate_bench_data --offers "$((${BENCH_OFFERS:-100000} / d))" \
        --facilities "$((${BENCH_FACILITIES:-5000} / d))" \
        --events "$((${BENCH_EVENTS:-20000} / d))" | tail -5
    fi
    manage collectstatic --no-input -v 0
  )
}

pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
# serve DIR DATABASE PORT REDIS_URL PREFIX
serve() {
  (
    cd "$1"
    mkdir -p var
    DATABASE_URL=postgis://vsa:vsa@127.0.0.1:5432/$2 REDIS_URL=$4 CELERY_BROKER_URL=$BROKER_BASE \
      CACHE_KEY_PREFIX=$5 STATIC_ROOT=var/bench-static \
      exec .venv/bin/gunicorn vsa_portal.wsgi --bind "127.0.0.1:$3" --workers "$WORKERS" \
      --access-logfile /dev/null --error-logfile var/bench-gunicorn.log
  ) &
  pids+=($!)
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$3/healthz" > /dev/null && return 0
    sleep 0.5
  done
  echo "The server of $1 did not start: see $1/var/bench-gunicorn.log" >&2
  return 1
}

create_database vsa_bench
export REDIS_URL=$REDIS_BASE CELERY_BROKER_URL=$BROKER_BASE CACHE_KEY_PREFIX=vsa-bench
prepare . vsa_bench
serve . vsa_bench "$BENCH_PORT" "$REDIS_BASE" vsa-bench

# the growth check: the same tree on the data cut tenfold (10,000 offers beside 100,000)
TENTH_PORT=${TENTH_PORT:-8102}
create_database vsa_tenth_bench
prepare . vsa_tenth_bench 10
serve . vsa_tenth_bench "$TENTH_PORT" "$REDIS_BASE" vsa-bench-tenth
staff_cookie=$(DATABASE_URL=postgis://vsa:vsa@127.0.0.1:5432/vsa_bench \
  .venv/bin/python manage.py shell -c "$(cat scripts/bench_staff_session.py)" | tail -1)

baseline_args=()
also_on=()
if [ -n "${BASELINE:-}" ]; then
  tree="var/baseline-$BASELINE"
  [ -d "$tree" ] || git worktree add --detach "$tree" "$BASELINE"
  (cd "$tree" && uv sync --frozen --quiet)
  # the generators refuse a database whose name does not end in _bench
  database="vsa_baseline_$(echo "$BASELINE" | tr -c 'a-zA-Z0-9\n' '_')_bench"
  create_database "$database"
  prepare "$tree" "$database"
  serve "$tree" "$database" "$BASELINE_PORT" "$REDIS_BASE" "vsa-bench-baseline"
  baseline_args=(--baseline "http://127.0.0.1:$BASELINE_PORT")
  also_on=(--also-on "http://127.0.0.1:$BASELINE_PORT")
fi

# `scripts/bench.sh prepare`: the databases only (built, or brought up to date), nothing measured
[ "${1:-bench}" = "prepare" ] && exit 0
mkdir -p var bench-results
if [ "${1:-bench}" = "soak" ]; then
  soak() {
    .venv/bin/python scripts/soak.py --out bench-results --clients "${SOAK_CLIENTS:-50}" \
      --seconds "${SOAK_SECONDS:-60}" "$@"
  }
  # The same mix on both servers: paths drawn from this tree's sitemap, the families and
  # landing pages both answer (--also-on), the same seed for the steady run and the baseline.
  ours="http://127.0.0.1:$BENCH_PORT"
  soak --base "$ours" --name soak-steady --restart-postgres-at 0 --seed 1 "${also_on[@]}"
  if [ -n "${BASELINE:-}" ]; then
    soak --base "http://127.0.0.1:$BASELINE_PORT" --mix-from "$ours" --also-on "$ours" \
      --name soak-baseline --restart-postgres-at 0 --seed 1
  fi
  soak --base "$ours" --name soak-postgres-restart --seed 2 \
    --restart-postgres-at "${SOAK_RESTART_AT:-20}" "${also_on[@]}"
else
  .venv/bin/python scripts/bench.py --base "http://127.0.0.1:$BENCH_PORT" --out bench-results \
    --requests "${BENCH_REQUESTS:-40}" "${baseline_args[@]}" \
    --tenth "http://127.0.0.1:$TENTH_PORT" --staff-cookie "$staff_cookie"
  # Largest Contentful Paint under slow 4G, against the same server: adds `lcp` to bench.json
  .venv/bin/python scripts/lcp.py "http://127.0.0.1:$BENCH_PORT" --out bench-results
fi
