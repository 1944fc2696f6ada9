"""A guard that makes any vision-language model keep people's biometric traits to itself.

    guard = BiometricGuard(VLM.load("llava-hf/llava-1.5-7b-hf"), mode="redact")
    result = guard(image, "What is the race of the person?")
    result.answer            # the policy's refusal; the model was not called
    result.verdict.to_dict() # {"rating": "refused", "stage": "question", "categories": ["race"], ...}

Before generation the question is classified: a request for a person's biometric attribute gets the
policy's refusal and the model is not called. After generation the answer is checked with the shared
detector and, by ``mode``, refused (``refuse``), redacted span by span (``redact``) or rewritten
neutrally with the scrubber (``rewrite``). Every call returns the answer and a JSON-serialisable
verdict: rating (safe / refused / redacted / rewritten), stage, categories, spans, rationale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..core import BiometricEngine, Mention, engine_for
from ..core.grammar import word_classes
from .second_opinion import load_screen

MODES = ("refuse", "redact", "rewrite")
REDACTION = "[redacted]"
VERDICT_SCHEMA_VERSION = 1


@dataclass
class Span:
    start: int
    end: int
    text: str
    categories: list[str]


@dataclass
class Verdict:
    """The guard's decision about one call. ``to_dict()`` is stable (``schema_version``)."""

    rating: str  # safe | refused | redacted | rewritten
    stage: str  # question | answer
    categories: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    rationale: str = ""
    schema_version: int = VERDICT_SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class GuardResult:
    answer: str
    verdict: Verdict
    raw_answer: str | None = None  # what the model said, when it was called

    def to_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "verdict": self.verdict.to_dict(), "raw_answer": self.raw_answer}


class BiometricGuard:
    """Wraps a model: a :class:`~safe_llava_hf.guard.vlm.VLM`, a transformers ``image-text-to-text``
    pipeline, or any callable ``fn(image, question) -> str``. ``engine``: the policy's engine (the
    default policy when None)."""

    def __init__(self, model: Any, engine: BiometricEngine | None = None, mode: str = "redact", screen: Any = None):
        """``screen``: an optional model second opinion on questions, ``hf:MODEL`` or ``openai:MODEL``
        (see :mod:`.second_opinion`); the rules refuse on their own either way."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.engine = engine_for(engine)
        self.policy = self.engine.policy
        self.screen = load_screen(screen, self.engine)
        self.mode = mode
        self.model = model
        self._answer_batch = _batch_function(model)

    # --------------------------------------------------------------- checks without a model
    def check_question(self, question: str) -> Verdict:
        """``refused`` with the categories asked for, or ``safe``."""
        asked = self.engine.screen(question)
        if asked:
            names = ", ".join(self.policy.categories[c].refusal_name for c in asked.categories)
            return Verdict("refused", "question", list(asked.categories), [],
                           f"The question asks for a person's {names} ({', '.join(repr(c) for c in asked.cues)}).")
        model_says = self.screen.asks(question) if self.screen is not None else ()
        if model_says:
            names = ", ".join(self.policy.categories[c].refusal_name for c in model_says)
            who = getattr(self.screen, "name", "a model")
            return Verdict("refused", "question", list(model_says), [],
                           f"A second opinion ({who}) finds that the question asks for a person's {names}.")
        return Verdict("safe", "question", rationale="The question does not ask for a biometric attribute.")

    def check_answer(self, answer: str) -> tuple[str, Verdict]:
        """The answer to show and its verdict, by the guard's mode."""
        mentions = self.engine.detect(answer)
        if not mentions:
            return answer, Verdict("safe", "answer", rationale="The answer reveals no biometric attribute of a person.")
        spans = [Span(m.start, m.end, m.text, list(m.categories)) for m in mentions]
        cats = [c for c in self.policy.categories if any(c in m.categories for m in mentions)]
        what = ", ".join(f"{s.text!r} ({'/'.join(s.categories)})" for s in spans[:6])
        if self.mode == "refuse":
            return (self.policy.refusal_text(cats),
                    Verdict("refused", "answer", cats, spans, f"The answer revealed {what}; it was replaced by a refusal."))
        if self.mode == "rewrite":
            rewritten = self.engine.rewrite(answer).text
            if usable_rewrite(rewritten, answer) and not self.engine.detect(rewritten):
                return (rewritten, Verdict("rewritten", "answer", cats, spans,
                                           f"The answer revealed {what}; it was rewritten neutrally."))
            return (self.policy.refusal_text(cats),
                    Verdict("refused", "answer", cats, spans, f"The answer revealed {what}; nothing readable was left "
                                                              "after rewriting it, so it was replaced by a refusal."))
        return (redact(answer, mentions),
                Verdict("redacted", "answer", cats, spans, f"The answer revealed {what}; those words were redacted."))

    # --------------------------------------------------------------- guarded generation
    def __call__(self, image: Any, question: str) -> GuardResult:
        return self.answer([image], [question])[0]

    def answer(self, images: Sequence[Any], questions: Sequence[str]) -> list[GuardResult]:
        """Guarded answers for a batch: refused questions never reach the model."""
        results: list[GuardResult | None] = [None] * len(questions)
        todo = []
        for i, q in enumerate(questions):
            verdict = self.check_question(q)
            if verdict.rating == "refused":
                results[i] = GuardResult(self.policy.refusal_text(verdict.categories), verdict)
            else:
                todo.append(i)
        if todo:
            raw = self._answer_batch([images[i] for i in todo], [questions[i] for i in todo])
            for i, text in zip(todo, raw):
                shown, verdict = self.check_answer(text)
                results[i] = GuardResult(shown, verdict, text)
        return [r for r in results if r is not None]


