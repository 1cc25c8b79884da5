# The two commands of the README: `make run` and `make test`. `make bench` measures speed.
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := smartkreis.settings

.PHONY: run test bench setup lint messages

setup:
	@scripts/setup.sh

run: setup
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	DJANGO_DEBUG=1 $(PY) manage.py print_demo_logins
	@# The worker beside the server; whichever ends (Ctrl-C, an error), the other is stopped.
	DJANGO_DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:8000} $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DJANGO_DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:8000} $(PY) manage.py runserver 127.0.0.1:8000

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	@scripts/setup.sh --browser
	$(VENV)/bin/pytest

# `make bench LOAD=1`: instead, the load test (50 users for 60 s against gunicorn on PostgreSQL).
# `make bench SIZE=land`: the pages on the county and on a Land (31 counties, 50,000
# initiatives) side by side, on PostgreSQL.
bench: setup
	$(PY) manage.py run_bench $(if $(LOAD),--load) $(if $(SIZE),--size $(SIZE))

# Extract and compile the German translations of every app with a locale folder (needs GNU gettext).
APPS := $(patsubst %/locale,%,$(wildcard */locale))
messages: setup
	for app in $(APPS); do \
	  (cd $$app && mkdir -p locale && ../$(PY) ../manage.py makemessages -l de --no-obsolete \
	    && ../$(PY) ../manage.py compilemessages) || exit 1; \
	done
