"""Scrub LLaVA conversation records: neutral rewrites, refusals, and an audit entry per record.

    scrubber = Scrubber()
    record, audit = scrubber.scrub_record({"id": "1", "image": "x.jpg", "conversations": [
        {"from": "human", "value": "<image>\\nHow old is the man?"},
        {"from": "gpt", "value": "He is in his forties."}]})
    # record["conversations"][1]["value"] is the policy's refusal; audit["action"] == "refused"

:func:`scrub_file` streams a whole file through a pool of workers and writes the audit log.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .detect import Detector
from .llava_io import AtomicRecordWriter, LlavaFormatError, detect_format, iter_records, output_format, validate_record
from .policy import BiometricPolicy
from .questions import QuestionClassifier
from .rewrite import Neutralizer

IMAGE_TOKEN = "<image>"
ACTIONS = ("unchanged", "rewritten", "refused", "dropped")


class Scrubber:
    """Applies one policy to records: rewrite people neutrally, refuse biometric questions."""

    def __init__(self, policy: BiometricPolicy | None = None, rewriter: "TurnRewriter | None" = None):
        """``rewriter``: optional object with ``improve(original, rule_output) -> (text, verdict)``."""
        self.policy = policy or BiometricPolicy.default()
        self.detector = Detector(self.policy)
        self.neutralizer = Neutralizer(self.detector)
        self.questions = QuestionClassifier(self.detector)
        self.rewriter = rewriter

    def scrub_text(self, text: str) -> str:
        """A neutral version of ``text`` (``<image>`` placeholders kept where they are)."""
        return self._map_segments(text, lambda s: self.neutralizer.rewrite(s).text)

    def _map_segments(self, text: str, fn: Callable[[str], str]) -> str:
        """Apply ``fn`` to each stripped piece of ``text`` between ``<image>`` placeholders."""
        if IMAGE_TOKEN not in text and text == text.strip():
            return fn(text) if text else text
        parts = text.split(IMAGE_TOKEN)
        out = []
        for part in parts:
            if part.strip():
                lead = part[: len(part) - len(part.lstrip())]
                trail = part[len(part.rstrip()):]
                out.append(lead + fn(part.strip()) + trail)
            else:
                out.append(part)
        return IMAGE_TOKEN.join(out)

    def scrub_record(self, record: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        """Scrub one valid record; returns the new record (``None`` when dropped) and its audit entry."""
        out = {**record, "conversations": [dict(turn) for turn in record["conversations"]]}
        turns_audit = []
        counts: Counter[str] = Counter()
        refused_cats: tuple[str, ...] = ()
        refused_any = False
        for k, turn in enumerate(out["conversations"]):
            value = turn["value"]
            if turn["from"] == "human":
                verdict = self.questions.classify(value.replace(IMAGE_TOKEN, " ").strip())
                refused_cats = verdict.categories
                if verdict:
                    new = self._map_segments(value, lambda s: self.questions.neutral_question(s, verdict))
                    mentioned = Counter(c for m in self.detector.detect(value) for c in m.categories)
                    turns_audit.append({"turn": k, "action": "question", "categories": list(verdict.categories),
                                        "cues": list(verdict.cues), "mentions": dict(mentioned)})
                    counts.update(verdict.categories)
                    counts.update(mentioned)
                else:
                    new = self._rewrite_turn(value, k, turns_audit, counts)
                turn["value"] = new
            else:
                if refused_cats:
                    turn["value"] = self.policy.refusal_text(refused_cats)
                    turns_audit.append({"turn": k, "action": "refused", "categories": list(refused_cats)})
                    refused_any = True
                    refused_cats = ()
                    continue
                new = self._rewrite_turn(value, k, turns_audit, counts)
                if not new.strip() and value.strip():
                    return None, _audit(record, "dropped", counts, turns_audit,
                                        reason=f"conversations[{k}] had nothing left after removing biometric content")
                turn["value"] = new
        action = "refused" if refused_any else ("rewritten" if turns_audit else "unchanged")
        return out, _audit(record, action, counts, turns_audit)

    def _rewrite_turn(self, value: str, k: int, turns_audit: list, counts: Counter) -> str:
        found: Counter[str] = Counter()
        verdicts: list[str] = []

        def one(segment: str) -> str:
            rw = self.neutralizer.rewrite(segment)
            if rw.mentions:
                found.update(rw.category_counts)
            if rw.changed and self.rewriter is not None:
                text, verdict = self.rewriter.improve(segment, rw.text)
                verdicts.append(verdict)
                return text
            return rw.text

        new = self._map_segments(value, one)
        if found:
            entry = {"turn": k, "action": "rewritten", "categories": dict(found)}
            if verdicts:
                entry["rewriter"] = verdicts
            turns_audit.append(entry)
            counts.update(found)
        return new


class TurnRewriter(Protocol):
    """An optional fluency rewriter (see :mod:`safe_llava_hf.llm_rewriter`)."""

    def improve(self, original: str, rule_output: str) -> tuple[str, str]: ...


def _audit(record: Any, action: str, counts: Counter, turns: list, reason: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": record.get("id") if isinstance(record, dict) else None, "action": action,
                             "categories": dict(counts), "turns": turns}
    if reason:
        entry["reason"] = reason
    return entry


# ---------------------------------------------------------------------------- files


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


def _init_worker(policy_dict: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Scrubber(BiometricPolicy.from_dict(policy_dict))


def _scrub_batch(batch: list[tuple[int, Any, str | None]]) -> list["Result"]:
    assert _WORKER is not None
    return [_scrub_one(_WORKER, item) for item in batch]


# (output line or None, audit line, action, categories, refused turns): serialised where it is made,
# so the main process only writes strings and counts.
Result = tuple[str | None, str, str, dict[str, int], int]


def _scrub_one(scrubber: Scrubber, item: tuple[int, Any, str | None]) -> Result:
    index, record, error = item
    if error is not None:
        out, entry = None, {**_audit(record, "dropped", Counter(), []), "reason": error}
    else:
        out, entry = scrubber.scrub_record(record)
    refused = sum(1 for t in entry["turns"] if t["action"] == "refused")
    return (None if out is None else json.dumps(out, ensure_ascii=False),
            json.dumps({"index": index, **entry}, ensure_ascii=False), entry["action"], entry["categories"], refused)


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
               audit_path: str | os.PathLike[str] | None = None, policy: BiometricPolicy | None = None,
               num_proc: int = 1, on_error: str = "fail", rewriter: TurnRewriter | None = None,
               progress: bool = True, batch_size: int = 256) -> ScrubSummary:
    """Scrub a LLaVA file into ``output_path`` (same order and ids) and write the audit log.

    Raises :class:`LlavaFormatError` on bad input unless ``on_error="skip"``, in which case the bad
    record is dropped and the audit says why. Nothing is left at ``output_path`` after an error.
    """
    if on_error not in ("fail", "skip"):
        raise ValueError("on_error must be 'fail' or 'skip'")
    policy = policy or BiometricPolicy.default()
    input_path = str(input_path)
    fmt_out = output_format(output_path, detect_format(input_path))
    audit_path = Path(audit_path) if audit_path else default_audit_path(output_path)
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
            with ctx.Pool(num_proc, initializer=_init_worker, initargs=(policy.to_dict(),)) as pool:
                results = _in_order(pool, _batches(checked(), batch_size), max_in_flight=4 * num_proc)
                _drain(results, writer, audit, summary, bar)
        else:
            scrubber = Scrubber(policy, rewriter=rewriter)
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
