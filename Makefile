# One command to serve, one to test. Both work from a fresh clone with only Python 3.11:
# the virtual environment and the pinned dependencies are made on first use.
#
#   make run                      serve on http://127.0.0.1:8000 (HOST=… PORT=… to change)
#   make test                     ruff, ruff format --check, mypy --strict, the whole pytest suite
#   make bench-core               the core's benchmark (bench/core.py)
#   make bench-http               the HTTP benchmark (bench/http.py)
#   make openapi-snapshot         refresh tests/api/openapi.snapshot.json after a reviewed change

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Steps `make test` runs, in order; add a step by appending its target here.
TEST_STEPS := system-deps dev-deps lint format-check typecheck pytest

.PHONY: run test bench-core bench-http openapi-snapshot system-deps runtime-deps dev-deps \
	lint format-check typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A stamp per requirements set: reinstall only when a requirements file changes.
$(VENV)/.runtime-deps: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

runtime-deps: $(VENV)/.runtime-deps
dev-deps: $(VENV)/.dev-deps

run: runtime-deps
	$(BIN)/python -m uvicorn --factory api.main:create_app --host $(HOST) --port $(PORT) \
		--workers 1 --no-access-log

# System packages the test suite needs (Debian's, installed as root): the browser tests'
# Chromium and CJK font. The script does nothing when they are already there.
system-deps:
	bash scripts/install-browser-deps.sh

test: $(TEST_STEPS)

lint: dev-deps
	$(BIN)/ruff check .

format-check: dev-deps
	$(BIN)/ruff format --check calculator api tests bench

typecheck: dev-deps
	$(BIN)/mypy --strict calculator api tests bench

pytest: dev-deps
	$(BIN)/python -m pytest --cov --cov-branch --cov-report=term-missing:skip-covered

bench-core: runtime-deps
	$(BIN)/python bench/core.py

bench-http: runtime-deps
	$(BIN)/python -m bench.http

openapi-snapshot: dev-deps
	$(BIN)/python -m tests.api.snapshot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage htmlcov
