# twinplan — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# apt waits for another apt (unattended upgrades, a parallel job) instead of failing.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq

.PHONY: run serve-prod test lint typecheck contracts pytest system-deps browser-deps gettext-deps \
	messages install install-dev

# The virtual environment is rebuilt only when a requirements file changes.
$(BIN)/python: | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

# Serve the demo on http://$(HOST):$(PORT)/ with SQLite under var/ (or DATABASE_URL).
run: install messages
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "twinplan serves on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@# The task worker (background jobs such as machine translation) runs beside the server
	@# and stops with it.
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Serve with the production settings (docs/deployment.md): migrate, the shared cache table,
# collectstatic (hashed names), then gunicorn with WEB_CONCURRENCY workers (default: two
# per core plus one) on http://$(HOST):$(PORT)/ and the task worker beside it; both stop
# together. The environment holds the settings: TWINPLAN_SECRET_KEY, DATABASE_URL,
# TWINPLAN_ALLOWED_HOSTS, REDIS_URL, ...
serve-prod: export DJANGO_SETTINGS_MODULE := config.settings.production
serve-prod: install messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "twinplan (production settings) serves on http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config config/gunicorn.py --bind $(HOST):$(PORT)

# Debian's python3-venv (for `python3 -m venv`), installed when missing and we are root.
system-deps:
	@if ! $(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    $(APT_GET) update && $(APT_GET) install -y python3-venv >/dev/null; \
	  else \
	    echo "python3-venv is missing; install it (apt-get install python3-venv)."; \
	  fi; \
	fi

# Debian's chromium for the browser tests, installed when missing and we are root.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    $(APT_GET) update && $(APT_GET) install -y chromium >/dev/null; \
	  else \
	    echo "chromium is missing; install it (apt-get install chromium) or the browser tests skip."; \
	  fi; \
	fi

# Debian's gettext (msgfmt, xgettext) for the interface translations, installed when missing
# and we are root.
gettext-deps:
	@if ! command -v msgfmt >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    $(APT_GET) update && $(APT_GET) install -y gettext >/dev/null; \
	  else \
	    echo "msgfmt is missing; install it (apt-get install gettext) to compile the translations."; \
	  fi; \
	fi

# Compile the interface translations (twinplan/locale/*/LC_MESSAGES/django.po → .mo; the
# .mo files are not committed).
messages: install gettext-deps
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var

lint: install-dev
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy .

contracts: install-dev
	$(BIN)/lint-imports

pytest: install-dev browser-deps messages
	$(BIN)/pytest

test: lint typecheck contracts pytest
