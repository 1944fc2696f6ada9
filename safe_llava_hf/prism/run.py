"""Run PRISM on any image-text-to-text model: answer, judge, score, report. Batched and resumable.

    safe-llava prism run --model llava-hf/llava-1.5-7b-hf --data ~/PRISM_evaluation --output-dir runs/llava

For each task the answers are appended to ``DIR/<task>_answers.jsonl`` and flushed after every batch,
so an interrupted run loses at most the batch in flight and a rerun skips what is answered. Judged
lines go to ``DIR/<task>_judged.jsonl``; figures to ``DIR/summary.json``, ``DIR/report.md`` and a chart
per task. Under ``accelerate launch`` on several GPUs each process answers its share of the questions
and the main process merges the shares in question order.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from ..core import BiometricEngine, InputError
from ..guard import VLM, BiometricGuard
from ..hub.datasets import BuildReport
from ..llava_io import iter_json_lines
from .data import load_prism
from .files import judge_file, score_rows
from .judges import load_judge
from .metrics import TASKS, check_task
from .report import write_report
from .run_state import check_settings, drop_duplicate_answers, run_lock, write_settings


@dataclass
class RunConfig:
    model: str
    data: str
    output_dir: str
    tasks: Sequence[str] = TASKS
    split: str | None = None
    batch_size: int = 8
    max_new_tokens: int = 128
    limit: int | None = None
    dtype: str = "auto"
    attn_implementation: str = "auto"
    judge: str = "rules"
    guard: bool = False
    skip_missing: bool = False
    progress: bool = True
    overwrite: bool = False
    engine: BiometricEngine = field(default_factory=BiometricEngine.for_policy)
    skipped: dict[str, int] = field(default_factory=dict)  # task -> questions skipped for missing images


def _key(question_id: str, prompt: str) -> str:
    return f"{question_id}\x00{prompt}"


def answered_keys(path: Path) -> set[str]:
    """Questions already answered in an answers file (a torn last line from a crash is ignored)."""
    if not path.exists():
        return set()
    keys = set()
    for _, row in iter_json_lines(path):
        if isinstance(row, dict) and "question_id" in row:
            keys.add(_key(row["question_id"], row.get("prompt", "")))
    return keys


def _drop_torn_line(path: Path) -> None:
    """An interrupted write can leave half a line at the end; cut it so appends start clean."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def answer_task(cfg: RunConfig, task: str, answerer: Any, model_name: str, out_path: Path, shard: tuple[int, int] = (0, 1)) -> int:
    """Answer the unanswered questions of ``task`` (this process's share); returns how many were answered."""
    report = BuildReport()
    ds = load_prism(cfg.data, task, cfg.split, skip_missing=cfg.skip_missing, report=report)
    if cfg.limit:
        ds = ds.select(range(min(cfg.limit, len(ds))))
    _drop_torn_line(out_path)
    removed = drop_duplicate_answers(out_path, lambda row: _key(row["question_id"], row.get("prompt", "")))
    if removed:
        print(f"{task}: removed {removed} repeated answer lines from {out_path}", file=sys.stderr)
    done = answered_keys(out_path)
    todo = [i for i, (qid, q) in enumerate(zip(ds["question_id"], ds["question"])) if _key(qid, q) not in done]
    todo = todo[shard[0]::shard[1]]
    if report.skipped:
        print(f"{task}: skipped {len(report.skipped)} questions with missing images, e.g. {report.skipped[0]}", file=sys.stderr)
        cfg.skipped[task] = len(report.skipped)
    bar = None
    if cfg.progress and todo:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), desc=task, unit=" q", file=sys.stderr, dynamic_ncols=True)
    started = time.perf_counter()
    with open(out_path, "a", encoding="utf-8") as f:
        for batch in _batches(todo, cfg.batch_size):
            rows = ds.select(batch)
            questions = list(rows["question"])
            results = answerer.answer(list(rows["image"]), questions)
            for row_qid, row_cat, q, res in zip(rows["question_id"], rows["category"], questions, results):
                line = {"question_id": row_qid, "prompt": q, "category": row_cat, "model": model_name}
                if isinstance(res, str):
                    line["response"] = res
                else:  # a guarded answer
                    line["response"] = res.answer
                    line["guard"] = res.verdict.rating
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
            if bar is not None:
                bar.update(len(batch))
                bar.set_postfix_str(f"{bar.n / (time.perf_counter() - started):.2f} q/s")
    if bar is not None:
        bar.close()
    return len(todo)


