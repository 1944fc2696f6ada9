"""One leaderboard from a folder in the PRISM release's layout: our judge's figures beside the published ones.

    safe-llava prism compare prism_published --output-dir prism_compare

The folder holds ``answers/<model>/<task>_Answer.jsonl`` (the benchmark's own answer files, unchanged) and,
optionally, ``results/<judge>/<model>/<task>_Results.txt`` (the published GPT and Gemini results). Every
answer file is judged with our judge and scored as the release scores it (implicit leakage by protocol v1:
each attribute over its own images); the report gives models x tasks x categories, the published figures
beside ours and the difference, in ``summary.json``, ``report.md`` and ``leaderboard.png``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from .files import judge_rows, read_answers, score_rows
from .judges import Judge
from .metrics import LEAKAGE_TASK, PRISM_CATEGORIES, TASKS
from .report import pyplot

_BLOCK_RE = re.compile(r"Category:\s*(?P<cat>\w+)\s*\n\s*Total:\s*(?P<total>\d+)\s*\n\s*Refused:\s*(?P<refused>\d+)")
_ATTR_RE = re.compile(r"\[(?P<attr>[A-Z_]+)\]\s*\n(?:.*\n){0,3}?\s*Attribute Level \(100-Leakage\):\s*(?P<pct>[\d.]+)%")


def parse_results(path: str | Path, task: str) -> dict[str, float]:
    """A published ``*_Results.txt``: category (PRISM name) or attribute (key) -> percent, plus ``overall``."""
    text = Path(path).read_text("utf-8")
    if task == LEAKAGE_TASK:
        values = {m.group("attr").lower(): float(m.group("pct")) for m in _ATTR_RE.finditer(text)}
        if values:
            values["overall"] = round(sum(values.values()) / len(values), 2)
        return values
    values, refused, total = {}, 0, 0
    for m in _BLOCK_RE.finditer(text):
        n, r = int(m.group("total")), int(m.group("refused"))
        values[m.group("cat")] = round(100 * r / n, 2) if n else None
        refused, total = refused + r, total + n
    if total:
        values["overall"] = round(100 * refused / total, 2)
    return values


def compare(folder: str | Path, judge: Judge) -> list[dict[str, Any]]:
    """One row per model, task and category: ours, each published judge's, and ours minus theirs."""
    root = Path(folder)
    answers = sorted((root / "answers").glob("*/*_Answer.jsonl"))
    if not answers:
        raise InputError(f"{root}: no answers/<model>/<task>_Answer.jsonl files (the PRISM release's layout)")
    judges = sorted(p.name for p in (root / "results").iterdir() if p.is_dir()) if (root / "results").is_dir() else []
    rows = []
    for path in answers:
        model, task = path.parent.name, path.name[: -len("_Answer.jsonl")]
        if task not in TASKS:
            continue
        answered = read_answers(path)
        verdicts = judge_rows(answered, task, judge, str(path))
        judged = [{**{k: v for k, v in r.items() if k != "_line"}, "judgement": v} for r, v in zip(answered, verdicts)]
        ours = _figures(score_rows(judged, task, protocol="v1"), task)
        published = {}
        for name in judges:
            result = root / "results" / name / model / f"{task}_Results.txt"
            if result.is_file():
                published[name] = parse_results(result, task)
        for category in ours:
            row = {"model": model, "task": task, "category": category, "ours": ours[category]}
            for name, values in published.items():
                theirs = values.get(category)
                row[name] = theirs
                row[f"ours_minus_{name}"] = None if theirs is None or ours[category] is None else round(ours[category] - theirs, 2)
            rows.append(row)
    return rows


def _figures(scored: dict[str, Any], task: str) -> dict[str, float | None]:
    if task == LEAKAGE_TASK:
        return {"overall": scored["macro_protection"], **scored["protection_by_attribute"]}
    by = scored["refusal_accuracy_by_category"]
    return {"overall": scored["refusal_accuracy"], **{c: by[c] for c in PRISM_CATEGORIES if c in by}}


def write_comparison(rows: list[dict[str, Any]], out_dir: str | Path, judge_name: str) -> str:
    """``summary.json``, ``report.md`` and ``leaderboard.png``; returns the console table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps({"judge": judge_name, "rows": rows}, indent=2) + "\n", "utf-8")
    others = sorted({k for r in rows for k in r if k not in ("model", "task", "category", "ours")
                     and not k.startswith("ours_minus_")})
    head = ["model", "task", "category", f"ours ({judge_name})", *others, *[f"ours - {o}" for o in others]]
    lines = ["# PRISM leaderboard", "", "Refusal tasks: Refusal Accuracy (%). Implicit leakage: protection (%) per "
             "attribute, protocol v1 (each attribute over its own images), and their mean.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    table = []
    for r in rows:
        cells = [r["model"], r["task"], r["category"], _fmt(r["ours"]), *[_fmt(r.get(o)) for o in others],
                 *[_fmt(r.get(f"ours_minus_{o}")) for o in others]]
        lines.append("| " + " | ".join(cells) + " |")
        if r["category"] == "overall":
            table.append(f"{r['model']:24} {r['task']:18} ours {_fmt(r['ours']):>6}" +
                         "".join(f"  {o} {_fmt(r.get(o)):>6}" for o in others))
    if _chart(rows, out, others):
        lines += ["", "![leaderboard](leaderboard.png)"]
    (out / "report.md").write_text("\n".join(lines) + "\n", "utf-8")
    return "\n".join(table + [f"wrote {out / 'summary.json'}, {out / 'report.md'}"])


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _chart(rows: list[dict[str, Any]], out: Path, others: list[str]) -> bool:
    plt = pyplot()
    overall = [r for r in rows if r["category"] == "overall"]
    if plt is None or not overall:
        return False
    labels = [f"{r['model']}\n{r['task']}" for r in overall]
    series = [("ours", [r["ours"] or 0 for r in overall])] + [(o, [r.get(o) or 0 for r in overall]) for o in others]
    width = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(max(6, 1.2 * len(overall)), 3.6), dpi=100)
    for k, (name, values) in enumerate(series):
        ax.bar([i + k * width for i in range(len(overall))], values, width, label=name)
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(overall))], labels, fontsize=7)
    ax.set_ylim(0, 105)
    ax.set_ylabel("%")
    ax.set_title("PRISM: refusal accuracy and leakage protection, ours beside the published judges")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "leaderboard.png")
    plt.close(fig)
    return True
