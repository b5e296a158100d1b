# One command to serve, one to test. Both work from a fresh clone with only Python 3.11:
# the virtual environment and the pinned dependencies are made on first use. Every install
# goes through the package's extras (pyproject.toml) with constraints.txt pinning the rest.
# `make help` lists the targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
IMAGE ?= pi-severity
SOAK_SECONDS ?= 120
LINES ?= 10000000

# Steps `make test` runs, in order; add a step by appending its target here.
TEST_STEPS := system-deps dev-deps lint format-check typecheck pytest

.DEFAULT_GOAL := help

.PHONY: help run test bench-core bench-http bench-soak bench-ledger openapi-snapshot system-deps \
	runtime-deps dev-deps lint format-check typecheck pytest image clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A stamp per extra: reinstall only when the package's metadata or the pins change.
$(VENV)/.runtime-deps: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[api]' -c constraints.txt
	touch $@

$(VENV)/.dev-deps: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c constraints.txt
	touch $@

runtime-deps: $(VENV)/.runtime-deps ## install the service into .venv (extra `api`)
dev-deps: $(VENV)/.dev-deps ## install the service and the test tools into .venv (extra `dev`)

run: runtime-deps ## serve http://127.0.0.1:8000 with the HTTP limits (pi-severity serve; HOST=… PORT=…)
	$(BIN)/pi-severity serve --host $(HOST) --port $(PORT)

# System packages the test suite needs (Debian's, installed as root): the browser tests'
# Chromium and CJK font, and the Java runtime the ledger's Spark test runs on. The scripts
# do nothing when they are already there.
system-deps: ## install Chromium, a CJK font and Java 17 from Debian for the tests (root)
	bash scripts/install-browser-deps.sh
	bash scripts/install-java.sh

test: $(TEST_STEPS) ## ruff, ruff format --check, mypy --strict and the whole pytest suite

lint: dev-deps ## ruff check
	$(BIN)/ruff check .

format-check: dev-deps ## ruff format --check
	$(BIN)/ruff format --check calculator api ledger tests bench

typecheck: dev-deps ## mypy --strict over the packages, the tests and the benchmarks
	$(BIN)/mypy --strict calculator api ledger tests bench

pytest: dev-deps ## the whole pytest suite with branch coverage
	$(BIN)/python -m pytest --cov --cov-branch --cov-report=term-missing:skip-covered

bench-core: runtime-deps ## the core's benchmark (bench/core.py)
	$(BIN)/python bench/core.py

bench-http: runtime-deps ## the HTTP benchmark (bench/http.py)
	$(BIN)/python -m bench.http

bench-ledger: dev-deps ## the counting ledger against DuckDB's DISTINCT floor (bench/ledger.py; LINES=10000000)
	$(BIN)/python bench/ledger.py --lines $(LINES)

bench-soak: runtime-deps ## the bounded soak at saturation (bench/soak.py; SOAK_SECONDS=120)
	$(BIN)/python -m bench.soak --seconds $(SOAK_SECONDS)

openapi-snapshot: dev-deps ## refresh tests/api/openapi.snapshot.json after a reviewed change
	$(BIN)/python -m tests.api.snapshot

image: ## build the container image with docker, or buildah when there is no docker daemon
	@if docker info >/dev/null 2>&1; then docker build -t $(IMAGE) .; \
	else buildah bud --format docker -t $(IMAGE) .; fi

clean: ## remove .venv and every cache
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage htmlcov build *.egg-info
