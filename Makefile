# VP-Academie: `make run` and `make test` on a fresh machine with Python 3.11, Node.js and npm.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL and Redis for `make test-services` (the local services by default).
SERVICES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/vpacademie
SERVICES_REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=

.PHONY: run run-production nginx test test-services setup setup-test browser migrate clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is nodig ($(PYTHON) niet gevonden)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base-installed: $(BIN)/python requirements/base.txt requirements/constraints.txt
	$(BIN)/pip install --quiet -r requirements/base.txt -c requirements/constraints.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.base-installed requirements/test.txt requirements/production.txt requirements/constraints.txt
	$(BIN)/pip install --quiet -r requirements/test.txt -c requirements/constraints.txt
	touch $@

# h5p-standalone and similar run install scripts that need the network: --ignore-scripts.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup: $(VENV)/.base-installed node_modules/.installed

setup-test: $(VENV)/.test-installed node_modules/.installed

migrate: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo

# daphne in front; the django-tasks worker for intervisie reminders beside it, stopped with it.
run: migrate
	@echo "VP-Academie draait op http://$(HOST):$(PORT) (demo-accounts: zie README.md)"
	$(BIN)/python manage.py db_worker --backend intervisie & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/daphne -b $(HOST) -p $(PORT) --websocket_timeout 86400 lms.asgi:application

# The production topology on this machine (docs/deployment.md): nginx on HTTP_PORT in front of WORKERS daphne
# workers, the local PostgreSQL and Redis, and the django-tasks db_worker, under supervisord.
# seed_demo refuses to run with DEBUG off, so this site starts empty: create an account with createsuperuser.
HTTP_PORT ?= 8080
WORKERS ?= 2
run-production: setup-test nginx
	HTTP_PORT=$(HTTP_PORT) WORKERS=$(WORKERS) deploy/run_production.sh

# Debian's nginx for run-production and the production tests, when we may install it (root with apt-get).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "nginx ontbreekt: apt-get install nginx"; exit 1; fi; }

# Debian's Chromium for the browser tests, when we may install it (root with apt-get).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium ontbreekt: browsertests worden overgeslagen (apt-get install chromium)."; fi; }

# The whole suite on the embedded default; only the tests marked `services` need make test-services.
test: setup-test browser
	env -u DATABASE_URL -u REDIS_URL DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/pytest -m "not services" $(PYTEST_ARGS)

test-services: setup-test browser nginx
	DATABASE_URL=$${DATABASE_URL:-$(SERVICES_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(SERVICES_REDIS_URL)} \
	REDIS_PREFIX=vpacademie-test-$$$$ DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 var
