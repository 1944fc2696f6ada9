"""Build PRISM as a Hub dataset: one config per task, parquet shards with embedded images, and a card.

usage:
    python dataset_scripts/build_prism.py SOURCE --output-dir OUT [--push-to-hub REPO_ID] [--private]
                                          [--skip-missing]

SOURCE is a PRISM folder in either public layout, detected automatically:
  first release    PRISM_refusal_soft.jsonl, PRISM_refusal_hard.jsonl, PRISM_implicit_leakage.jsonl
                   + biometric_images/<Attribute>/<subfolder>/<file>              -> split "test"
  current release  tasks/{small,large}_PRISM_<task>.jsonl + images/{small,large}_images/<file>
                                                                                  -> splits "small", "large"
OUT becomes exactly the Hub repository; `load_dataset(OUT, "refusal_soft", split="small")` reads it
offline. `--output-dir` alone never touches the network; `--push-to-hub` uploads OUT afterwards
(token from HF_TOKEN or `hf auth login`).

Examples:
    python dataset_scripts/build_prism.py ~/PRISM_evaluation --output-dir build/prism
    python dataset_scripts/build_prism.py ~/PRISM_evaluation --output-dir build/prism --push-to-hub me/PRISM
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from safe_llava_hf.hub.cards import write_prism_card
from safe_llava_hf.hub.datasets import BuildReport, DatasetBuildError, run_build, staged_output, write_config
from safe_llava_hf.prism.data import prism_features, prism_layout, prism_rows, prism_splits
from safe_llava_hf.prism.metrics import TASKS


def build(source: str, output_dir: str, skip_missing: bool = False, repo_id: str | None = None) -> BuildReport:
    """Build every task and split found in ``source`` into ``output_dir`` and write the card."""
    layout = prism_layout(source)
    report = BuildReport()
    found = {task: prism_splits(source, task) for task in TASKS}
    if not any(found.values()):
        raise DatasetBuildError(f"{source}: no PRISM question files found")
    features = prism_features()
    with staged_output(output_dir) as stage:
        for task, splits in found.items():
            for split in splits:
                rows = partial(prism_rows, source, task, split, skip_missing, report)
                n, nbytes = write_config(stage, task, split, rows, features)
                report.rows.setdefault(task, {})[split] = n
                report.nbytes.setdefault(task, {})[split] = nbytes
                print(f"{task}/{split}: {n:,} rows", file=sys.stderr)
        write_prism_card(stage, report, {t: features._to_yaml_list() for t in report.rows}, str(source), layout, repo_id)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="PRISM folder (first or current release layout)")
    parser.add_argument("--output-dir", required=True, help="folder to write: parquet shards + README.md")
    parser.add_argument("--push-to-hub", metavar="REPO_ID", help="upload the built folder to this dataset repository")
    parser.add_argument("--private", action="store_true", help="create the Hub repository as private")
    parser.add_argument("--skip-missing", action="store_true", help="skip questions whose image is missing (listed in the card)")
    args = parser.parse_args(argv)
    return run_build(lambda: build(args.source, args.output_dir, args.skip_missing, args.push_to_hub),
                     args.output_dir, args.push_to_hub, args.private)


if __name__ == "__main__":
    sys.exit(main())
