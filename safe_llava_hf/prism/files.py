"""PRISM answer files: read them, judge them, score them.

Answer lines are ``{"question_id", "prompt", "response", ...}`` (optionally ``"category"``); judged
lines add ``"judgement"``: "Yes"/"No" for refusal tasks, a list of lowercase attribute names for
implicit leakage, the format of the published PRISM results, so files are interchangeable with them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..core import QuestionClassifier
from ..llava_io import AtomicRecordWriter, LlavaFormatError, iter_json_lines
from .judges import Judge
from .metrics import (LEAKAGE_ATTRIBUTES, LEAKAGE_TASK, PRISM_CATEGORIES, REFUSAL_TASKS, check_task, leakage_scores,
                      normalize_category, normalize_leakage_verdict, normalize_refusal_verdict, refusal_scores)


def read_answers(path: str | os.PathLike[str], need: tuple[str, ...] = ("question_id", "prompt", "response")) -> list[dict[str, Any]]:
    """All lines of a PRISM answer file, checked; errors name the file, line and field."""
    rows = []
    for lineno, row in iter_json_lines(path):
        if isinstance(row, json.JSONDecodeError):
            raise LlavaFormatError(f"{path}: line {lineno} is not valid JSON: {row.msg} at column {row.colno}") from row
        if not isinstance(row, dict):
            raise LlavaFormatError(f"{path}: line {lineno}: expected an object, got {type(row).__name__}")
        if "response" not in row and isinstance(row.get("text"), str):
            row["response"] = row["text"]  # the benchmark's own answer files (LLaVA model_vqa lines) say "text"
        for key in need:
            if key not in row:
                also = " (or 'text')" if key == "response" else ""
                raise LlavaFormatError(f"{path}: line {lineno} (question_id={row.get('question_id')}): missing field "
                                       f"{key!r}{also}")
        if "response" in need and not isinstance(row["response"], str):
            raise LlavaFormatError(f"{path}: line {lineno} (question_id={row.get('question_id')}): field 'response' "
                                   f"must be a string, got {type(row['response']).__name__}")
        row["_line"] = lineno
        rows.append(row)
    return rows


def category_of(row: dict[str, Any], classifier: QuestionClassifier | None, path: str = "<answers>") -> str:
    """The PRISM category of an answer: its ``category`` field, the question_id folder ("Age/..."),
    or, failing both, the attribute its prompt asks for."""
    if row.get("category"):
        return normalize_category(row["category"], row.get("_line", 0), "category")
    if _category_in_id(row):
        return normalize_category(str(row["question_id"]).split("/")[0], 0)
    if classifier is not None:
        asked = classifier.classify(str(row.get("prompt", ""))).categories
        if asked:
            return classifier.detector.policy.prism_name(asked[0])
    raise LlavaFormatError(f"{path}: line {row.get('_line')} (question_id={row.get('question_id')}): cannot tell which "
                           "attribute the question asks for; add a 'category' field (Age, Gender, Race, Eye_Color, Weight)")


def task_kind(task: str) -> str:
    """``refusal`` for refusal_soft/refusal_hard/refusal, ``implicit_leakage`` otherwise (checked)."""
    if task == "refusal":
        return "refusal"
    return "refusal" if check_task(task) in REFUSAL_TASKS else LEAKAGE_TASK


def check_task_fits(prompts: list[str], task: str, classifier: QuestionClassifier, path: str = "<answers>") -> None:
    """Refuse a file given the wrong task: refusal prompts ask for an attribute, implicit-leakage prompts do not
    (a refusal file scored as implicit leakage would report nearly full protection)."""
    distinct = list(dict.fromkeys(p for p in prompts if p.strip()))[:50]
    if len(distinct) < 2:
        return
    asking = sum(1 for p in distinct if classifier.classify(p)) / len(distinct)
    if task_kind(task) == "refusal" and asking < 0.3:
        raise LlavaFormatError(f"{path}: given task {task!r}, but its prompts do not ask for an attribute (like "
                               f"{distinct[0]!r}); is it an implicit_leakage file? pass --task implicit_leakage")
    if task_kind(task) != "refusal" and asking > 0.7:
        raise LlavaFormatError(f"{path}: given task {task!r}, but its prompts ask for an attribute (like "
                               f"{distinct[0]!r}); is it a refusal file? pass --task refusal_soft or refusal_hard")


def judge_rows(rows: list[dict[str, Any]], task: str, judge: Judge, path: str = "<answers>") -> list[Any]:
    """Published-format verdicts for ``rows``: "Yes"/"No" or a list of attribute names. The judge's
    policy names the categories (PRISM name -> key)."""
    prompts = [str(r.get("prompt", "")) for r in rows]
    responses = [r["response"] for r in rows]
    check_task_fits(prompts, task, judge.engine.requests, path)
    if task_kind(task) == "refusal":
        classifier = judge.engine.requests
        names = [category_of(r, classifier, path) for r in rows]
        for row, name in zip(rows, names):
            if not _category_in_id(row):
                row["category"] = name  # asked-for attribute read from the prompt: keep it for scoring
        keys = [judge.engine.policy.key_for_prism_name(n) for n in names]
        return ["Yes" if v else "No" for v in judge.refusal(prompts, responses, keys)]
    return judge.leakage(prompts, responses)


def _category_in_id(row: dict[str, Any]) -> bool:
    head = str(row.get("question_id", "")).split("/")[0].lower()
    return head in {c.lower() for c in (*PRISM_CATEGORIES, "All")}


def judge_file(src: str | os.PathLike[str], dst: str | os.PathLike[str], task: str, judge: Judge) -> list[dict[str, Any]]:
    """Judge every line of ``src`` and write them, in order, with ``judgement`` added, to ``dst``
    (atomically: an interrupted run leaves no half-written file). Returns the judged rows."""
    rows = read_answers(src)
    verdicts = judge_rows(rows, task, judge, str(src))
    judged = [{**{k: v for k, v in row.items() if k != "_line"}, "judgement": verdict} for row, verdict in zip(rows, verdicts)]
    with AtomicRecordWriter(dst, "jsonl") as out:
        for row in judged:
            out.write(row)
    return judged


def score_rows(rows: list[dict[str, Any]], task: str, protocol: str = "v2", attributes: tuple[str, ...] | None = None,
               path: str = "<judged>") -> dict[str, Any]:
    """PRISM figures for judged rows (``judgement`` in the published format, or ``gpt_judgement``)."""
    def verdict(row: dict[str, Any]) -> Any:
        for key in ("judgement", "gpt_judgement", "gemini_judgement"):
            if key in row:
                return row[key]
        raise LlavaFormatError(f"{path}: line {row.get('_line')} (question_id={row.get('question_id')}): no 'judgement' field")

    categories = [category_of(r, None, path) if r.get("category") or _category_in_id(r) else "All" for r in rows]
    if task_kind(task) == "refusal":
        refused = [normalize_refusal_verdict(verdict(r), r.get("_line", i), path) for i, r in enumerate(rows)]
        return {"task": task, **refusal_scores(refused, categories)}
    leaks = [normalize_leakage_verdict(verdict(r), r.get("_line", i), path) for i, r in enumerate(rows)]
    return {"task": task, **leakage_scores(leaks, attributes or LEAKAGE_ATTRIBUTES, categories, protocol)}


def infer_task(path: str | os.PathLike[str]) -> str:
    """The task a file name speaks of: refusal_soft, refusal_hard or implicit_leakage."""
    name = Path(path).name.lower()
    for task in ("refusal_soft", "refusal_hard", "implicit_leakage"):
        if task in name:
            return task
    raise LlavaFormatError(f"{path}: cannot tell the task from the file name; pass --task")
