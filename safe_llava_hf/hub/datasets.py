"""Build Hub dataset folders (parquet + card) and the Safe-LLaVA training rows; PRISM rows live in ``prism.data``.

A built folder is exactly the Hub repository: ``<config>/<split>-0000i-of-0000n.parquet`` shards and a
``README.md`` whose YAML ``configs:`` tells ``load_dataset`` where each config and split lives. Rows are
streamed from generators into Arrow and written shard by shard, so the 665K instruction set with
images never sits in memory. ``load_dataset(OUT, config, split=...)`` reads a built folder offline.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import SafeLlavaError
from ..llava_io import LlavaFormatError, iter_records, validate_record

SHARD_ROWS = 20_000


class DatasetBuildError(SafeLlavaError, ValueError):
    """Bad input for a dataset build; the message names the file, line or image."""


@dataclass
class BuildReport:
    """What a build did, for the console and the card."""

    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    nbytes: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> Arrow bytes
    skipped: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- Safe-LLaVA sources


def to_messages(conversations: list[dict[str, str]]) -> tuple[list[dict[str, Any]], int]:
    """LLaVA turns -> TRL conversational ``messages``; ``<image>`` becomes an image part. Returns the
    messages and the number of image parts."""
    messages, n_images = [], 0
    for turn in conversations:
        role = "user" if turn["from"] == "human" else "assistant"
        content = []
        pieces = turn["value"].split("<image>")
        for k, piece in enumerate(pieces):
            if k > 0:
                content.append({"type": "image", "text": None})
                n_images += 1
            text = piece.strip("\n") if k == 0 or k == len(pieces) - 1 else piece
            if text.strip():
                content.append({"type": "text", "text": text.strip()})
        messages.append({"role": role, "content": content})
    return messages, n_images


def llava_rows(path: str | os.PathLike[str], image_root: str | os.PathLike[str] | None, skip_missing: bool = False,
               report: BuildReport | None = None) -> Iterator[dict[str, Any]]:
    """Rows of a (scrubbed) LLaVA file: id, image, conversations, messages and, with ``image_root``, images."""
    root = Path(image_root) if image_root else None
    if root is not None:
        _check_images(path, root, skip_missing, report)
    for index, rec in iter_records(path):
        validate_record(rec, index, str(path))
        image = rec.get("image")
        messages, n_images = to_messages(rec["conversations"])
        row = {"id": str(rec.get("id", index)), "image": image, "conversations": rec["conversations"], "messages": messages}
        if root is not None:
            if image and not (root / image).is_file():
                continue  # recorded by _check_images under --skip-missing
            if image and n_images == 0:  # LLaVA records whose image is implied: put it before the first turn
                messages[0]["content"].insert(0, {"type": "image", "text": None})
                n_images = 1
            row["images"] = [{"bytes": (root / image).read_bytes(), "path": Path(image).name}] * n_images if image else []
        yield row


def _check_images(path: str | os.PathLike[str], root: Path, skip_missing: bool, report: BuildReport | None) -> None:
    missing = [str(root / rec["image"]) for _, rec in iter_records(path)
               if isinstance(rec, dict) and rec.get("image") and not (root / rec["image"]).is_file()]
    if missing and not skip_missing:
        raise DatasetBuildError(f"{path}: {len(missing)} image files are missing under {root}, e.g. "
                                f"{', '.join(missing[:3])}; fix --image-root or pass --skip-missing")
    if report is not None:
        report.skipped += missing


def llava_features(with_images: bool):
    import datasets

    part = {"type": datasets.Value("string"), "text": datasets.Value("string")}
    feats = {"id": datasets.Value("string"), "image": datasets.Value("string"),
             "conversations": datasets.List({"from": datasets.Value("string"), "value": datasets.Value("string")}),
             "messages": datasets.List({"role": datasets.Value("string"), "content": datasets.List(part)})}
    if with_images:
        feats["images"] = datasets.List(datasets.Image())
    return datasets.Features(feats)


# ----------------------------------------------------------------------------- writing


def write_config(out_dir: str | os.PathLike[str], config: str, split: str, rows: Callable[[], Iterator[dict[str, Any]]],
                 features, shard_rows: int = SHARD_ROWS) -> tuple[int, int]:
    """Stream ``rows()`` into Arrow, then write ``<config>/<split>-*.parquet`` shards; returns the row count
    and the Arrow size in bytes (the card's ``num_bytes``)."""
    import datasets

    out = Path(out_dir) / config
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="safe_llava_build_") as cache:
        try:
            ds = datasets.Dataset.from_generator(rows, features=features, cache_dir=cache, keep_in_memory=False)
        except datasets.exceptions.DatasetGenerationError as err:
            cause = err.__cause__ or err.__context__
            if isinstance(cause, (DatasetBuildError, LlavaFormatError)):
                raise cause from None  # our message names the file and line; datasets' wrapper does not
            raise
        n, nbytes = len(ds), ds.data.nbytes
        shards = max(1, math.ceil(n / shard_rows))
        for i in range(shards):
            part = ds.shard(num_shards=shards, index=i, contiguous=True)
            part.to_parquet(str(out / f"{split}-{i:05d}-of-{shards:05d}.parquet"))
        del ds
    return n, nbytes


@contextmanager
def staged_output(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """Build in a temporary folder beside ``out_dir`` and move it into place only on success, so a
    failed build leaves nothing half-written (and a previous build stays as it was)."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()) and not (out / "README.md").exists():
        raise DatasetBuildError(f"{out}: exists and is not a dataset folder built by this tool; choose an empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if out.exists():
        shutil.rmtree(out)
    stage.rename(out)


def run_build(build: Callable[[], BuildReport], output_dir: str, repo_id: str | None, private: bool) -> int:
    """The dataset scripts' shared ending: build, report, push when asked; errors become exit code 2."""
    import sys

    try:
        report = build()
        if report.duplicates:
            print(f"note: {len(report.duplicates)} repeated question ids with the same question, e.g. "
                  f"{', '.join(report.duplicates[:3])}", file=sys.stderr)
        if report.skipped:
            print(f"note: skipped {len(report.skipped)} rows with missing images (listed in the card)", file=sys.stderr)
        print(f"wrote {output_dir}: " + "; ".join(f"{c} " + ", ".join(f"{s} {n:,} rows" for s, n in splits.items())
                                                  for c, splits in report.rows.items()))
        if repo_id:
            print(f"pushed to {push_folder(output_dir, repo_id, private)}")
    except (DatasetBuildError, LlavaFormatError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


def push_folder(out_dir: str | os.PathLike[str], repo_id: str, private: bool = False, token: str | None = None) -> str:
    """Upload a built folder as a dataset repository; the token comes from HF_TOKEN or the login cache."""
    from huggingface_hub import HfApi, get_token

    token = token or get_token()
    if not token:
        raise DatasetBuildError("pushing needs a Hugging Face token: run `hf auth login` or set HF_TOKEN "
                                "(the folder was built and is ready to push)")
    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
    api.upload_folder(repo_id=repo_id, repo_type="dataset", folder_path=str(out_dir),
                      commit_message="Upload with safe-llava-hf dataset_scripts")
    return f"https://huggingface.co/datasets/{repo_id}"
