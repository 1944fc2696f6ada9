"""Scrub LLaVA conversation records: neutral rewrites, refusals, and an audit entry per record.

    scrubber = Scrubber()                      # or Scrubber(BiometricEngine(policy))
    record, audit = scrubber.scrub_record({"id": "1", "image": "x.jpg", "conversations": [
        {"from": "human", "value": "<image>\\nHow old is the man?"},
        {"from": "gpt", "value": "He is in his forties."}]})
    # record["conversations"][1]["value"] is the policy's refusal; audit["action"] == "refused"

:func:`~safe_llava_hf.scrub.files.scrub_file` streams a whole file through a pool of workers and writes the audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any, Protocol

from ..core import BiometricEngine, engine_for

IMAGE_TOKEN = "<image>"


class Scrubber:
    """Applies one policy to records: rewrite people neutrally, refuse biometric questions."""

    def __init__(self, engine: BiometricEngine | None = None, rewriter: "TurnRewriter | None" = None,
                 drop_empty: bool = False):
        """``engine``: the policy's engine (default policy when None); ``rewriter``: optional object with
        ``improve(original, rule_output) -> (text, verdict)``; ``drop_empty``: drop a record with a turn
        that only held biometric content, instead of keeping it with the minimal neutral turn."""
        self.engine = engine_for(engine)
        self.policy = self.engine.policy
        self.rewriter = rewriter
        self.drop_empty = drop_empty

    def scrub_text(self, text: str) -> str:
        """A neutral version of ``text`` (``<image>`` placeholders kept where they are)."""
        return self._map_segments(text, lambda s: self.engine.rewrite(s).text)

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
                verdict = self.engine.classify(value.replace(IMAGE_TOKEN, " ").strip())
                refused_cats = verdict.categories
                if verdict:
                    new = self._map_segments(value, lambda s: self.engine.neutral_question(s, verdict))
                    mentioned = Counter(c for m in self.engine.detect(value) for c in m.categories)
                    turns_audit.append({"turn": k, "action": "question", "categories": list(verdict.categories),
                                        "cues": list(verdict.cues), "mentions": dict(mentioned)})
                    counts.update(verdict.categories)
                    counts.update(mentioned)
                else:
                    new = self._neutral_turn(value, k, turns_audit, counts, question=True)
                    if new is None:
                        return None, self._dropped(record, k, counts, turns_audit)
                turn["value"] = new
            else:
                if refused_cats:
                    turn["value"] = self.policy.refusal_text(refused_cats)
                    turns_audit.append({"turn": k, "action": "refused", "categories": list(refused_cats)})
                    refused_any = True
                    refused_cats = ()
                    continue
                new = self._neutral_turn(value, k, turns_audit, counts, question=False)
                if new is None:
                    return None, self._dropped(record, k, counts, turns_audit)
                turn["value"] = new
        action = "refused" if refused_any else ("rewritten" if turns_audit else "unchanged")
        return out, audit_entry(record, action, counts, turns_audit)

    def _neutral_turn(self, value: str, k: int, turns_audit: list, counts: Counter, question: bool) -> str | None:
        """The turn rewritten neutrally; when nothing is left, the minimal neutral turn, or None to drop the
        record (``drop_empty``)."""
        new = self._rewrite_turn(value, k, turns_audit, counts)
        if new.strip() or not value.strip():
            return new
        return None if self.drop_empty else self._emptied(value, k, turns_audit, question)

    def _emptied(self, value: str, k: int, turns_audit: list, question: bool) -> str:
        """The minimal neutral turn for one whose whole content was biometric: an answer becomes the refusal
        for what it revealed, a question asks for nothing personal; ``<image>`` placeholders stay."""
        cats = next((list(t["categories"]) for t in reversed(turns_audit) if t["turn"] == k), [])
        text = "What is in the image?" if question else self.policy.refusal_text(cats)
        turns_audit[-1]["emptied"] = True
        images = "".join(IMAGE_TOKEN + "\n" for _ in range(value.count(IMAGE_TOKEN)))
        return images + text

    @staticmethod
    def _dropped(record: dict[str, Any], k: int, counts: Counter, turns_audit: list) -> dict[str, Any]:
        return audit_entry(record, "dropped", counts, turns_audit,
                           reason=f"conversations[{k}] had nothing left after removing biometric content (--drop-empty)")

    def _rewrite_turn(self, value: str, k: int, turns_audit: list, counts: Counter) -> str:
        found: Counter[str] = Counter()
        verdicts: list[str] = []

        def one(segment: str) -> str:
            rw = self.engine.rewrite(segment)
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
    """An optional fluency rewriter (see :mod:`safe_llava_hf.scrub.llm_rewriter`)."""

    def improve(self, original: str, rule_output: str) -> tuple[str, str]: ...


def audit_entry(record: Any, action: str, counts: Counter, turns: list, reason: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": record.get("id") if isinstance(record, dict) else None, "action": action,
                             "categories": dict(counts), "turns": turns}
    if reason:
        entry["reason"] = reason
    return entry
