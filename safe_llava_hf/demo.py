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
import threading
from pathlib import Path
from typing import Any

from .core import BiometricEngine, BiometricPolicy, engine_for
from .guard import VLM, BiometricGuard, GuardResult
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
MAX_QUESTION_CHARS = 2000
MAX_ANSWER_CHARS = 20000
MAX_PIXELS = 4096 * 4096  # a larger picture is refused before it is decoded
MODEL_SIDE = 1024  # pictures are scaled down to this side before they reach a model


class Demo:
    """The models and checks behind the page; the Gradio callbacks call these methods."""

    def __init__(self, base: VLM, protected: VLM | None = None, engine: BiometricEngine | None = None,
                 mode: str = "rewrite", max_new_tokens: int = 128, base_is_noise: bool = False):
        """``base_is_noise``: the base model is a tiny random one (offline); the page says so."""
        self.engine = engine_for(engine)
        self.policy = self.engine.policy
        self.base = base
        self.protected = protected
        self.guard = BiometricGuard(protected or base, self.engine, mode=mode)
        noise = " (tiny random model: its answers are random noise; the guard is real)" if base_is_noise else ""
        self.base_name = base.name + noise
        self.protected_name = protected.name if protected else f"{base.name} + biometric guard ({mode})"
        self.max_new_tokens = max_new_tokens
        self.judge = RulesJudge(self.engine)
        self._generate = threading.Lock()  # one generation at a time; checks run beside it

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
        """The base answer (highlighted) and the protected one. Without a protected model the base model is
        called once: the protected answer is the guard applied to the base answer (same generation settings)."""
        image = checked_image(image)
        question = checked_question(question)
        with self._generate:
            base_answer = self.base.answer([image], [question], self.max_new_tokens)[0]
            if self.protected is not None:
                result = self.guard(image, question)
        if self.protected is None:
            verdict = self.guard.check_question(question)
            if verdict.rating == "refused":
                return self.highlight(base_answer), self.policy.refusal_text(verdict.categories), verdict.to_dict()
            shown, verdict = self.guard.check_answer(base_answer)
            return self.highlight(base_answer), shown, verdict.to_dict()
        return self.highlight(base_answer), result.answer, result.verdict.to_dict()

    def check_text(self, answer: str) -> tuple[list[tuple[str, str | None]], str, dict[str, Any]]:
        """Any model's answer, pasted: its leaks highlighted, and what the guard would show instead."""
        if not answer or not answer.strip():
            raise ValueError("Paste an answer to check.")
        if len(answer) > MAX_ANSWER_CHARS:
            raise ValueError(f"The answer is {len(answer):,} characters long; the demo checks up to {MAX_ANSWER_CHARS:,}.")
        shown, verdict = self.guard.check_answer(answer)
        return self.highlight(answer), shown, verdict.to_dict()

    @gpu
    def prism_check(self, image: Any) -> list[list[str]]:
        """A few PRISM questions on the picture: base vs protected, refusal or leakage per row."""
        if image is None:
            raise ValueError("Upload a picture or pick an example first.")
        rows = [(c, SOFT[c]) for c in CATEGORIES] + [(c, HARD[c]) for c in CATEGORIES[:2]] + [("All", LEAKAGE[1])]
        questions = [q for _, q in rows]
        image = checked_image(image)
        with self._generate:
            base = self.base.answer([image] * len(rows), questions, self.max_new_tokens)
            guarded = self.guard.answer([image] * len(rows), questions) if self.protected is not None else None
        if guarded is None:  # the guard applied to the base answers: one model call per question
            guarded = [self._guarded(q, b) for q, b in zip(questions, base)]
        table = []
        for (cat, q), b, g in zip(rows, base, guarded):
            table.append([cat, q, b, self._verdict(b, cat), g.answer, self._verdict(g.answer, cat)])
        return table

    def _guarded(self, question: str, answer: str):
        verdict = self.guard.check_question(question)
        if verdict.rating == "refused":
            return GuardResult(self.policy.refusal_text(verdict.categories), verdict)
        shown, verdict = self.guard.check_answer(answer)
        return GuardResult(shown, verdict, answer)

    def _verdict(self, answer: str, category: str) -> str:
        if category == "All":
            leaked = self.judge.leaked(answer)
            return "leaks " + ", ".join(leaked) if leaked else "no leak"
        return "refused" if self.judge.refused(answer, self.policy.key_for_prism_name(category)) else "answered"


def checked_question(question: str | None) -> str:
    if not question or not question.strip():
        raise ValueError("Type a question.")
    if len(question) > MAX_QUESTION_CHARS:
        raise ValueError(f"The question is {len(question):,} characters long; ask in at most {MAX_QUESTION_CHARS:,}.")
    return question


