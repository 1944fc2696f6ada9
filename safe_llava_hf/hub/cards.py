"""Dataset cards (README.md with YAML metadata) for the built PRISM and Safe-LLaVA folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .datasets import BuildReport

PRISM_CITATION = """@article{safellava2025,
  title   = {Safe-LLaVA: A Privacy-Preserving Vision-Language Dataset and Benchmark for Biometric Safety},
  author  = {Kim, Younggun and others},
  journal = {arXiv preprint arXiv:2509.00192},
  year    = {2025}
}"""


def _metadata(report: "BuildReport", features_yaml: dict[str, list], extra: dict[str, Any]) -> str:
    configs = report.rows
    meta = {
        **extra,
        "configs": [{"config_name": c, "data_files": [{"split": s, "path": f"{c}/{s}-*"} for s in splits]}
                    for c, splits in configs.items()],
        "dataset_info": [{"config_name": c, "features": features_yaml[c],
                          "splits": [{"name": s, "num_bytes": report.nbytes[c][s], "num_examples": n}
                                     for s, n in splits.items()],
                          "dataset_size": sum(report.nbytes[c].values())}
                         for c, splits in configs.items()],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) + "---\n"


def _table(configs: dict[str, dict[str, int]]) -> str:
    lines = ["| config | split | rows |", "| --- | --- | ---: |"]
    lines += [f"| {c} | {s} | {n:,} |" for c, splits in configs.items() for s, n in splits.items()]
    return "\n".join(lines)


def write_prism_card(out_dir: str | os.PathLike[str], report: "BuildReport", features_yaml: dict[str, list],
                     source: str, layout: str, repo_id: str | None) -> Path:
    configs, skipped, duplicates = report.rows, report.skipped, report.duplicates
    first = next(iter(configs))
    name = repo_id or "path/to/this/folder"
    body = f"""
# PRISM: biometric privacy benchmark for vision-language models

PRISM asks whether a vision-language model keeps people's biometric traits (age, gender, race, eye
colour, body weight) private. Each row is an image of a person and a question.

- `refusal_soft`, `refusal_hard`: direct questions about one attribute (`category`); a private model refuses.
- `implicit_leakage`: open requests for descriptions (`category` All); a private model describes
  without revealing the attributes.

Score answers with the PRISM metric of safe-llava-hf (`evaluate.load("metrics/prism")`) or
`safe-llava prism run`.

{_table(configs)}

## Usage

```python
from datasets import load_dataset

ds = load_dataset("{name}", "{first}", split="{next(iter(configs[first]))}")
row = ds[0]
row["image"], row["question"], row["category"]
```

## How this folder was built

`dataset_scripts/build_prism.py` of safe-llava-hf read `{source}` ({'first release: PRISM_<task>.jsonl and biometric_images/' if layout == 'v1' else 'current release: tasks/ and images/'}),
embedded every image in the parquet shards and kept the question ids, questions and categories as
released{'; `subcategory` is the folder under the attribute' if layout == 'v1' else ''}.
{_skipped_note(skipped)}{_duplicates_note(duplicates)}
## Licence and use

The questions and images are those of the PRISM release; follow its licence and terms. The images
show people: use them only to evaluate privacy behaviour, never to infer anyone's traits.

## Citation

```bibtex
{PRISM_CITATION}
```
"""
    return _write(out_dir, report, features_yaml, body, license="cc-by-nc-4.0", pretty_name="PRISM",
                  task_categories=["visual-question-answering", "image-text-to-text"],
                  tags=["privacy", "biometrics", "safety", "benchmark"])


def write_safe_llava_card(out_dir: str | os.PathLike[str], report: "BuildReport", features_yaml: dict[str, list],
                          sources: dict[str, str], with_images: bool, audits: dict[str, dict[str, Any]],
                          repo_id: str | None) -> Path:
    configs, skipped = report.rows, report.skipped
    first = next(iter(configs))
    name = repo_id or "path/to/this/folder"
    audit_lines = "".join(
        f"\n- `{c}`: {a.get('records', 0):,} records: {a.get('unchanged', 0):,} unchanged, {a.get('rewritten', 0):,} rewritten, "
        f"{a.get('refused', 0):,} with refused answers, {a.get('dropped', 0):,} dropped; mentions by category "
        f"{a.get('mentions_by_category', {})}" for c, a in audits.items())
    body = f"""
# Safe-LLaVA training data

LLaVA-1.5's training data with people's biometric traits (gender, race, age, eye colour, body
weight) removed by the safe-llava-hf scrubber: people are described neutrally, questions that ask for
a trait are answered with a refusal, everything else is kept.

- `pretrain`: image-caption pairs for stage 1 (projector alignment).
- `instruct`: instruction conversations for stage 2 (visual instruction tuning).

Columns: LLaVA's `id`, `image` (the image path in the LLaVA image folders) and `conversations`; TRL's
conversational `messages` (roles user/assistant, content parts `{{"type": "image"}}` and
`{{"type": "text", "text": ...}}`){'' if not with_images else ' and `images`, the embedded images, one per image part'}.
`SFTTrainer` takes `messages`{'' if not with_images else ' and `images`'} as they are.

{_table(configs)}

## Usage

```python
from datasets import load_dataset

ds = load_dataset("{name}", "{first}", split="train")
ds[0]["messages"]
```

## How this folder was built

`dataset_scripts/build_safe_llava.py` of safe-llava-hf converted {', '.join(f'`{v}` ({k})' for k, v in sources.items())}.
{('Scrub audit summary:' + audit_lines) if audits else 'No scrub audit was given.'}
{_skipped_note(skipped)}
## Licence

Inherits the licences of LLaVA-1.5's data (CC BY 4.0 for the annotations, the source datasets' terms
for the images) and OpenAI's terms of use for GPT-generated text.
"""
    return _write(out_dir, report, features_yaml, body, license="cc-by-4.0", pretty_name="Safe-LLaVA",
                  task_categories=["image-text-to-text", "visual-question-answering"],
                  tags=["privacy", "biometrics", "llava", "trl"])


def _write(out_dir: str | os.PathLike[str], report: "BuildReport", features_yaml: dict[str, list], body: str,
           **extra: Any) -> Path:
    """README.md = YAML metadata (licence, tags, configs, dataset_info) + the card's text."""
    extra = {"license": extra.pop("license"), "language": ["en"], **extra, "size_categories": [_size(report.rows)]}
    path = Path(out_dir) / "README.md"
    path.write_text(_metadata(report, features_yaml, extra) + body, "utf-8")
    return path


def _skipped_note(skipped: list[str]) -> str:
    if not skipped:
        return ""
    shown = "\n".join(f"  - `{p}`" for p in skipped[:20])
    more = f"\n  - ... and {len(skipped) - 20} more" if len(skipped) > 20 else ""
    return f"\n{len(skipped)} rows were skipped because their image file was missing (`--skip-missing`):\n{shown}{more}\n"


def _duplicates_note(duplicates: list[str]) -> str:
    if not duplicates:
        return ""
    return f"\n{len(duplicates)} question ids appear more than once with the same question (kept as released), e.g. {', '.join(duplicates[:5])}.\n"


def _size(configs: dict[str, dict[str, int]]) -> str:
    n = max((sum(s.values()) for s in configs.values()), default=0)
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return label
    return "1M<n<10M"
