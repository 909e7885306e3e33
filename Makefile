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

## demo: analyse the sample corpus, print summaries, write the JSON Lines to out/
demo: install
	@mkdir -p $(OUT)
	$(BIN)/veille analyze samples --summary -o $(OUT)/samples.jsonl
	@echo "full analyses (JSON Lines): $(OUT)/samples.jsonl"

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
