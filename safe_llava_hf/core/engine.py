"""One :class:`BiometricEngine` per policy: the detector, the rewriter and the request recogniser, built once.

Every use (scrub, judge, guard, demo) receives an engine and never builds its own copies::

    engine = BiometricEngine(BiometricPolicy.default().with_enabled("hair"))
    engine.detect("A blonde woman smiles.")          # mentions, offsets into the text
    engine.rewrite("A blonde woman smiles.").text    # "A person smiles."
    engine.classify("How old is she?").categories    # ("age",)

:meth:`BiometricEngine.for_policy` returns a shared engine for equal policies (policies are immutable),
so building a use twice costs nothing the second time.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import cached_property

from . import words as w

from .detector import Detector
from .normalize import normalize_question
from .policy import BiometricPolicy
from .requests import QuestionClassifier, QuestionVerdict
from .rewrite import Neutralizer, Rewrite
from .tokens import Mention

_SHARED: OrderedDict[str, "BiometricEngine"] = OrderedDict()
_SHARED_MAX = 8


class BiometricEngine:
    """The policy's detector, neutral rewriter and biometric-request recogniser."""

    def __init__(self, policy: BiometricPolicy | None = None):
        self.policy = policy or BiometricPolicy.default()
        self.detector = Detector(self.policy)
        self.neutralizer = Neutralizer(self.detector)
        self.requests = QuestionClassifier(self.detector, self.neutralizer)

    @classmethod
    def for_policy(cls, policy: BiometricPolicy | None = None) -> "BiometricEngine":
        """The shared engine for ``policy`` (the default policy when None), built on first use."""
        policy = policy or BiometricPolicy.default()
        key = policy.fingerprint
        engine = _SHARED.get(key)
        if engine is None:
            engine = _SHARED[key] = cls(policy)
            while len(_SHARED) > _SHARED_MAX:
                _SHARED.popitem(last=False)
        else:
            _SHARED.move_to_end(key)
        return engine

    def detect(self, text: str, person_context: bool = False) -> list[Mention]:
        """Biometric mentions of people in ``text`` (see :meth:`Detector.detect`)."""
        return self.detector.detect(text, person_context)

    def categories(self, text: str, person_context: bool = False) -> set[str]:
        return self.detector.categories(text, person_context)

    def rewrite(self, text: str) -> Rewrite:
        """``text`` describing people neutrally, and what was rewritten."""
        return self.neutralizer.rewrite(text)

    def classify(self, question: str) -> QuestionVerdict:
        """Which categories ``question`` asks for; falsy when none."""
        return self.requests.classify(question)

    def screen(self, question: str) -> QuestionVerdict:
        """What a question asks for, read as written and with obfuscation undone (see :mod:`.normalize`):
        the guard's check, meant for people who try to get around it."""
        verdict = self.requests.classify(question)
        plain = normalize_question(question, self.vocabulary)
        if plain == question:
            return verdict
        other = self.requests.classify(plain)
        cats = dict(zip(verdict.categories, verdict.cues))
        for key, cue in zip(other.categories, other.cues):
            cats.setdefault(key, cue)
        order = [k for k in self.policy.categories if k in cats]
        return QuestionVerdict(tuple(order), tuple(cats[k] for k in order))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The words a misspelt question is corrected to: the policy's words, person nouns, question words."""
        index = self.detector.index
        words = set(index.nouns) | set(index.person_nouns) | {x for p in index.phrases for x in p}
        for key in self.policy.enabled:
            for phrase in self.policy.categories[key].attribute_words:
                words.update(x for x in re.findall(r"[a-z]+", phrase) if len(x) > 2)
        return frozenset(x for x in words | w.QUESTION_WORDS if x.isalpha())

    def neutral_question(self, question: str, verdict: QuestionVerdict) -> str:
        return self.requests.neutral_question(question, verdict)

    def refusal_text(self, categories: list[str] | set[str] | tuple[str, ...]) -> str:
        return self.policy.refusal_text(categories)


def engine_for(engine: BiometricEngine | None) -> BiometricEngine:
    """``engine``, or the shared engine of the default policy."""
    if engine is None:
        return BiometricEngine.for_policy()
    if not isinstance(engine, BiometricEngine):
        raise TypeError(f"expected a BiometricEngine, got {type(engine).__name__}; "
                        "build one with BiometricEngine(policy)")
    return engine