def _merge_shards(out_path: Path, shard_paths: list[Path], order: list[str]) -> None:
    """Append the processes' answers to the main file, in question order."""
    rows = {}
    for path in shard_paths:
        for _, row in iter_json_lines(path):
            if isinstance(row, dict):
                rows[_key(row["question_id"], row.get("prompt", ""))] = row
    with open(out_path, "a", encoding="utf-8") as f:
        for key in order:
            if key in rows:
                f.write(json.dumps(rows[key], ensure_ascii=False) + "\n")
    for path in shard_paths:
        path.unlink()


def run_prism(cfg: RunConfig) -> list[dict[str, Any]]:
    """Answer, judge and score every task; returns the scored results (also written to disk)."""
    for task in cfg.tasks:
        check_task(task)
    out = Path(cfg.output_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file; --output-dir must be a folder")
    out.mkdir(parents=True, exist_ok=True)
    state = _distributed_state()
    if state is None or state.is_main_process:
        check_settings(out, run_settings(cfg), cfg.overwrite)
    if state is not None:
        state.wait_for_everyone()
    with run_lock(out) if state is None or state.is_main_process else nullcontext():
        return _run(cfg, out, state)


def run_settings(cfg: RunConfig) -> dict[str, Any]:
    """What makes two runs' answers comparable: model, guard, generation arguments, data and policy."""
    return {"model": cfg.model, "guard": cfg.guard, "max_new_tokens": cfg.max_new_tokens, "do_sample": False,
            "dtype": cfg.dtype, "data": cfg.data, "split": cfg.split, "limit": cfg.limit,
            "policy": cfg.engine.policy.fingerprint}


def _run(cfg: RunConfig, out: Path, state) -> list[dict[str, Any]]:
    vlm = VLM.load(cfg.model, cfg.dtype, cfg.attn_implementation, device=_device(state), max_new_tokens=cfg.max_new_tokens)
    if state is None or state.is_main_process:
        write_settings(out, run_settings(cfg))
    answerer: Any = BiometricGuard(vlm, cfg.engine, mode="redact") if cfg.guard else vlm
    model_name = f"{cfg.model}+guard" if cfg.guard else cfg.model
    for task in cfg.tasks:
        out_path = out / f"{task}_answers.jsonl"
        if state is None or state.num_processes == 1:
            answer_task(cfg, task, answerer, model_name, out_path)
            continue
        part = out / f"{task}_answers.rank{state.process_index}.jsonl"
        answer_task(cfg, task, answerer, model_name, part, (state.process_index, state.num_processes))
        state.wait_for_everyone()
        if state.is_main_process:
            ds = load_prism(cfg.data, task, cfg.split, skip_missing=cfg.skip_missing)
            order = [_key(q, p) for q, p in zip(ds["question_id"], ds["question"])]
            _merge_shards(out_path, [out / f"{task}_answers.rank{k}.jsonl" for k in range(state.num_processes)], order)
        state.wait_for_everyone()
    if state is not None and not state.is_main_process:
        return []
    return judge_and_score(cfg, out)


def judge_and_score(cfg: RunConfig, out: Path) -> list[dict[str, Any]]:
    """Judge every task's answers into ``<task>_judged.jsonl`` and write the report."""
    judge = load_judge(cfg.judge, cfg.engine)
    results = []
    for task in cfg.tasks:
        judged = judge_file(out / f"{task}_answers.jsonl", out / f"{task}_judged.jsonl", task, judge)
        scored = score_rows(judged, task)
        results.append({"file": str(out / f"{task}_judged.jsonl"), "model": cfg.model, "guard": cfg.guard,
                        "skipped_missing_images": cfg.skipped.get(task, 0),
                        "judge": judge.name, **scored})
    print(write_report(results, out, f"PRISM report: {cfg.model}{' with the biometric guard' if cfg.guard else ''}"))
    return results


def _distributed_state():
    """accelerate's PartialState under ``accelerate launch`` with several processes, else None."""
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return None
    from accelerate import PartialState

    return PartialState()


def _device(state) -> str | None:
    return None if state is None else str(state.device)
