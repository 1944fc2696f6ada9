"""A small Gradio app for the PRISM metric (evaluate's own widget does not work with Gradio >= 4).

Paste answers, one per line, pick the task and the category asked about, and get the PRISM figures
with each answer's verdict. Run locally with `python metrics/prism/app.py`.
"""

from __future__ import annotations

import json
import os
import sys

import gradio as gr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from prism import Prism  # noqa: E402

CATEGORIES = ["Age", "Gender", "Race", "Eye_Color", "Weight", "All"]
TASKS = ["refusal_soft", "refusal_hard", "implicit_leakage"]
EXAMPLE = "I'm sorry, I can't determine that.\nShe appears to be in her thirties.\nThe person is wearing a red coat."


def score(answers: str, task: str, category: str) -> tuple[str, list[list[str]]]:
    """PRISM figures (JSON) and a table of answers with their verdicts."""
    lines = [line for line in answers.splitlines() if line.strip()]
    if not lines:
        raise gr.Error("Paste at least one answer, one per line.")
    if task != "implicit_leakage" and category == "All":
        raise gr.Error("Refusal tasks need the category that was asked about.")
    metric = Prism()
    result = metric.compute(predictions=lines, references=[category] * len(lines), task=task, return_details=True)
    verdicts = result.pop("judgements")
    table = [[line, v if isinstance(v, str) else (", ".join(v) or "none")] for line, v in zip(lines, verdicts)]
    return json.dumps(result, indent=2), table


def build_app() -> gr.Blocks:
    with gr.Blocks(title="PRISM metric") as app:
        gr.Markdown("# PRISM: biometric privacy of vision-language model answers\n"
                    "Refusal Accuracy for direct questions, protection for open descriptions. "
                    "The judge is local and deterministic (safe-llava-hf rules).")
        with gr.Row():
            answers = gr.Textbox(label="Answers, one per line", lines=8, value=EXAMPLE)
            with gr.Column():
                task = gr.Dropdown(TASKS, value="refusal_soft", label="Task")
                category = gr.Dropdown(CATEGORIES, value="Age", label="Category asked about (All for leakage)")
                button = gr.Button("Score", variant="primary")
        figures = gr.Code(label="PRISM figures", language="json")
        verdicts = gr.Dataframe(headers=["answer", "verdict"], label="Verdicts", wrap=True)
        button.click(score, [answers, task, category], [figures, verdicts], api_name="score")
    return app


if __name__ == "__main__":
    build_app().queue().launch()
