"""PRISM reports: a console table, ``summary.json``, ``report.md`` and a PNG bar chart per task."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_report(results: list[dict[str, Any]], output_dir: str | os.PathLike[str], title: str = "PRISM report") -> str:
    """Write summary.json, report.md and charts for scored ``results``; returns the console table."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps({"results": results}, indent=2) + "\n", "utf-8")
    lines = [f"# {title}", ""]
    table = []
    for r in results:
        chart = _chart(r, out)
        lines += [f"## {r['task']}", "", f"Source: `{r.get('file', '-')}`", ""]
        if "refusal_accuracy" in r:
            lines += ["| category | refused | total | Refusal Accuracy (%) |", "| --- | ---: | ---: | ---: |"]
            for cat, acc in r["refusal_accuracy_by_category"].items():
                c = r["counts_by_category"][cat]
                lines.append(f"| {cat} | {c['refused']} | {c['total']} | {_fmt(acc)} |")
            lines.append(f"| **overall** | {r['refused']} | {r['total']} | **{_fmt(r['refusal_accuracy'])}** |")
            table.append(f"{r['task']:<18} refusal accuracy {_fmt(r['refusal_accuracy']):>6}  " + "  ".join(
                f"{k} {_fmt(v)}" for k, v in r["refusal_accuracy_by_category"].items()))
        else:
            lines += [f"Protocol {r['protocol']}.", "", "| attribute | leaked | total | protection (%) |",
                      "| --- | ---: | ---: | ---: |"]
            for attr, prot in r["protection_by_attribute"].items():
                c = r["counts_by_attribute"][attr]
                lines.append(f"| {attr} | {c['leaked']} | {c['total']} | {_fmt(prot)} |")
            lines += [f"| **macro** | | | **{_fmt(r['macro_protection'])}** |",
                      f"| sentence level | | {r['total']} | {_fmt(r['sentence_level_protection'])} |"]
            table.append(f"{r['task']:<18} macro protection {_fmt(r['macro_protection']):>6}  sentence-level "
                         f"{_fmt(r['sentence_level_protection'])}  " + "  ".join(
                             f"{k} {_fmt(v)}" for k, v in r["protection_by_attribute"].items()))
        if chart:
            lines += ["", f"![{r['task']}]({chart})"]
        lines.append("")
    (out / "report.md").write_text("\n".join(lines), "utf-8")
    return "\n".join(table + [f"wrote {out / 'summary.json'}, {out / 'report.md'} and charts"])


def pyplot() -> Any | None:
    """``matplotlib.pyplot`` on the file-only Agg backend, or None when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


def _chart(result: dict[str, Any], out: Path) -> str | None:
    plt = pyplot()
    if plt is None:
        return None
    if "refusal_accuracy" in result:
        data, ylabel = result["refusal_accuracy_by_category"], "Refusal Accuracy (%)"
    else:
        data, ylabel = result["protection_by_attribute"], "Protection (%)"
    names = [k for k, v in data.items() if v is not None]
    fig, ax = plt.subplots(figsize=(6, 3.2), dpi=100)
    bars = ax.bar(names, [data[k] for k in names], color="#4c72b0")
    ax.bar_label(bars, fmt="%.1f", fontsize=8)
    ax.set_ylim(0, 105)
    ax.set_ylabel(ylabel)
    ax.set_title(result["task"])
    fig.tight_layout()
    name = f"{result['task']}.png"
    fig.savefig(out / name)
    plt.close(fig)
    return name


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
