"""Scrub whole LLaVA files: streamed, in a pool of workers, atomically written, with an audit log.

    summary = scrub_file("llava_v1_5_mix665k.json", "safe_mix665k.json", num_proc=2)
    print(summary.format())

The audit log (default ``OUTPUT.audit.jsonl``) has one line per record and a summary line at the end.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import BiometricEngine, BiometricPolicy, InputError, engine_for
from ..core.grammar import preload_lexicon
from ..llava_io import (AtomicRecordWriter, LlavaFormatError, check_paths, detect_format, dumps, iter_records, output_format,
                        validate_record)
from .scrubber import Scrubber, TurnRewriter, audit_entry

ACTIONS = ("unchanged", "rewritten", "refused", "dropped")


@dataclass
class ScrubSummary:
    """Counts over a whole file; written as the audit's last line and printed at the end."""

    records: int = 0
    actions: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    refused_turns: int = 0
    seconds: float = 0.0

    def add(self, action: str, categories: dict[str, int], refused_turns: int) -> None:
        self.records += 1
        self.actions[action] += 1
        self.categories.update(categories)
        self.refused_turns += refused_turns

    def to_dict(self) -> dict[str, Any]:
        return {"records": self.records, **{a: self.actions.get(a, 0) for a in ACTIONS},
                "refused_turns": self.refused_turns, "mentions_by_category": dict(self.categories),
                "seconds": round(self.seconds, 2),
                "records_per_second": round(self.records / self.seconds, 1) if self.seconds else None}

    def format(self) -> str:
        d = self.to_dict()
        lines = [f"records: {d['records']}  unchanged: {d['unchanged']}  rewritten: {d['rewritten']}  "
                 f"refused: {d['refused']}  dropped: {d['dropped']}  ({d['seconds']} s, {d['records_per_second']} records/s)"]
        if self.categories:
            lines.append("mentions by category: " + ", ".join(f"{k} {v}" for k, v in self.categories.most_common()))
        return "\n".join(lines)


_WORKER: Scrubber | None = None


def _adopt_engine(engine: BiometricEngine, drop_empty: bool) -> None:
    """Worker set-up under ``fork``: the parent's engine, already built and with its word tables loaded."""
    global _WORKER
    _WORKER = Scrubber(engine, drop_empty=drop_empty)


def _build_engine(policy_dict: dict[str, Any], source: str, drop_empty: bool) -> None:
    """Worker set-up under ``spawn``: the engine rebuilt from the policy."""
    _adopt_engine(BiometricEngine(BiometricPolicy.from_dict(policy_dict, source)), drop_empty)


def _scrub_batch(batch: list[tuple[int, Any, str | None]]) -> list["Result"]:
    assert _WORKER is not None
    return [_scrub_one(_WORKER, item) for item in batch]


# (output line or None, audit line, action, categories, refused turns): serialised where it is made,
# so the main process only writes strings and counts.
Result = tuple[str | None, str, str, dict[str, int], int]


def _scrub_one(scrubber: Scrubber, item: tuple[int, Any, str | None]) -> Result:
    index, record, error = item
    if error is not None:
        out, entry = None, {**audit_entry(record, "dropped", Counter(), []), "reason": error}
    else:
        out, entry = scrubber.scrub_record(record)
    refused = sum(1 for t in entry["turns"] if t["action"] == "refused")
    return (None if out is None else dumps(out), dumps({"index": index, **entry}), entry["action"], entry["categories"],
            refused)


