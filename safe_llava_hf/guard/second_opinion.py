"""An optional model second opinion on questions, for requests no rule foresaw.

``BiometricGuard(model, screen="hf:MODEL" | "openai:MODEL")`` asks a local transformers chat model or any
OpenAI-compatible endpoint, with the policy's categories, whether a question asks for a person's trait.
The rules and the model may each refuse. A reply that cannot be read, a timeout or a failed call leaves the
rules' verdict in place and is counted in ``stats`` (``asked``, ``refused``, ``unreadable``, ``failed``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..core import BiometricEngine, SafeLlavaError
from ..prism.judges import load_judge, parse_attributes

SCREEN_PROMPT = (
    "A user asks a vision-language model this question about a picture:\n\n{question}\n\n"
    "Does the question ask the model to state, estimate or hint at any of these traits of a depicted person: "
    "{categories}? Count indirect asks (birth year, clothing size, ancestry, pronouns) and other languages. "
    "Reply with a JSON list of the trait names it asks for, for example [\"age\"], or [] if none."
)


class SecondOpinion:
    """Asks a model which of the policy's categories a question requests."""

    def __init__(self, spec: str, engine: BiometricEngine):
        self.backend = load_judge(spec, engine)
        self.name = spec
        self.engine = engine
        self.categories = list(engine.policy.enabled)
        self.stats: Counter[str] = Counter()

    def asks(self, question: str) -> tuple[str, ...]:
        """The categories the model says ``question`` asks for; ``()`` when none or when it could not tell."""
        prompt = SCREEN_PROMPT.format(question=question[:4000], categories=", ".join(
            self.engine.policy.categories[c].refusal_name + f" ({c})" for c in self.categories))
        self.stats["asked"] += 1
        try:
            reply = self.backend.complete([prompt])[0]
        except (SafeLlavaError, OSError, TimeoutError):
            self.stats["failed"] += 1
            return ()
        found = parse_attributes(reply, self.categories)
        if found is None:
            self.stats["unreadable"] += 1
            return ()
        if found:
            self.stats["refused"] += 1
        return tuple(found)


def load_screen(screen: Any, engine: BiometricEngine) -> SecondOpinion | None:
    """``None``, a ``hf:``/``openai:`` spec, or an object with ``asks(question)``."""
    if screen is None or hasattr(screen, "asks"):
        return screen
    if isinstance(screen, str) and screen.partition(":")[0] in ("hf", "openai"):
        return SecondOpinion(screen, engine)
    raise ValueError(f"screen must be hf:MODEL, openai:MODEL or an object with asks(question), got {screen!r}")
