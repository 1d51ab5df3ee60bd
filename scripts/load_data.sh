#!/usr/bin/env bash
# Migrate, then load the territory's reference data and the labelled demo content.
# Every step is idempotent: running it again changes nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-vsa_portal.settings.dev}
manage() { .venv/bin/python manage.py "$@"; }

manage migrate --no-input -v 0
manage load_portal_data
