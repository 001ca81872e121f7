#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
#
# Uses DATABASE_URL when it is set (CI sets PostgreSQL), else SQLite; the report-worker
# tests need PostgreSQL and Redis and the browser tests need Chromium: locally they are
# skipped when those are missing, in CI (CI=true) they fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN=${VENV_BIN:-.venv/bin}
export PATH="$PWD/$VENV_BIN:$PATH"
# pytest runs with the test settings (fast hasher, in-memory e-mail); the checks below
# import the settings outside pytest, so they name the development defaults.
export DEBUG=${DEBUG:-true}

step() { printf '\n== %s\n' "$*"; }

step "ruff check and format"
ruff check .
ruff format --check .

step "migrations are complete"
python manage.py makemigrations --check --dry-run

step "OpenAPI schema validates with no warning"
python manage.py spectacular --validate --fail-on-warn --file /dev/null

step "unit, API, admin, staff, portal, report and import tests (parallel)"
status=0
pytest -p no:cacheprovider -q -n "${PYTEST_WORKERS:-2}" -m "not browser and not celery_worker" \
    "$@" || status=$?

step "report through a real Celery worker on Redis, and browser tests in Chromium"
pytest -p no:cacheprovider -q -m "browser or celery_worker" "$@" || status=$?

exit $status
