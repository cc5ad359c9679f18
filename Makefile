# The two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes run side by side (pytest-xdist); `make test TEST_WORKERS=0` runs them in one.
# `--dist load` hands tests out one by one in pytest-django's order (database tests, then
# transactional ones, which flush the migrations' data), so each worker keeps that order.
TEST_WORKERS ?= auto
# The site's own URL in development (links in emails sent outside a request):
# the address `make run` serves, unless SITE_URL is set.
SITE_URL ?= http://$(HOST):$(PORT)
LANGUAGES := es fr ar

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres lint format messages compile demo migrate bench bench-scale bench-tools browsers screenshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# The virtual environment, rebuilt when a requirements file changes.
$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

compile: $(VENV)/.installed ## Compile the gettext catalogues in locale/
	$(MANAGE) compile_catalogues

migrate: $(VENV)/.installed ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (safe to run again)
	$(MANAGE) seed_demo

run: compile demo ## Install, migrate, load the demo and serve http://127.0.0.1:8000/ with a task worker (PORT=8201 for another port)
	SITE_URL=$(SITE_URL) $(MANAGE) devserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev compile ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

test-postgres: ## The same suite on the local PostgreSQL server
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(MAKE) test

lint: $(VENV)/.installed-dev ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed ## Extract interface strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext)
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES)) --ignore=.venv --ignore=tests --ignore=bench --no-obsolete --add-location=file
	$(MANAGE) compile_catalogues

browsers: ## Install Debian's Chromium for the browser tests (needs root)
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

screenshots: $(VENV)/.installed-dev compile ## PNGs of every page type at 390 and 1280px, English and Arabic, light and dark, in screenshots/ (needs Chromium)
	SCREENSHOTS=1 $(BIN)/pytest tests/browser/test_screenshots.py -q -p no:cacheprovider

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm; }
	npm ci --prefix bench --no-audit --no-fund --silent
	touch $@

bench-tools: bench/node_modules/.installed ## Install the benchmarks' tools: Lighthouse (npm) into bench/node_modules, Debian's wrk
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

bench: $(VENV)/.installed-dev bench-tools ## Run the benchmarks in bench/
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

bench-scale: $(VENV)/.installed-dev ## Pages, admin views, exports and commands at demo size, 10 % and 100x content on PostgreSQL (SCALES="0 0.1" for a quicker run)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench} $(BIN)/python bench/bench_scale.py --scales $(or $(SCALES),0 0.1 1)

clean: ## Remove the virtual environment, database and build output
	rm -rf $(VENV) db.sqlite3 .dev-cache/ static/ media/ bench/node_modules/
	find . -name '*.mo' -path './locale/*' -delete
