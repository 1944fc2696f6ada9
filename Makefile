# Set-up and the two README commands. `make sample` runs the main job on the embedded sample data,
# `make test` runs the test suite; both create .venv and install everything on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# CPU build of torch on this kind of machine; GPU users: make install TORCH="torch==2.13.0" TORCH_INDEX=https://download.pytorch.org/whl/cu128
TORCH       ?= torch==2.13.0
TORCH_INDEX ?=
EXTRAS      ?= dev

.PHONY: install browser sample test bench clean

$(BIN)/.installed-$(EXTRAS): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q "$(TORCH)" $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))
	$(BIN)/python -m pip install -q -e ".[$(EXTRAS)]"
	touch $@

install: $(BIN)/.installed-$(EXTRAS)

# The main job on embedded data: scrub -> Hub datasets -> tiny training -> PRISM report.
sample: install
	$(BIN)/safe-llava scrub sample -o outputs/sample_scrubbed.json --show 6
	$(BIN)/safe-llava sample images outputs/sample_images
	$(BIN)/python dataset_scripts/build_safe_llava.py --instruct outputs/sample_scrubbed.json \
		--instruct-audit outputs/sample_scrubbed.audit.jsonl --image-root outputs/sample_images --output-dir outputs/hub/safe-llava
	$(BIN)/safe-llava sample prism outputs/prism_sample
	$(BIN)/python dataset_scripts/build_prism.py outputs/prism_sample --output-dir outputs/hub/prism
	$(BIN)/safe-llava tiny-model outputs/tiny-llava
	HF_HUB_OFFLINE=1 $(BIN)/accelerate launch --cpu --num_processes 1 recipes/sft_llava.py --config recipes/tiny/finetune.yaml \
		--model_name_or_path outputs/tiny-llava --dataset_name outputs/hub/safe-llava --dataset_config instruct \
		--output_dir outputs/tiny-safe-llava
	HF_HUB_OFFLINE=1 $(BIN)/safe-llava prism run --model outputs/tiny-safe-llava --data outputs/hub/prism \
		--output-dir outputs/prism_run --max-new-tokens 24 --no-progress
	HF_HUB_OFFLINE=1 $(BIN)/safe-llava prism run --model outputs/tiny-safe-llava --data outputs/hub/prism \
		--output-dir outputs/prism_run_guarded --max-new-tokens 24 --guard --no-progress
	$(BIN)/safe-llava prism judge examples/prism_answers/refusal_soft_answers.jsonl --task refusal -o outputs/prism/judged_refusal_soft.jsonl
	$(BIN)/safe-llava prism judge examples/prism_answers/implicit_leakage_answers.jsonl --task implicit_leakage -o outputs/prism/judged_implicit_leakage.jsonl
	$(BIN)/safe-llava prism score outputs/prism/judged_refusal_soft.jsonl outputs/prism/judged_implicit_leakage.jsonl --output-dir outputs/prism_report

# The browser test drives Debian's chromium (Playwright cannot download its own browser here).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: install browser
	HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_scrub.py
	$(BIN)/python benchmarks/bench_judge.py
	$(BIN)/python benchmarks/bench_datasets.py
	$(BIN)/python benchmarks/bench_prism_run.py
	$(BIN)/python benchmarks/bench_guard.py

clean:
	rm -rf $(VENV) outputs benchmarks/_work .pytest_cache
