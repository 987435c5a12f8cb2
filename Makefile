# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# This server's address in API responses, emailed links and the moderators' review links.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run install install-dev migrate demo test lint check bench bench-triage triage-eval import-eval clean

# The development server, and beside it the worker that sends its emails and webhooks (both stop
# together: Ctrl+C reaches both, and the worker is stopped whenever the server exits).
run: migrate demo
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: install
	$(BIN)/python manage.py load_demo --editor
	$(BIN)/python manage.py load_demo_comments

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .

# BENCH_QUICK=1: a small database and short runs (bench/README.md).
bench: install-dev
	BENCH_QUICK=$(BENCH_QUICK) $(BIN)/python bench/run.py

# The clinical-safety triage's CPU per comment, its load time and memory (bench/README.md).
bench-triage: install-dev
	$(BIN)/python bench/triage.py

# The clinical-safety triage's recall and false alarms on its labelled sets (evaluation/triage/):
# per category and per kind; fails under recall 0.95 or over a 0.05 false-positive rate.
triage-eval: install
	for set in evaluation/triage/*.csv; do $(BIN)/python manage.py triage_eval $$set || exit 1; done

# The Shopify import's text survival on the committed sample exports (fails if a word is lost).
import-eval: install
	$(BIN)/python evaluation/shopify/survival.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media .pytest_cache
