# barrier-toolkit: run `make` (or `make help`) to list the targets.
# Every target creates the virtual environment .venv when it is missing.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLES := datasets/barriers/samples
OUT := out
# The real-text development files (never trained on); targets that read them skip when it is absent.
SHARED_EVAL ?= ../shared/eval
PIPOPTS ?= -q

.DEFAULT_GOAL := help
.PHONY: help install install-core demo docs test test-wheel test-slow test-all fuzz lint audit model model-linear model-fast model-transformer dataset gate sanity baseline compare compare-real model-card-real models-report prevalence-sim distill bench bench-quick notebooks notebooks-html clean

help: ## List the targets
	@echo "barrier-toolkit - make targets:"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIPOPTS) --upgrade pip

# Stamps re-run pip only when pyproject.toml changes.
$(VENV)/.core-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install $(PIPOPTS) -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install $(PIPOPTS) -e ".[dev]"
	@touch $@ $(VENV)/.core-installed

install-core: $(VENV)/.core-installed ## Install the package only (what `make demo` needs)

install: $(VENV)/.dev-installed ## Install the package with every extra the tests and notebooks need

demo: $(VENV)/.core-installed ## Classify the bundled sample journal with the shipped default model
	@mkdir -p $(OUT)
	$(BIN)/barriers classify $(SAMPLES)/journal.csv -o $(OUT)/journal_labelled.csv

test: $(VENV)/.dev-installed ## Run the test suite (without tests marked slow), execute the notebooks, build the docs, run the README from a wheel install, then the quality gate
	$(BIN)/python -m pytest -m "not slow" -q
	$(BIN)/python -m pytest -m notebook -q tests/notebooks
	@$(MAKE) --no-print-directory docs
	@$(MAKE) --no-print-directory test-wheel
	@$(MAKE) --no-print-directory gate

test-wheel: $(VENV)/.dev-installed ## Build the wheel, install it into a fresh venv and run the README's commands there (~2 min)
	$(BIN)/python -m pytest -m slow -q tests/cli/test_wheel_install.py

gate: $(VENV)/.core-installed ## Quality gates: the default model on the test split (quality-gates.toml) and its realistic part (quality-gates-realistic.toml)
	@mkdir -p $(OUT)
	$(BIN)/barriers evaluate datasets/barriers/test.csv --gates quality-gates.toml --by register \
		--markdown $(OUT)/quality-summary.md --bootstrap 1000 > /dev/null || \
		(cat $(OUT)/quality-summary.md; exit 1)
	$(BIN)/barriers evaluate datasets/barriers/realistic_test.csv --gates quality-gates-realistic.toml \
		--markdown $(OUT)/quality-summary-realistic.md --bootstrap 0 > /dev/null || \
		(cat $(OUT)/quality-summary-realistic.md; exit 1)
	@echo "quality gates passed (summaries in $(OUT)/quality-summary.md and $(OUT)/quality-summary-realistic.md)"

sanity: $(VENV)/.core-installed ## Pass rates of the default model on the sanity set (datasets/sanity), per kind
	$(BIN)/python scripts/sanity_report.py

baseline: $(VENV)/.core-installed ## Store the default model's test-split metrics as the gate baseline
	$(BIN)/barriers evaluate datasets/barriers/test.csv --json quality/baseline.json --bootstrap 1000

# NO_MKDOCS_2_WARNING: the theme's banner about its successor, printed on every build, is not about this site.
docs: $(VENV)/.dev-installed ## Rewrite docs/cli.md and docs/codebook.md, build the site into site/ (warnings are errors)
	$(BIN)/python scripts/docs_reference.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "documentation site built: site/index.html"

test-slow: $(VENV)/.dev-installed ## Run only the slow tests
	$(BIN)/python -m pytest -m slow -q

test-all: $(VENV)/.dev-installed ## Run every test
	$(BIN)/python -m pytest -q

fuzz: $(VENV)/.dev-installed ## Property-based tests, long profile (1,500 examples per test; make test runs 50)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz -q --durations=0 tests/fuzz

