"""What a PRISM run folder remembers about itself: the settings it was made with and who writes it.

``run_settings.json`` records the model, whether the guard was on, the generation arguments, the data and
the policy; a resumed run must match them (``--overwrite`` starts afresh). ``.prism_run.lock`` holds the
writer's process id, so two runs never append to one folder; a lock left by a killed run is taken over.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..llava_io import alive, atomic_text_file, dumps, iter_json_lines

SETTINGS_FILE = "run_settings.json"
LOCK_FILE = ".prism_run.lock"
RUN_FILES = ("*_answers.jsonl", "*_answers.rank*.jsonl", "*_judged.jsonl", "summary.json", "report.md", "*.png", SETTINGS_FILE)


def check_settings(out: Path, settings: dict[str, Any], overwrite: bool) -> None:
    """In a used folder, refuse other settings unless ``overwrite`` (which clears the folder's run files)."""
    path = out / SETTINGS_FILE
    if overwrite:
        for pattern in RUN_FILES:
            for old in out.glob(pattern):
                old.unlink()
    elif path.exists():
        try:
            before = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise InputError(f"{path}: unreadable run settings ({err}); pass --overwrite to start afresh") from err
        changed = [f"{k}: {before.get(k)!r} -> {v!r}" for k, v in settings.items() if before.get(k) != v]
        if changed:
            raise InputError(f"{out}: holds a run made with other settings ({'; '.join(changed)}); "
                             "resume with the same settings, choose another --output-dir, or pass --overwrite")
        return
    elif any(out.glob("*_answers.jsonl")):
        raise InputError(f"{out}: holds answers without {SETTINGS_FILE} (an older run?); pass --overwrite to start afresh")


def write_settings(out: Path, settings: dict[str, Any]) -> None:
    """Record the settings of a run that has started answering."""
    (out / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n", "utf-8")


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold the folder's lock for the run; a lock whose process is gone is taken over."""
    path = out / LOCK_FILE
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            pid = _pid(path)
            if pid is not None and pid != os.getpid() and alive(pid):
                raise InputError(f"{out}: another PRISM run (process {pid}) is writing this folder; wait for it "
                                 f"or choose another --output-dir") from None
            path.unlink(missing_ok=True)  # left by a run that was killed
    else:
        raise InputError(f"{out}: cannot take the run lock {path}")
    with os.fdopen(fd, "w") as f:
        f.write(str(os.getpid()))
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def drop_duplicate_answers(path: Path, key) -> int:
    """Keep the first answer line per question (an earlier crash or double run may repeat some); returns how
    many were removed. The file is rewritten atomically only when something was removed."""
    if not path.exists():
        return 0
    seen, keep, removed = set(), [], 0
    for _, row in iter_json_lines(path):
        if not isinstance(row, dict) or "question_id" not in row:
            continue
        k = key(row)
        if k in seen:
            removed += 1
            continue
        seen.add(k)
        keep.append(row)
    if removed:
        with atomic_text_file(path) as f:
            f.write("".join(dumps(row) + "\n" for row in keep))
    return removed


def _pid(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None

