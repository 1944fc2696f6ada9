"""Build the scrubbed Safe-LLaVA training data as a Hub dataset: configs `pretrain` and `instruct`.

usage:
    python dataset_scripts/build_safe_llava.py [--pretrain JSON] [--instruct JSON] [--image-root DIR]
        [--pretrain-audit AUDIT.jsonl] [--instruct-audit AUDIT.jsonl] --output-dir OUT
        [--push-to-hub REPO_ID] [--private] [--skip-missing]

Inputs are LLaVA files, normally the output of `safe-llava scrub` (its audit summary goes into the
card when given). Each config has split `train` with LLaVA's `id`, `image`, `conversations`, TRL's
conversational `messages` and, with --image-root, `images` (embedded, one per image part), so
`SFTTrainer` takes the rows as they are. Rows are streamed and written in parquet shards.

Examples:
    safe-llava scrub llava_v1_5_mix665k.json -o safe_665k.json --num-proc 2
    python dataset_scripts/build_safe_llava.py --instruct safe_665k.json --instruct-audit safe_665k.audit.jsonl \
        --image-root ~/llava_images --output-dir build/safe-llava --push-to-hub me/Safe-LLaVA
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from safe_llava_hf.hub.cards import write_safe_llava_card
from safe_llava_hf.hub.datasets import (BuildReport, DatasetBuildError, llava_features, llava_rows, run_build,
                                        staged_output, write_config)
from safe_llava_hf.scrub import load_audit_summary


def build(sources: dict[str, str], output_dir: str, image_root: str | None = None, audits: dict[str, str] | None = None,
          skip_missing: bool = False, repo_id: str | None = None) -> BuildReport:
    """Build the given configs (``{"pretrain": path, "instruct": path}``) into ``output_dir`` with a card."""
    if not sources:
        raise DatasetBuildError("give --pretrain and/or --instruct")
    summaries = {c: load_audit_summary(p)["summary"] for c, p in (audits or {}).items()}
    report = BuildReport()
    features = llava_features(image_root is not None)
    with staged_output(output_dir) as stage:
        for config, path in sources.items():
            rows = partial(llava_rows, path, image_root, skip_missing, report)
            n, nbytes = write_config(stage, config, "train", rows, features)
            report.rows[config] = {"train": n}
            report.nbytes[config] = {"train": nbytes}
            print(f"{config}/train: {n:,} rows", file=sys.stderr)
        write_safe_llava_card(stage, report, {c: features._to_yaml_list() for c in report.rows}, sources,
                              image_root is not None, summaries, repo_id)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pretrain", help="scrubbed LLaVA pretraining captions (json/jsonl)")
    parser.add_argument("--instruct", help="scrubbed LLaVA instruction conversations (json/jsonl)")
    parser.add_argument("--image-root", help="folder the records' `image` paths are relative to; embeds images")
    parser.add_argument("--pretrain-audit", help="audit log of `safe-llava scrub` for --pretrain")
    parser.add_argument("--instruct-audit", help="audit log of `safe-llava scrub` for --instruct")
    parser.add_argument("--output-dir", required=True)
    parser.add_argument("--push-to-hub", metavar="REPO_ID")
    parser.add_argument("--private", action="store_true")
    parser.add_argument("--skip-missing", action="store_true", help="skip rows whose image is missing (listed in the card)")
    args = parser.parse_args(argv)
    sources = {k: v for k, v in (("pretrain", args.pretrain), ("instruct", args.instruct)) if v}
    audits = {k: v for k, v in (("pretrain", args.pretrain_audit), ("instruct", args.instruct_audit)) if v}
    return run_build(lambda: build(sources, args.output_dir, args.image_root, audits, args.skip_missing, args.push_to_hub),
                     args.output_dir, args.push_to_hub, args.private)


if __name__ == "__main__":
    sys.exit(main())
