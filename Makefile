# naravard-kg: two commands on a fresh machine, `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The browser tests of the interactive HTML view drive Debian's Chromium headless; the
# push tests start Debian's Virtuoso (the server binary only: no system service); the OWL
# tests run HermiT and the OWL API (carried by owlready2) on Debian's Java runtime.
BROWSER  := /usr/bin/chromium /usr/bin/chromedriver
VIRTUOSO := /usr/bin/virtuoso-t
JAVA     := /usr/bin/java
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint reference bench clean

# The editable install is byte-compiled as pip compiles an installed wheel.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/naravard-kg build --out out

$(BROWSER):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

$(VIRTUOSO):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin

$(JAVA):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless

test: $(STAMP) $(BROWSER) $(VIRTUOSO) $(JAVA)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

reference: $(STAMP)
	$(BIN)/python -m naravard_kg.reference

# Side by side per size and engine (real graph, 100k and 300k triples), then the endpoint
# under 8 concurrent clients, then each command against the built store; the tables go into
# the README. The package is byte-compiled first, as pip does when it installs a wheel (an
# editable install run with PYTHONDONTWRITEBYTECODE=1 would compile it on every start).
bench: $(STAMP)
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_scale.py --readme README.md
	$(BIN)/python benchmarks/bench_endpoint.py --clients 8 --rounds 5
	$(BIN)/python benchmarks/bench_commands.py --runs 5 --readme README.md

clean:
	rm -rf out $(VENV)