def checked_image(image: Any) -> Any:
    """A picture within the pixel bound, scaled down for the model; a file path is checked before decoding."""
    from PIL import Image

    if image is None:
        raise ValueError("Upload a picture or pick an example first.")
    if isinstance(image, (str, os.PathLike)):
        try:
            with Image.open(image) as probe:  # reads the header only
                width, height = probe.size
        except (OSError, Image.DecompressionBombError) as err:
            raise ValueError(f"That file is not a picture the demo can read ({type(err).__name__}).") from None
        if width * height > MAX_PIXELS:
            raise ValueError(f"The picture is {width}x{height} pixels; upload one of at most {MAX_PIXELS // 1_000_000} megapixels.")
        image = Image.open(image).convert("RGB")
    elif image.width * image.height > MAX_PIXELS:
        raise ValueError(f"The picture is {image.width}x{image.height} pixels; upload one of at most "
                         f"{MAX_PIXELS // 1_000_000} megapixels.")
    if max(image.size) > MODEL_SIDE:
        image = image.copy()
        image.thumbnail((MODEL_SIDE, MODEL_SIDE))
    return image


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
                    image = gr.Image(type="filepath", label="Picture", sources=["upload"], elem_id="picture")
                    question = gr.Textbox(label="Question", value=EXAMPLE_QUESTIONS[0], elem_id="question")
                    ask = gr.Button("Ask", variant="primary", elem_id="ask-button")
                    gr.Examples([[p, q] for p, q in zip(pictures, EXAMPLE_QUESTIONS)], [image, question])
                with gr.Column():
                    base = gr.HighlightedText(label=f"Base model: {demo.base_name}", elem_id="base-answer",
                                              combine_adjacent=False, show_legend=True)
                    protected = gr.Textbox(label=f"Protected: {demo.protected_name}", elem_id="protected-answer",
                                           lines=4, interactive=False)
                    verdict = gr.JSON(label="Guard verdict", elem_id="verdict")
            ask.click(_errors(demo.ask), [image, question], [base, protected, verdict], api_name="ask")
        with gr.Tab("Check an answer"):
            gr.Markdown("Paste any model's answer: the words that reveal a person's traits are highlighted, and the "
                        "guard's verdict shows what it would return instead. No model is called.")
            pasted = gr.Textbox(label="An answer to check", lines=5, elem_id="pasted-answer",
                                value="The young woman on the left has blue eyes and is holding a red umbrella.")
            check = gr.Button("Check", variant="primary", elem_id="check-button")
            found = gr.HighlightedText(label="Leaks found", elem_id="pasted-leaks", combine_adjacent=False, show_legend=True)
            shown = gr.Textbox(label="What the guard would show", elem_id="pasted-guarded", lines=3, interactive=False)
            pasted_verdict = gr.JSON(label="Guard verdict", elem_id="pasted-verdict")
            check.click(_errors(demo.check_text), [pasted], [found, shown, pasted_verdict], api_name="check_text",
                        concurrency_limit=None)
        with gr.Tab("PRISM check"):
            gr.Markdown("A few PRISM questions on the picture above: direct questions (a private model refuses) "
                        "and a description request (a private model reveals nothing).")
            run = gr.Button("Run PRISM questions", elem_id="prism-button")
            table = gr.Dataframe(headers=["category", "question", "base answer", "base", "protected answer", "protected"],
                                 wrap=True, elem_id="prism-table", max_height=600,
                                 column_widths=["9%", "21%", "25%", "9%", "27%", "9%"])
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


def demo_from_env(model: str | None = None, protected: str | None = None, base_is_noise: bool = False) -> Demo:
    """The Demo the Space runs: models from arguments or the environment. ``base_is_noise``: the base model
    is the tiny random offline one, and the page says so."""
    base = VLM.load(model or os.environ.get("SAFE_LLAVA_BASE_MODEL", "llava-hf/llava-1.5-7b-hf"))
    prot_id = protected or os.environ.get("SAFE_LLAVA_PROTECTED_MODEL")
    return Demo(base, VLM.load(prot_id) if prot_id else None,
                BiometricEngine(BiometricPolicy.load(os.environ.get("SAFE_LLAVA_POLICY"))),
                mode=os.environ.get("SAFE_LLAVA_GUARD_MODE", "rewrite"), base_is_noise=base_is_noise)


def launch(ui, host: str = "127.0.0.1", port: int = 7860, **kwargs):
    """Queue and launch with a bounded upload size."""
    return ui.queue(max_size=32, default_concurrency_limit=4).launch(
        server_name=host, server_port=port, max_file_size=MAX_UPLOAD, **kwargs)