def _batches(items: Iterable[tuple[int, Any, str | None]], size: int) -> Iterator[list[tuple[int, Any, str | None]]]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def scrub_file(input_path: str | os.PathLike[str], output_path: str | os.PathLike[str],
               audit_path: str | os.PathLike[str] | None = None, engine: BiometricEngine | None = None,
               num_proc: int = 1, on_error: str = "fail", rewriter: TurnRewriter | None = None,
               progress: bool = True, batch_size: int = 256, drop_empty: bool = False) -> ScrubSummary:
    """Scrub a LLaVA file into ``output_path`` (same order and ids) and write the audit log.

    Raises :class:`LlavaFormatError` on bad input unless ``on_error="skip"``, in which case the bad
    record is dropped and the audit says why. Nothing is left at ``output_path`` after an error. Every
    valid record is written (same ids) unless ``drop_empty`` drops those left with an empty turn.
    """
    if on_error not in ("fail", "skip"):
        raise InputError("on_error must be 'fail' or 'skip'")
    engine = engine_for(engine)
    policy = engine.policy
    input_path = str(input_path)
    fmt_out = output_format(output_path, detect_format(input_path))
    audit_path = Path(audit_path) if audit_path else default_audit_path(output_path)
    check_paths(input_path, output=output_path, audit=audit_path)
    if rewriter is not None and num_proc > 1:
        print("note: --rewriter runs in one process; ignoring --num-proc", file=sys.stderr)
        num_proc = 1
    summary = ScrubSummary()
    started = time.perf_counter()

    def checked() -> Iterator[tuple[int, Any, str | None]]:
        for index, record in iter_records(input_path, skip_bad_lines=on_error == "skip"):
            if isinstance(record, LlavaFormatError):
                yield index, {}, str(record)
                continue
            try:
                validate_record(record, index, input_path)
            except LlavaFormatError as err:
                if on_error == "fail":
                    raise
                yield index, record, str(err)
                continue
            yield index, record, None

    bar = _progress(progress)
    with AtomicRecordWriter(output_path, fmt_out) as writer, AtomicRecordWriter(audit_path, "jsonl") as audit:
        if num_proc > 1:
            ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
            if ctx.get_start_method() == "fork":  # workers share the parent's engine and loaded tables
                preload_lexicon()
                setup: tuple[Any, tuple] = (_adopt_engine, (engine, drop_empty))
            else:
                setup = (_build_engine, (policy.to_dict(), policy.source, drop_empty))
            with ctx.Pool(num_proc, initializer=setup[0], initargs=setup[1]) as pool:
                results = _in_order(pool, _batches(checked(), batch_size), max_in_flight=4 * num_proc)
                _drain(results, writer, audit, summary, bar)
        else:
            scrubber = Scrubber(engine, rewriter=rewriter, drop_empty=drop_empty)
            _drain((_scrub_one(scrubber, item) for item in checked()), writer, audit, summary, bar)
        summary.seconds = time.perf_counter() - started
        audit.write({"summary": summary.to_dict(), "input": input_path, "output": str(output_path),
                     "policy": policy.source, "enabled_categories": policy.enabled})
    if bar is not None:
        bar.close()
    return summary


def _in_order(pool: Any, batches: Iterable[list], max_in_flight: int) -> Iterator[Result]:
    """Scrub batches in the pool, yielding results in input order with at most ``max_in_flight``
    batches read ahead (``Pool.imap`` would read the whole input into memory)."""
    pending: deque = deque()
    for batch in batches:
        pending.append(pool.apply_async(_scrub_batch, (batch,)))
        if len(pending) >= max_in_flight:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def _drain(results: Iterable[Result], writer: AtomicRecordWriter, audit: AtomicRecordWriter,
           summary: ScrubSummary, bar: Any) -> None:
    for record_json, audit_json, action, categories, refused in results:
        if record_json is not None:
            writer.write_json(record_json)
        audit.write_json(audit_json)
        summary.add(action, categories, refused)
        if bar is not None:
            bar.update(1)


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit=" records", desc="scrub", mininterval=0.5, file=sys.stderr, dynamic_ncols=True)


def default_audit_path(output_path: str | os.PathLike[str]) -> Path:
    """``out.json`` -> ``out.audit.jsonl`` beside it."""
    out = Path(output_path)
    return out.with_name(out.stem + ".audit.jsonl")


def load_audit_summary(audit_path: str | os.PathLike[str]) -> dict[str, Any]:
    """The summary line of an audit log (used by dataset cards)."""
    last = None
    with open(audit_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith('{"summary"'):
                last = json.loads(line)
    if last is None:
        raise LlavaFormatError(f"{audit_path}: no summary line; was the scrub interrupted?")
    return last


def changed_pairs(input_path: str | os.PathLike[str], output_path: str | os.PathLike[str],
                  audit_path: str | os.PathLike[str], n: int) -> list[tuple[Any, str, list[tuple[str, str, str]]]]:
    """The first ``n`` records the audit marks rewritten or refused: ``(id, action, [(role, before, after)])``
    for each turn that changed."""
    changed = {}
    with open(audit_path, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            if entry.get("action") in ("rewritten", "refused"):
                changed[entry["id"]] = entry["action"]
    originals = {r.get("id"): r for _, r in iter_records(input_path) if isinstance(r, dict) and r.get("id") in changed}
    out = []
    for _, rec in iter_records(output_path):
        if len(out) >= n:
            break
        if rec.get("id") in changed and rec.get("id") in originals:
            turns = [(b["from"], b["value"], a["value"]) for b, a in zip(originals[rec["id"]]["conversations"], rec["conversations"])
                     if b["value"] != a["value"]]
            out.append((rec["id"], changed[rec["id"]], turns))
    return out
