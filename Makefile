# Two commands for a newcomer: `make run` (demo on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Every machine installs the locked versions (requirements*.txt, with hashes); pyproject.toml keeps
# the ranges. `make upgrade` re-resolves the lock within them (docs/operations.md#upgrades).
LOCK_DEV  := requirements-dev.txt
LOCK_PROD := requirements.txt
STAMP  := $(VENV)/.installed-$(shell cat $(LOCK_DEV) | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000
# The build backend is locked too, so the editable install needs nothing from the index.
BUILD_REQS := setuptools>=69\nwheel
LOCK_ARGS  := --universal --python-version 3.11 --generate-hashes --quiet \
              --custom-compile-command "make upgrade"

.PHONY: install run serve test lint bench load migrate demo worker beat messages clean docs-screens \
        lock upgrade check-python audit

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Lotse needs Python 3.11 or newer (3.11, 3.12 and 3.13 are supported); this is " + sys.version.split()[0] + ". Set PYTHON=python3.12 or similar.")'

$(STAMP): $(LOCK_DEV) pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK_DEV)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@# A dependency added to pyproject.toml but not to the lock fails here, not in a test.
	$(BIN)/python -m pip check
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Links in the demo's e-mails and notifications point to the address actually served.
run: demo
	@echo "Serving the demo on http://$(HOST)/ (logins above; Ctrl-C stops)"
	NOTIFICATIONS_SITE_URL="$${NOTIFICATIONS_SITE_URL:-http://$(HOST)}" $(BIN)/python manage.py runserver $(HOST)

# PYTEST_ARGS narrows a run (CI's SQLite pass); `make test` alone runs everything.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	PYTHONPATH=platform:. $(BIN)/lint-imports

bench: install
	$(BIN)/python -m matching.bench

# The load test: gunicorn + a Celery worker on loopback against PostgreSQL (lotse_load) and
# Redis, locust for a bounded time, then the figures (docs/performance.md#load-test). The
# first run builds the data set (about 5 minutes). Not part of `make test`.
LOAD_ARGS ?= --duration 120 --users 60
load: install
	$(BIN)/python -m tests.load.run_load --build $(LOAD_ARGS)

# The user guide's screenshots (docs/guide/img/<language>/) come from the browser tests.
docs-screens: install
	LOTSE_SCREENS_DIR=docs/guide/img $(BIN)/pytest tests/browser -q

worker: install
	$(BIN)/celery -A lotse worker --loglevel=INFO

beat: install
	$(BIN)/celery -A lotse beat --loglevel=INFO

messages: install
	cd platform/lotse && ../../$(BIN)/python ../../manage.py makemessages -l de -l en --no-obsolete
	cd platform/lotse && ../../$(BIN)/python ../../manage.py compilemessages

# Known advisories for the locked packages (pip-audit, PyPI's advisory data). A package with a
# published vulnerability fails; where the advisory service cannot be reached (this build
# machine's registry mirror has none), pip-audit lists the packages it could not check and the
# target says so without failing: run it where the service is reachable (docs/operations.md).
audit: install
	$(BIN)/pip-audit --requirement $(LOCK_PROD) --no-deps --disable-pip --progress-spinner off

# `make lock` after editing pyproject.toml's dependencies: adds what is new, keeps every other pin.
# `make upgrade` re-resolves everything within the ranges (PACKAGE=django: only that one, e.g. for a
# security release), prints what changed and installs it. Commit the lock files after `make test`
# passes: an upgrade is a reviewed commit (docs/operations.md#upgrading-dependencies).
UPGRADE := $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade)
# Needs only uv from the venv, not a finished install: that one fails `pip check` as long as
# pyproject.toml names a package the lock lacks, which is what `make lock` is run to fix.
lock upgrade: | check-python
	@test -x $(BIN)/uv || $(MAKE) --no-print-directory install
	@cp $(LOCK_DEV) $(VENV)/lock-before.txt
	printf '$(BUILD_REQS)\n' | $(BIN)/uv pip compile pyproject.toml - $(LOCK_ARGS) \
	  $(if $(filter upgrade,$@),$(UPGRADE)) -o $(LOCK_PROD)
	printf '$(BUILD_REQS)\n' | $(BIN)/uv pip compile pyproject.toml - --extra dev $(LOCK_ARGS) \
	  $(if $(filter upgrade,$@),$(UPGRADE)) -o $(LOCK_DEV)
	@$(BIN)/python .ci/lock_diff.py $(VENV)/lock-before.txt $(LOCK_DEV)
	@$(MAKE) --no-print-directory install

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