lint: $(VENV)/.dev-installed ## Lint with ruff (security rules included), then the dependency audit
	$(BIN)/ruff check toolkit tests datasets benchmarks scripts
	@$(MAKE) --no-print-directory audit

audit: $(VENV)/.dev-installed ## Audit dependencies for known vulnerabilities (pip-audit; says so and passes when offline)
	$(BIN)/python scripts/audit.py

dataset: $(VENV)/.core-installed ## Rebuild datasets/barriers/{train,dev,test}.csv from datasets/raw/
	$(BIN)/python datasets/build_barriers.py
	$(BIN)/python scripts/package_training_split.py

# The shipped default is E2 of docs/models.md (round three, `doc_sent`): the document linear model (the previous
# default, unchanged, as the first member) and the sentence linear model trained on the evidence spans of train.csv,
# their raw scores averaged; thresholds and calibration on calibration.csv.
DEFAULT_MEMBERS ?= linear,sentence_linear:aggregation=mean_max:C=4
model: $(VENV)/.core-installed ## Retrain the shipped default model (document + sentence ensemble) from datasets/barriers
	$(BIN)/barriers train datasets/barriers/train.csv --dev datasets/barriers/calibration.csv \
		--model-type ensemble --param members=$(DEFAULT_MEMBERS) -o toolkit/data/default_model

# The previous default (document linear, the ensemble's first member) as a model directory, e.g. for comparisons.
model-linear: $(VENV)/.core-installed ## Train the previous default (document linear model) into out/linear_model
	$(BIN)/barriers train datasets/barriers/train.csv --dev datasets/barriers/calibration.csv -o $(OUT)/linear_model

# The shipped `fast` model (--model fast): linear on hashed unigrams in 2^16 columns (docs/models.md).
model-fast: $(VENV)/.core-installed ## Retrain the shipped fast model (--model fast) from datasets/barriers
	$(BIN)/barriers train datasets/barriers/train.csv --dev datasets/barriers/calibration.csv \
		--param ngram_max=1 --param n_features=65536 -o toolkit/data/fast_model

VENV_TF ?= .venv-transformer
model-transformer: ## Fine-tune MiniLM on evidence sentences, export fp32 + int8 ONNX (maintainer step: torch, ~1 h on 2 cores; resumable)
	@test -x $(VENV_TF)/bin/python || ($(PYTHON) -m venv $(VENV_TF) && $(VENV_TF)/bin/pip install $(PIPOPTS) -c scripts/constraints-torch.txt ".[transformer,onnx]")
	$(VENV_TF)/bin/python scripts/train_transformer.py --work $(OUT)/transformer
	$(VENV_TF)/bin/python scripts/check_onnx_vs_torch.py --work $(OUT)/transformer

compare: $(VENV)/.core-installed ## Cross-validate every model type on the training split (docs/models.md)
	@mkdir -p $(OUT)
	$(BIN)/barriers compare datasets/barriers/train.csv --model-types lexicon,linear,semantic,ensemble \
		--param semantic:C=16 --param semantic:aggregation=mean_max -o $(OUT)/compare.csv

# Reads ../shared/eval (development data) only to measure; skips with a message when it is absent.
model-card-real: $(VENV)/.core-installed ## Record real-dev figures with bootstrap intervals in the shipped models' cards
	$(BIN)/python scripts/real_dev_eval.py --model toolkit/data/default_model --model toolkit/data/fast_model \
		--record --eval-dir $(SHARED_EVAL)

# The selection table of docs/models.md: each variant cross-validated on train, then trained on all of it
# (thresholds on calibration.csv) and scored on the test split, calibration.csv and, when ../shared/eval
# exists, every real dev file there (development data: measured, never trained on).
COMPARE_TRAIN ?= datasets/barriers/train.csv
COMPARE_DEV ?= datasets/barriers/calibration.csv
COMPARE_EVAL ?= datasets/barriers/test.csv datasets/barriers/calibration.csv
COMPARE_FOLDS ?= 5
COMPARE_VARIANTS ?= linear,fast=linear,seeker=linear,seeker_scoring=linear,doc_sent=ensemble
COMPARE_PARAMS ?= --param fast:ngram_max=1 --param fast:n_features=65536 --param seeker:turns=seeker \
	--param seeker_scoring:turns=seeker_when_scoring \
	--param doc_sent:members=linear,sentence_linear:aggregation=mean_max:C=4
