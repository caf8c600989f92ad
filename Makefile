# Two commands on a fresh clone: `make run` and `make test`. Everything installs into .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
WAREHOUSE_PATH ?= data/warehouse.duckdb
DBT_DOCS_DIR ?= data/dbt_docs

.PHONY: setup prepare run test test-fast lint ui validate docs score score-practice bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' -c constraints.txt
	touch $@

setup: $(VENV)/.installed

# dbt's manifest for the Dagster definitions: parsed again only when a dbt file changed
DBT_FILES := $(shell find dbt_project -path dbt_project/target -prune -o -path dbt_project/logs -prune -o \
                -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.csv' \) -print)
dbt_project/target/manifest.json: $(VENV)/.installed $(DBT_FILES)
	cd dbt_project && ../$(VENV)/bin/dbt parse --profiles-dir . --quiet

# the manifest, and the Dagster instance folder (run history)
prepare: setup dbt_project/target/manifest.json
	@mkdir -p "$(DAGSTER_HOME)" data
	@cmp -s orchestration/dagster.yaml "$(DAGSTER_HOME)/dagster.yaml" || cp orchestration/dagster.yaml "$(DAGSTER_HOME)/dagster.yaml"

run: prepare
	$(PY) -m orchestration run

test: prepare
	$(PY) -m pytest

# ruff (Python) and sqlfluff (dbt SQL), configured in pyproject.toml; CI runs it before the tests
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/sqlfluff lint dbt_project/models dbt_project/macros --disable-progress-bar

test-fast: prepare
	$(PY) -m pytest -m "not slow"

# .venv/bin on PATH: under `dagster dev`, DbtProject.prepare_if_dev() runs `dbt parse` by name
ui: prepare
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/dagster dev -w workspace.yaml

validate: setup
	$(PY) -m orchestration validate --warehouse $(WAREHOUSE_PATH)

# dbt docs with a full catalog (types, comments) read from a copy of the published warehouse
# (`make run` first); opens offline from $(DBT_DOCS_DIR)/static_index.html
docs: prepare
	$(PY) scripts/dbt_docs.py --warehouse $(WAREHOUSE_PATH) --out $(DBT_DOCS_DIR)

score: setup
	$(PY) ../shared/tools/score_extraction.py --warehouse $(WAREHOUSE_PATH) \
	    --gold ../shared/gold/dev.jsonl --docs ../shared/seeds

# the practice corpus: real reports of other places (../shared/practice/docs) with hand labels
PRACTICE_WAREHOUSE ?= /tmp/practice.duckdb
score-practice: prepare
	RAW_DIR=../shared/practice/docs WAREHOUSE_PATH=$(PRACTICE_WAREHOUSE) WORK_DIR=data/work-practice \
	    CACHE_DIR=data/cache-practice LOG_LEVEL=WARNING $(PY) -m orchestration run
	$(PY) ../shared/tools/score_extraction.py --warehouse $(PRACTICE_WAREHOUSE) \
	    --gold ../shared/gold/practice.jsonl --docs ../shared/practice/docs

bench: prepare
	$(PY) scripts/benchmark.py

clean:
	rm -rf data/work data/cache dbt_project/target scripts/floor/dbt_project/target
