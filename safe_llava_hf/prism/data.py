"""PRISM question data: the two public folder layouts, and loading as a ``datasets.Dataset``.

v1 (first release): ``PRISM_<task>.jsonl`` + ``biometric_images/<Attr>/<subfolder>/<file>``; v2 (current):
``tasks/<size>_PRISM_<task>.jsonl`` + ``images/<size>_images/``. :func:`load_prism` also reads a folder built
by ``dataset_scripts/build_prism.py`` and a Hub dataset id.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..hub.datasets import BuildReport, DatasetBuildError
from ..llava_io import iter_json_lines
from .metrics import TASKS

PRISM_V1_FILES = {task: f"PRISM_{task}.jsonl" for task in TASKS}


def prism_layout(source: str | os.PathLike[str]) -> str:
    """``"v1"`` (first release: PRISM_<task>.jsonl + biometric_images/) or ``"v2"`` (tasks/ + images/)."""
    src = Path(source)
    if (src / "tasks").is_dir() and any((src / "tasks").glob("*_PRISM_*.jsonl")):
        return "v2"
    if any((src / name).exists() for name in PRISM_V1_FILES.values()):
        return "v1"
    raise DatasetBuildError(f"{src}: not a PRISM folder: expected tasks/<size>_PRISM_<task>.jsonl (current release) "
                            "or PRISM_<task>.jsonl with biometric_images/ (first release)")


def prism_splits(source: str | os.PathLike[str], task: str) -> dict[str, Path]:
    """Split name -> question file for ``task`` (v1: ``test``; v2: ``small``/``large`` where present)."""
    src = Path(source)
    if prism_layout(src) == "v1":
        path = src / PRISM_V1_FILES[task]
        return {"test": path} if path.exists() else {}
    return {size: src / "tasks" / f"{size}_PRISM_{task}.jsonl"
            for size in ("small", "large") if (src / "tasks" / f"{size}_PRISM_{task}.jsonl").exists()}


def _image_path(source: Path, layout: str, split: str, image: str) -> tuple[Path, str | None]:
    """Absolute image path and the subcategory the layout records (v1: the folder under the attribute)."""
    if layout == "v1":
        path = source / "biometric_images" / image
        parts = Path(image).parts
        return path, parts[1] if len(parts) >= 3 else None
    return source / "images" / f"{split}_images" / image, None


def prism_rows(source: str | os.PathLike[str], task: str, split: str, skip_missing: bool = False,
               report: BuildReport | None = None) -> Iterator[dict[str, Any]]:
    """Rows of one PRISM task and split with the image bytes embedded."""
    src = Path(source)
    layout = prism_layout(src)
    path = prism_splits(src, task)[split]
    missing: list[str] = []
    seen: dict[str, str] = {}
    rows = []
    for lineno, rec in iter_json_lines(path):
        if isinstance(rec, json.JSONDecodeError):
            raise DatasetBuildError(f"{path}: line {lineno} is not valid JSON: {rec.msg} at column {rec.colno}")
        for key in ("question_id", "image", "text"):
            if not isinstance(rec, dict) or key not in rec:
                raise DatasetBuildError(f"{path}: line {lineno}: missing field {key!r}")
        qid, image = str(rec["question_id"]), str(rec["image"])
        if qid in seen and seen[qid] == rec["text"] and report is not None:
            report.duplicates.append(f"{path.name}:{lineno} {qid}")
        seen[qid] = rec["text"]
        img_path, sub = _image_path(src, layout, split, image)
        if not img_path.is_file():
            missing.append(str(img_path))
            continue
        if not readable_image(img_path):
            missing.append(f"{img_path} (not a readable picture)")
            continue
        category = rec.get("category") or Path(image).parts[0]
        rows.append({"question_id": qid, "image_path": img_path, "question": rec["text"], "category": category,
                     "subcategory": sub})
    if missing:
        if not skip_missing:
            raise DatasetBuildError(f"{path}: {len(missing)} image files are missing or unreadable, e.g. "
                                    f"{', '.join(missing[:3])}; fix the paths or pass --skip-missing")
        if report is not None:
            report.skipped += missing
    for row in rows:
        yield {"question_id": row["question_id"],
               "image": {"bytes": row["image_path"].read_bytes(), "path": row["image_path"].name},
               "question": row["question"], "category": row["category"], "subcategory": row["subcategory"]}


def readable_image(path: Path) -> bool:
    """The file is a picture PIL can decode (header and data checked, nothing kept in memory)."""
    from PIL import Image

    try:
        with Image.open(path) as im:
            im.verify()
        return True
    except Exception:  # PIL raises many types for broken files
        return False


def prism_features():
    import datasets

    return datasets.Features({"question_id": datasets.Value("string"), "image": datasets.Image(),
                              "question": datasets.Value("string"), "category": datasets.Value("string"),
                              "subcategory": datasets.Value("string")})


def load_prism(path_or_repo: str | os.PathLike[str], task: str, split: str | None = None, skip_missing: bool = False,
               report: BuildReport | None = None):
    """PRISM questions as a ``datasets.Dataset``, from a raw PRISM folder (either layout), a folder built
    by ``dataset_scripts/build_prism.py`` or a Hub dataset id. ``split`` defaults to the first one;
    ``skip_missing`` (raw folders) skips questions whose image is missing and lists them in ``report``."""
    import datasets

    src = Path(path_or_repo)
    if src.is_dir() and not (src / "README.md").exists():
        splits = prism_splits(src, task)
        if not splits:
            raise DatasetBuildError(f"{src}: no questions for task {task!r}")
        name = split or next(iter(splits))
        if name not in splits:
            raise DatasetBuildError(f"{src}: task {task!r} has splits {sorted(splits)}, not {name!r}")
        rows = list(prism_rows(src, task, name, skip_missing, report))
        return datasets.Dataset.from_list(rows, features=prism_features())
    try:
        ds = datasets.load_dataset(str(path_or_repo), task)
    except (FileNotFoundError, ConnectionError, ValueError) as err:
        offline = " (the Hub is not reachable: HF_HUB_OFFLINE=1)" if os.environ.get("HF_HUB_OFFLINE") == "1" else ""
        raise DatasetBuildError(f"cannot load PRISM from {path_or_repo!r}{offline}: {err}") from err
    if split and split not in ds:
        raise DatasetBuildError(f"{path_or_repo}: task {task!r} has splits {sorted(ds)}, not {split!r}")
    return ds[split or next(iter(ds))]
