# Entry points for developers and CI.
#
#   make run    serve the app on http://localhost:$(PORT)
#   make test   lint, then run the test suite (browser tests need Chromium)
#   make lint   lint only: ruff, import-linter and mypy
#   make bench  run the benchmarks
#   make screenshots  take the README's screenshots again (needs Chromium)
#   make clean  remove the virtual environment and caches
#
# Every target creates .venv on first use. Requirements are installed again only
# when a requirements file is newer than the stamp file that records the last
# install, so re-running a target with nothing changed does not touch pip.

PYTHON ?= python3
PORT ?= 8501
PYTEST_ARGS ?=

VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.DEFAULT_GOAL := help
.PHONY: help run test lint bench screenshots clean

help:
	@echo "Targets: run (serve on port $(PORT)), test, lint, bench, screenshots, clean"

# The app needs Python 3.11 or newer (tomllib, typing); refuse an older one up front.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	    echo "error: Python 3.11 or newer is needed to create $(VENV);" \
	         "'$(PYTHON)' is $$($(PYTHON) --version 2>/dev/null || echo 'not runnable')." >&2; \
	    echo "       Run e.g. 'make PYTHON=python3.11 $(MAKECMDGOALS)'." >&2; \
	    exit 1; }
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(PIP) install --progress-bar off -r requirements.txt
	@touch $@

# requirements-dev.txt includes requirements.txt, so a dev install also brings the
# runtime stamp up to date.
$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(PIP) install --progress-bar off -r requirements-dev.txt
	@touch $@ $(RUNTIME_STAMP)

# ui.serve is `streamlit run app.py` that also serves a first visit to a deep link right (see
# ui/serve.py). browser.serverAddress=localhost is Streamlit's default value; setting it
# explicitly stops Streamlit from asking checkip.amazonaws.com for an "External URL" at start-up.
run: $(RUNTIME_STAMP)
	$(BIN)/python -m ui.serve --server.port $(PORT) --browser.serverAddress localhost

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff for style, import-linter for the layers, mypy for the types (all set in pyproject.toml).
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(RUNTIME_STAMP)
	$(BIN)/python benchmarks/numbers.py

# The demo's journey in Chromium, each step shot whole into docs/screenshots (the suite runs the
# same test into test-output/readme).
screenshots: $(DEV_STAMP)
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q tests/browser/test_readme_screenshots_browser.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-output
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
