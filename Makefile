# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
export DEBUG ?= 1

.PHONY: run test test-fast bench bench-mdgp install browser migrate demo messages clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/klimapartner migrate --noinput

demo: migrate
	$(BIN)/klimapartner demo --if-empty

# The background worker runs beside the development server and stops with it.
run: demo
	$(BIN)/klimapartner db_worker --no-reload --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/klimapartner runserver $(HOST)

# The browser tests drive Debian's Chromium at /usr/bin/chromium; install it where it is missing, as .ci/run does.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@[ -x /usr/bin/chromium ] || { echo "Installing Chromium from Debian's packages for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: install browser
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -m "not browser and not slow"

# MDGPLIB instances from any folder (optional reference.csv: name,value,source), CPU-second limits:
#   make bench-mdgp MDGP=/path/to/mdgplib
MDGP ?= ../shared/data/mdgp
bench-mdgp: install
	$(BIN)/klimapartner bench matching --only mdgp --mdgp $(MDGP) --clock cpu

bench: install
	$(BIN)/klimapartner bench matching
	$(BIN)/klimapartner account bench
	$(BIN)/klimapartner bench directory
	$(BIN)/klimapartner bench_network
	$(BIN)/klimapartner bench_events --people 5000
	$(BIN)/klimapartner bench load --clients 50 --seconds 20
	case "$$DATABASE_URL" in postgres*) $(BIN)/klimapartner bench load --database postgres --clients 50 --seconds 20;; \
	  *) echo "bench load on PostgreSQL: set DATABASE_URL=postgres://… (a server where a throw-away database may be made)";; esac
	$(BIN)/klimapartner bench tours

# The catalogues are kept sorted by msgid and without source locations, so that branches which add
# strings in different places merge without conflicts.
messages: install
	cd src/klimapartner && ../../$(BIN)/klimapartner makemessages -l da -l en --no-obsolete --no-location
	for po in src/klimapartner/locale/*/LC_MESSAGES/django.po; do msgcat --sort-output --no-location -o $$po $$po; done
	cd src/klimapartner && ../../$(BIN)/klimapartner compilemessages

clean:
	rm -rf $(VENV) var
