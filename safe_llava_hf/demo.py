"""The Gradio demo: a base model's answer next to the protected answer, with leaks highlighted.

Used by the Space (`spaces/safe-llava-demo/app.py`) and by `safe-llava demo`. Models come from the
environment: SAFE_LLAVA_BASE_MODEL (default llava-hf/llava-1.5-7b-hf), SAFE_LLAVA_PROTECTED_MODEL (a
Safe-LLaVA checkpoint; unset: the base model behind the guard), SAFE_LLAVA_GUARD_MODE (rewrite,
redact or refuse). Offline, `safe-llava demo` runs on the tiny model so the refusal path is visible
without any download.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from .core import BiometricEngine, BiometricPolicy, engine_for
from .guard import VLM, BiometricGuard
from .prism.judges import RulesJudge
from .sample import CATEGORIES, HARD, LEAKAGE, SOFT, draw_picture

try:  # ZeroGPU Spaces allocate a GPU per call; elsewhere this is a no-op
    from spaces import GPU as gpu
except ImportError:  # pragma: no cover - depends on the environment
    def gpu(fn):
        return fn

EXAMPLE_QUESTIONS = ["What is the race of the person in the picture?", "Describe this picture in detail.",
                     "How old is the person on the left?", "What is the person holding?"]
MAX_UPLOAD = "8mb"


class Demo:
    """The models and checks behind the page; the Gradio callbacks call these methods."""

    def __init__(self, base: VLM, protected: VLM | None = None, engine: BiometricEngine | None = None,
                 mode: str = "rewrite", max_new_tokens: int = 128):
        self.engine = engine_for(engine)
        self.policy = self.engine.policy
        self.base = base
        self.guard = BiometricGuard(protected or base, self.engine, mode=mode)
        self.protected_name = protected.name if protected else f"{base.name} + biometric guard ({mode})"
        self.max_new_tokens = max_new_tokens
        self.judge = RulesJudge(self.engine)

    def highlight(self, text: str) -> list[tuple[str, str | None]]:
        """``text`` cut into (piece, category) segments for gr.HighlightedText."""
        out, last = [], 0
        for m in self.engine.detect(text):
            if m.start > last:
                out.append((text[last:m.start], None))
            out.append((m.text, "/".join(m.categories)))
            last = m.end
        if last < len(text):
            out.append((text[last:], None))
        return out

    @gpu
    def ask(self, image: Any, question: str) -> tuple[list[tuple[str, str | None]], str, dict[str, Any]]:
        if image is None:
            raise ValueError("Upload a picture or pick an example first.")
        if not question or not question.strip():
            raise ValueError("Type a question.")
        base_answer = self.base.answer([image], [question], self.max_new_tokens)[0]
        result = self.guard(image, question)
        return self.highlight(base_answer), result.answer, result.verdict.to_dict()

    @gpu
    def prism_check(self, image: Any) -> list[list[str]]:
        """A few PRISM questions on the picture: base vs protected, refusal or leakage per row."""
        if image is None:
            raise ValueError("Upload a picture or pick an example first.")
        rows = [(c, SOFT[c]) for c in CATEGORIES] + [(c, HARD[c]) for c in CATEGORIES[:2]] + [("All", LEAKAGE[1])]
        questions = [q for _, q in rows]
        base = self.base.answer([image] * len(rows), questions, self.max_new_tokens)
        guarded = self.guard.answer([image] * len(rows), questions)
        table = []
        for (cat, q), b, g in zip(rows, base, guarded):
            table.append([cat, q, b, self._verdict(b, cat), g.answer, self._verdict(g.answer, cat)])
        return table

    def _verdict(self, answer: str, category: str) -> str:
        if category == "All":
            leaked = self.judge.leaked(answer)
            return "leaks " + ", ".join(leaked) if leaked else "no leak"
        return "refused" if self.judge.refused(answer, self.policy.key_for_prism_name(category)) else "answered"


def example_pictures(folder: str | os.PathLike[str] | None = None) -> list[str]:
    """Three drawn example pictures (made here, no licence needed)."""
    root = Path(folder or tempfile.mkdtemp(prefix="safe_llava_demo_"))
    return [str(draw_picture(root / f"example_{k}.png", seed=100 + k, size=256)) for k in range(3)]


def build_ui(demo: Demo):
    import gradio as gr

    pictures = example_pictures()
    with gr.Blocks(title="Safe-LLaVA: biometric privacy demo") as ui:
        gr.Markdown("# Safe-LLaVA: biometric privacy for vision-language models\n"
                    "Ask about a picture. The base model may state or guess people's gender, race, age, eye colour "
                    "or weight; the protected model refuses such questions and keeps those traits out of its "
                    "descriptions. Leaked words are highlighted by category.")
        with gr.Tab("Ask"):
            with gr.Row():
                with gr.Column():
                    image = gr.Image(type="pil", label="Picture", sources=["upload"], elem_id="picture")
                    question = gr.Textbox(label="Question", value=EXAMPLE_QUESTIONS[0], elem_id="question")
                    ask = gr.Button("Ask", variant="primary", elem_id="ask-button")
                    gr.Examples([[p, q] for p, q in zip(pictures, EXAMPLE_QUESTIONS)], [image, question])
                with gr.Column():
                    base = gr.HighlightedText(label=f"Base model: {demo.base.name}", elem_id="base-answer",
                                              combine_adjacent=False, show_legend=True)
                    protected = gr.Textbox(label=f"Protected: {demo.protected_name}", elem_id="protected-answer",
                                           lines=4, interactive=False)
                    verdict = gr.JSON(label="Guard verdict", elem_id="verdict")
            ask.click(_errors(demo.ask), [image, question], [base, protected, verdict], api_name="ask")
        with gr.Tab("PRISM check"):
            gr.Markdown("A few PRISM questions on the picture above: direct questions (a private model refuses) "
                        "and a description request (a private model reveals nothing).")
            run = gr.Button("Run PRISM questions", elem_id="prism-button")
            table = gr.Dataframe(headers=["category", "question", "base answer", "base", "protected answer", "protected"],
                                 wrap=True, elem_id="prism-table")
            run.click(_errors(demo.prism_check), [image], [table], api_name="prism_check")
    return ui


def _errors(fn):
    import functools

    import gradio as gr

    @functools.wraps(fn)
    def wrapped(*args):
        try:
            return fn(*args)
        except ValueError as err:
            raise gr.Error(str(err)) from err
    return wrapped


def demo_from_env(model: str | None = None, protected: str | None = None) -> Demo:
    """The Demo the Space runs: models from arguments or the environment."""
    base = VLM.load(model or os.environ.get("SAFE_LLAVA_BASE_MODEL", "llava-hf/llava-1.5-7b-hf"))
    prot_id = protected or os.environ.get("SAFE_LLAVA_PROTECTED_MODEL")
    return Demo(base, VLM.load(prot_id) if prot_id else None,
                BiometricEngine(BiometricPolicy.load(os.environ.get("SAFE_LLAVA_POLICY"))),
                mode=os.environ.get("SAFE_LLAVA_GUARD_MODE", "rewrite"))


def launch(ui, host: str = "127.0.0.1", port: int = 7860, **kwargs):
    """Queue and launch with a bounded upload size."""
    return ui.queue(max_size=32, default_concurrency_limit=1).launch(
        server_name=host, server_port=port, max_file_size=MAX_UPLOAD, **kwargs)
