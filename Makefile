# Two commands do all the set-up on a fresh machine:
#   make demo   - install into .venv and run the main job on the bundled examples (SQLite)
#   make test   - install into .venv (with test extras) and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/sumber ingest examples/ --db demo.db
	$(BIN)/sumber link --db demo.db
	$(BIN)/sumber claims --db demo.db
	$(BIN)/sumber claims --db demo.db --contradicted
	$(BIN)/sumber analyze examples/id-troops-denial.txt --published 2024-10-22 --format text

test: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
