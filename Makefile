# Two commands for a newcomer: `make run` (demo on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1:8000

.PHONY: install run serve test lint bench load migrate demo worker beat messages clean docs-screens

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	@echo "Serving the demo on http://$(HOST)/ (logins above; Ctrl-C stops)"
	$(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/pytest

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

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
