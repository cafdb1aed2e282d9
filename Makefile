# twinplan — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# apt waits for another apt (unattended upgrades, a parallel job) instead of failing.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq

.PHONY: run serve-prod bench test lint typecheck contracts pytest system-deps browser-deps gettext-deps \
	pdf-deps html-checker-deps \
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
run: install messages pdf-deps
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
serve-prod: install messages pdf-deps
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "twinplan (production settings) serves on http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config config/gunicorn.py --bind $(HOST):$(PORT)

# Speed against the floor of every page (scripts/bench.py, docs/performance.md), outside
# the test suite: generates or reuses the bench networks (SQLite under var/, or
# DATABASE_URL), then prints one row per figure. `make bench QUICK=1` takes minutes once
# the networks exist; `make bench QUICK=1 BENCH_ONLY=partnership,api` measures a subset
# (the keys are listed in scripts/bench.py); BENCH_PORT for the load test's server.
bench: install messages pdf-deps
	QUICK=$(QUICK) $(BIN)/python scripts/bench.py

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

# What the PDF documents need from Debian, installed when missing and we are root:
# WeasyPrint's Pango (with HarfBuzz's subsetter) and the Noto fonts, which cover every
# script of the content languages (Latin with Vietnamese, Cyrillic, Greek, Arabic, Hebrew
# …); WeasyPrint embeds the glyphs it uses.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
pdf-deps:
	@missing=""; for package in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    $(APT_GET) update && $(APT_GET) install -y $$missing >/dev/null; \
	  else \
	    echo "Missing for PDF documents:$$missing; install them (apt-get install$$missing)."; \
	  fi; \
	fi

# The Nu HTML Checker for the HTML test (twinplan/public/tests/test_html_validity.py): a
# Java runtime from Debian when missing and we are root, and vnu.jar from the npm package
# vnu-jar (MIT), too large to commit (32 MB), fetched from the npm registry into .venv/
# once, pinned by version and sha256 of the package.
VNU_VERSION := 26.9.27
VNU_SHA256 := 5970d3ffca91a627cf0965e5d91bb2e4242307c29292998de0b419d6a901b2b7
VNU_JAR := $(VENV)/vnu-$(VNU_VERSION)/vnu.jar
html-checker-deps: $(VNU_JAR)
	@if ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    $(APT_GET) update && $(APT_GET) install -y default-jre-headless >/dev/null; \
	  else \
	    echo "java is missing; install it (apt-get install default-jre-headless) or the HTML check skips."; \
	  fi; \
	fi

$(VNU_JAR): | $(BIN)/python
	@mkdir -p $(dir $@)
	curl -fsSL -o $(dir $@)vnu-jar.tgz https://registry.npmjs.org/vnu-jar/-/vnu-jar-$(VNU_VERSION).tgz
	echo "$(VNU_SHA256)  $(dir $@)vnu-jar.tgz" | sha256sum --check --quiet
	tar -xzf $(dir $@)vnu-jar.tgz -C $(dir $@) --strip-components=3 package/build/dist/vnu.jar
	tar -xzf $(dir $@)vnu-jar.tgz -C $(dir $@) --strip-components=1 package/LICENSE
	rm $(dir $@)vnu-jar.tgz

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

# The suite runs in PYTEST_WORKERS processes (pytest-xdist; `auto`: one per core), each
# with its own test database; a worker that is done takes tests from the others.
PYTEST_WORKERS ?= auto
pytest: install-dev browser-deps messages pdf-deps html-checker-deps
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

test: lint typecheck contracts pytest
