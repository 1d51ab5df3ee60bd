#!/usr/bin/env bash
# Make this machine ready to run the portal: system packages, PostgreSQL + PostGIS, Redis,
# the Python environment and the database. Safe to run again: it only does what is missing.
#   scripts/provision.sh            what `make run` needs
#   scripts/provision.sh --browser  plus Chromium for the browser tests (`make test`)
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BROWSER=0
[ "${1:-}" = "--browser" ] && WANT_BROWSER=1

DB_USER=${VSA_DB_USER:-vsa}
DB_PASSWORD=${VSA_DB_PASSWORD:-vsa}
PG_HOST=${VSA_PG_HOST:-127.0.0.1}
PG_PORT=${VSA_PG_PORT:-5432}

say() { printf '\033[1;35m==>\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  if [ $APT_UPDATED -eq 0 ]; then
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# psql runs as postgres from "/": the caller's directory (a home, a worktree) may be unreadable
# to postgres, which would print "could not change directory ... Permission denied".
as_postgres() {
  (
    cd / || exit 1
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
  )
}

postgres_answers() { command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

redis_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/6379" && printf 'PING\r\n' >&3 && read -r -t 2 line <&3 && [[ $line == +PONG* ]]) 2>/dev/null
}

# --- PostgreSQL -----------------------------------------------------------------------------
if ! postgres_answers; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  say "Starting PostgreSQL"
  for version in $(ls /etc/postgresql); do
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  done
  for _ in $(seq 1 30); do postgres_answers && break; sleep 1; done
  postgres_answers || { echo "PostgreSQL does not answer on $PG_HOST:$PG_PORT" >&2; exit 1; }
fi
PG_MAJOR=$(as_postgres psql -Atqc "SHOW server_version_num" | awk '{print int($1 / 10000)}')

# --- System libraries: PostGIS for the running PostgreSQL, GDAL/GEOS/PROJ for GeoDjango -----
packages=("postgresql-${PG_MAJOR}-postgis-3" gdal-bin)
[ $WANT_BROWSER -eq 1 ] && packages+=(chromium fonts-dejavu-core)
apt_install "${packages[@]}"

# --- Redis ------------------------------------------------------------------------------------
if ! redis_answers; then
  command -v redis-server >/dev/null || apt_install redis-server
  say "Starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 10); do redis_answers && break; sleep 1; done
  redis_answers || { echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1; }
fi

# --- uv and the virtualenv --------------------------------------------------------------------
export PATH="$HOME/.local/bin:$PATH"
if ! command -v uv >/dev/null; then
  say "Installing uv"
  if ! python3 -m pip install --user --quiet uv 2>/dev/null; then
    apt_install python3-venv
    python3 -m venv "$HOME/.local/share/uv-bootstrap"
    "$HOME/.local/share/uv-bootstrap/bin/pip" install --quiet uv
    mkdir -p "$HOME/.local/bin"
    ln -sf "$HOME/.local/share/uv-bootstrap/bin/uv" "$HOME/.local/bin/uv"
  fi
fi
say "Python environment (.venv) from uv.lock"
uv sync --frozen --quiet

# The database of the territory folder (TERRITORY_DIR, Vaucluse's by default): each territory
# has its own (territories/README.md).
DB_NAME=${VSA_DB_NAME:-$(.venv/bin/python -c 'from territory.folder import database_name; print(database_name())')}

# --- Database role, database, PostGIS, and the template the test databases are copied from ---
say "Database $DB_NAME (role $DB_USER) with PostGIS"
as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$DB_USER', '$DB_PASSWORD')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '${DB_NAME}_template', '$DB_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${DB_NAME}_template') \gexec
SQL
for database in "$DB_NAME" "${DB_NAME}_template"; do
  as_postgres psql -q -d "$database" -c "CREATE EXTENSION IF NOT EXISTS postgis" 2>&1 | grep -v NOTICE || true
done
as_postgres psql -q -c "ALTER DATABASE ${DB_NAME}_template IS_TEMPLATE true"

if [ $WANT_BROWSER -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "Chromium is missing at /usr/bin/chromium" >&2
  exit 1
fi
say "Ready: PostgreSQL $PG_MAJOR + PostGIS, Redis, $(.venv/bin/python --version)"
