# The portal's everyday commands. `make run` and `make test` are the two the README
# promises: each installs what it needs into .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: install install-dev run test fuzz lint migrations-check bench clean

# Runtime dependencies from the lock file, into a virtual environment of the project's own.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# The quick start: SQLite, tasks in-process, the demo data, the portal on :$(PORT).
run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo_data --site-url http://127.0.0.1:$(PORT)
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite: lint, migrations, unit, API, staff, portal, report worker, browser.
test: install-dev
	./scripts/test.sh

# Deeper API fuzzing on demand: schemathesis over every operation, FUZZ_EXAMPLES (200)
# examples each plus the stateful links, on a throw-away SQLite database with the demo
# data; prints the count of server errors and schema mismatches (both must be 0).
FUZZ_EXAMPLES ?= 200
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) scripts/fuzz.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

migrations-check: install-dev
	$(PY) manage.py makemigrations --check --dry-run

# The national benchmark, on PostgreSQL only: creates and fills the database if missing
# (generate_data --scale national --seed 42), loads gunicorn from a second process and
# writes docs/benchmarks.md. A few minutes once the data set exists.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/intl_relations_bench
bench: install
	DEBUG=true DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