compare-real: $(VENV)/.core-installed ## Compare the model variants on train (CV), test, calibration and the real dev files
	@mkdir -p $(OUT)
	@if [ -d "$(SHARED_EVAL)" ]; then real="$$(ls $(SHARED_EVAL)/*.csv | sed 's/^/--eval-file /')"; \
		else real=""; echo "$(SHARED_EVAL) not found: comparing without the real dev files"; fi; \
	$(BIN)/barriers compare $(COMPARE_TRAIN) --model-types $(COMPARE_VARIANTS) $(COMPARE_PARAMS) --folds $(COMPARE_FOLDS) \
		--dev $(COMPARE_DEV) $(addprefix --eval-file ,$(COMPARE_EVAL)) $$real \
		-o $(OUT)/compare-real.csv --json $(OUT)/compare-real.json

models-report: $(VENV)/.core-installed ## Train every model type; score it on dev, test and (if present) the sealed set
	$(BIN)/python scripts/model_report.py --out $(OUT)/models

prevalence-sim: $(VENV)/.core-installed ## Coverage of the prevalence intervals on real (if ../shared/eval exists) and synthetic text (docs/prevalence.md)
	$(BIN)/python benchmarks/prevalence_simulation.py --reps 2000

# Maintainers only: rebuilds toolkit/data/static_embedding in a separate environment
# with torch pinned to the CPU wheel (users never need it).
DISTILL_VENV ?= .venv-distill
distill: ## Re-distil the shipped static embedding from all-MiniLM-L6-v2 (maintainers; heavy)
	test -x $(DISTILL_VENV)/bin/python || $(PYTHON) -m venv $(DISTILL_VENV)
	$(DISTILL_VENV)/bin/pip install $(PIPOPTS) -c scripts/constraints-torch.txt -r scripts/requirements-distill.txt
	$(DISTILL_VENV)/bin/python scripts/distill_static_embedding.py

# Notebooks run from notebooks/ (their data paths are relative to it) with the venv's python3 kernel; the copies go
# to out/notebooks/ (the committed .ipynb files stay output-free), owner-only (0600) because they hold client data,
# and the HTML loads nothing from the network (scripts/export_notebooks.py).
notebooks: $(VENV)/.dev-installed ## Execute the notebooks into out/notebooks/*.ipynb (0600; prints seconds per notebook)
	@umask 077 && $(BIN)/python scripts/export_notebooks.py --to notebook --output-dir $(OUT)/notebooks notebooks/*.ipynb

notebooks-html: $(VENV)/.dev-installed ## Execute the notebooks and export them to out/notebooks/*.html (0600, offline)
	@umask 077 && $(BIN)/python scripts/export_notebooks.py --to html --output-dir $(OUT)/notebooks notebooks/*.ipynb

$(VENV)/.bench-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install $(PIPOPTS) -e ".[dev,bench]"
	@touch $@ $(VENV)/.dev-installed $(VENV)/.core-installed

bench: $(VENV)/.bench-installed ## Benchmarks on 10k, 100k and 1M texts, all engines side by side (~30 min; writes benchmarks/results/)
	$(BIN)/python benchmarks/run.py --sizes 10000,100000,1000000

bench-quick: $(VENV)/.bench-installed ## The benchmarks on 10k texts only (Empath on 1,000)
	$(BIN)/python benchmarks/run.py --sizes 10000 --empath-texts 1000

clean: ## Remove the virtual environment, caches and demo output
	rm -rf $(VENV) $(DISTILL_VENV) $(OUT) site .pytest_cache .ruff_cache *.egg-info
