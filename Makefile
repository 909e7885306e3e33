# veille: `make demo` sets everything up and runs the demo; `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
OUT    ?= out

.PHONY: install demo test test-fast eval bench clean

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[all]"
	touch $@

install: $(BIN)/.installed

## demo: analyse the sample corpus, build a knowledge base from it and query it
demo: install
	@mkdir -p $(OUT) && rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(BIN)/veille analyze samples --summary -o $(OUT)/samples.jsonl
	$(BIN)/veille ingest $(OUT)/samples.jsonl --analyses --db $(OUT)/demo.db --no-progress
	@echo; echo "== the most mentioned actors"
	$(BIN)/veille actors --db $(OUT)/demo.db --limit 8
	@echo; echo "== quotes of one speaker"
	$(BIN)/veille quotes --speaker Marchand --db $(OUT)/demo.db
	@echo; echo "== events with a US actor as source"
	$(BIN)/veille events --source USA --db $(OUT)/demo.db
	@echo; echo "== one actor's timeline"
	$(BIN)/veille timeline Pompeo --db $(OUT)/demo.db
	@echo; echo "== full-text search"
	$(BIN)/veille search sommet --db $(OUT)/demo.db
	@echo; echo "Analyses (the JSON contract): $(OUT)/samples.jsonl; knowledge base: $(OUT)/demo.db"
	@echo "Browse it: $(BIN)/veille serve --db $(OUT)/demo.db  (then open http://127.0.0.1:8000/)"

## test: the whole suite (unit, model, end-to-end, evaluation gates when $(SHARED)/data exists) and the contract check
test: install
	$(BIN)/python -m pytest -q -ra
	@if [ -f $(SHARED)/tools/check_contract.py ]; then \
	  mkdir -p $(OUT); $(BIN)/veille analyze samples -o $(OUT)/contract-check.jsonl && \
	  $(BIN)/python $(SHARED)/tools/check_contract.py $(OUT)/contract-check.jsonl; \
	else echo "contract checker not found at $(SHARED)/tools: skipped"; fi

## test-fast: unit tests only (no model loading)
test-fast: install
	$(BIN)/python -m pytest -q -m "not model and not gate"

## eval: every evaluation on the development sets
eval: install
	$(BIN)/veille eval all --data $(SHARED)/data

## bench: throughput and memory against plain spaCy
bench: install
	$(BIN)/python bench/bench_analyze.py --data $(SHARED)/data

clean:
	rm -rf $(OUT) build *.egg-info
