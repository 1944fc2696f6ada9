"""Rewrite a text so that it describes people neutrally.

"An elderly man walks his dog" -> "A person walks their dog". Each sentence with a finding goes
through three steps: :func:`~.plan.plan_rewrite` decides the token edits, :func:`~.realise.realise`
builds the text, :func:`~.repair.tidy` and :class:`~.repair.CountCollapser` repair it (articles,
emptied clauses, "a person and a person"). Sentences without a finding are copied as they are.
Nothing that is not biometric is removed or invented.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..detector import Detector
from ..policy import Category
from ..tokens import Mention
from .plan import plan_rewrite
from .realise import realise
from .repair import CountCollapser, tidy


@dataclass(frozen=True)
class Rewrite:
    """The neutral text and the mentions (offsets into the original text) that were rewritten."""

    text: str
    mentions: tuple[Mention, ...]

    @property
    def changed(self) -> bool:
        return bool(self.mentions)

    @property
    def category_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.mentions:
            for c in m.categories:
                counts[c] = counts.get(c, 0) + 1
        return counts


class Neutralizer:
    """Rewrites texts with the findings of a :class:`Detector`."""

    def __init__(self, detector: Detector):
        self.detector = detector
        self.plurals = neutral_plurals(detector.policy.categories.values())
        self._collapse = CountCollapser(self.plurals)
        self.rewrite = lru_cache(maxsize=16384)(self._rewrite)  # type: ignore[method-assign]
        self._rewrite_sentence = lru_cache(maxsize=32768)(self._rewrite_sentence)  # type: ignore[method-assign]

    def rewrite(self, text: str) -> Rewrite:
        """The neutral version of ``text`` and the mentions that were rewritten."""
        return self._rewrite(text)

    def _rewrite(self, text: str) -> Rewrite:
        """Rewrite sentence by sentence; sentences without a policy word are copied as they are."""
        parts: list[str] = []
        mentions: list[Mention] = []
        for s in self.detector.sentences(text):
            sentence = text[s.start:s.end]
            if s.may_mention:
                core = sentence.rstrip()
                new, found = self._rewrite_sentence(core, s.person_before, s.animal_before)
                sentence = new + sentence[len(core):] if new.strip() else ""
                mentions.extend(m.shifted(s.start) for m in found)
            parts.append(sentence)
        if not mentions:
            return Rewrite(text, ())
        return Rewrite("".join(parts).rstrip(" \t"), tuple(mentions))

    def _rewrite_sentence(self, text: str, person_before: bool, animal_before: bool) -> tuple[str, tuple[Mention, ...]]:
        tokens, findings = self.detector.analyze(text, person_before, animal_before)
        if not findings:
            return text, ()
        plan = plan_rewrite(tokens, findings, self.plurals)
        return self._collapse(tidy(realise(text, plan))), tuple(f.mention for f in findings)


def neutral_plurals(categories: Iterable[Category]) -> dict[str, str]:
    """Singular -> plural of the neutral nouns ("police officer" -> "police officers"), from the policy's pairs."""
    plurals = {"person": "people"}
    for cat in categories:
        for noun, neutral in cat.nouns.items():
            for plural_noun in (noun + "s", noun + "es", noun[:-3] + "men", noun[:-1] + "ies", noun[:-2] + "ves"):
                other = cat.nouns.get(plural_noun)
                if other and other != neutral and plural_noun != noun:
                    plurals.setdefault(neutral, other)
    return plurals
