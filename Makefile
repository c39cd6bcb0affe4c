# The two setup commands of the README are `make demo` and `make test`; both start from nothing.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DEMO_DB ?= sqlite:///$(CURDIR)/demo.sqlite
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test assets demo test test-env lint bench figures regress clean

$(PY):
	bash scripts/system-deps.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip

install: $(PY) assets
	$(PY) -m pip install -q -e .

install-test: $(PY) assets
	$(PY) -m pip install -q -e '.[test]'

assets:
	bash scripts/vendor-assets.sh

demo: install
	$(BIN)/plancockpit demo --db $(DEMO_DB) --host $(HOST) --port $(PORT)

test-env:
	bash scripts/test-env.sh

# pytest's own exit status decides (5, "no tests collected", fails too).
test: install-test test-env
	. ./.test-env && $(BIN)/ruff check plancockpit tests scripts bench && $(BIN)/ruff format --check plancockpit tests scripts bench && $(BIN)/mypy && $(BIN)/pytest

lint: install-test
	$(BIN)/ruff check plancockpit tests scripts bench && $(BIN)/ruff format --check plancockpit tests scripts bench && $(BIN)/mypy

bench: install-test
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) -m bench.extract_speed --json docs/results/extract_speed.json
	$(PY) -m bench.extract_scaling --json docs/results/extract_scaling.json
	$(PY) -m bench.cockpit_latency --json docs/results/cockpit_latency.json
	$(PY) -m bench.ingest_speed
	$(PY) -m bench.ingest_scale --docs 32 --jobs 2 --json docs/results/ingest_real.json
	$(PY) -m bench.ingest_scale
	$(PY) -m bench.status_speed --json docs/results/status_speed.json
	$(PY) -m bench.mixed_load --seconds 30 --json docs/results/mixed_load_sqlite.json
	[ ! -f .test-env ] || { . ./.test-env && $(PY) -m bench.mixed_load --db "$$PLANCOCKPIT_TEST_PG" --seconds 30 --json docs/results/mixed_load_postgresql.json; }

figures: install-test
	$(PY) scripts/docs_figures.py

regress: install-test
	$(PY) scripts/regress.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache demo.sqlite .test-env