_FRAGMENT_RE = re.compile(r"\b(?:a|an|the|and|or|with|of|so|is|are|was|were|looks?|seems?|appears?|has|have|as|like|be|"
                          r"described)\s*[\"\u201d]?\s*[.,;:!?]"
                          r"|\b(?:an?|the) (?:and|or|with|of|is|are)\b|\byears of age\b|^\W*$", re.I)


_DETERMINER_END_RE = re.compile(r"\b(?:a|an|the|their) ([A-Za-z-]+)\s*[.!?;,]")


def usable_rewrite(rewritten: str, original: str) -> bool:
    """A rewrite worth showing: not empty, not a fragment ("The person looks years of age.", "An and ..."), and
    not so short that little of the answer is left."""
    if not rewritten.strip() or _FRAGMENT_RE.search(rewritten):
        return False
    for m in _DETERMINER_END_RE.finditer(rewritten):  # "has a distinctive.": an adjective left without its noun
        if word_classes(m.group(1).lower()) == {"ADJ"}:
            return False
    return len(rewritten.split()) >= max(2, len(original.split()) // 4)


def redact(text: str, mentions: list[Mention]) -> str:
    """Replace every mention's span by ``[redacted]``."""
    out, last = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        out += [text[last:m.start], REDACTION]
        last = m.end
    out.append(text[last:])
    return "".join(out)


def _batch_function(model: Any) -> Callable[[Sequence[Any], Sequence[str]], list[str]]:
    if hasattr(model, "answer") and callable(model.answer):
        return model.answer  # VLM
    if getattr(model, "task", None) == "image-text-to-text":  # transformers pipeline
        def run_pipeline(images, questions):
            outs = []
            for img, q in zip(images, questions):
                msgs = [{"role": "user", "content": [{"type": "image", "image": img}, {"type": "text", "text": q}]}]
                result = model(text=msgs, return_full_text=False, generate_kwargs={"do_sample": False})
                outs.append(result[0]["generated_text"] if isinstance(result, list) else str(result))
            return outs
        return run_pipeline
    if callable(model):
        return lambda images, questions: [str(model(img, q)) for img, q in zip(images, questions)]
    raise TypeError("the guard wraps a VLM, an image-text-to-text pipeline, or a callable fn(image, question) -> str")
