# Two commands: `make run` and `make test`. Both create .venv from the pinned
# requirements.txt when it is missing or older than requirements.txt.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-requirements
# geopy's own test suite (its source distribution, pinned by hash), for tests/test_geopy_suite.py.
SUITE  := $(VENV)/geopy-suite
PORT   ?= 8501

.PHONY: setup suite run test bench bench-quick attack attack-quick init clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

$(SUITE)/.unpacked: requirements-geopy-suite.txt | $(STAMP)
	rm -rf $(SUITE)
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
	    --require-hashes -r requirements-geopy-suite.txt -d $(SUITE)
	$(PY) -c "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2], filter='data')" \
	    $(SUITE)/geopy-2.5.0.tar.gz $(SUITE)
	touch $@

suite: $(SUITE)/.unpacked

## Load the bundled data into the default database on first run (no-op later).
init: setup
	$(PY) -m dashboard init

run: init
	$(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) \
	    --browser.gatherUsageStats false

test: setup suite
	$(PY) -m pytest

bench: setup
	$(PY) -m benchmarks

bench-quick: setup
	$(PY) -m benchmarks --quick

## The attack run of issue 15 (hostile files, links, payloads, kill -9, concurrent ingests);
## exits non-zero on any script execution, traceback, hang or lost row. CI runs the quick subset.
attack: setup
	$(PY) -m attack

attack-quick: setup
	$(PY) -m attack --quick

clean:
	rm -rf $(VENV) var .pytest_cache
