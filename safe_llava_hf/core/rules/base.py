"""What every rule unit is: a name and ``find(analysis) -> findings``, plus the shared candidate scan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ..analysis import SentenceAnalysis
from ..tokens import Finding, MentionKind


class Rule(Protocol):
    """A family of detection rules. ``name`` is recorded in every mention it finds."""

    name: str

    def find(self, a: SentenceAnalysis) -> list[Finding]: ...


def candidates(a: SentenceAnalysis) -> Iterator[int]:
    """Indices of the tokens a token rule may look at: unprotected words of the policy's vocabulary
    that are not part of a name ("Old Navy", "Queen Street")."""
    words = a.lex.token_words
    for i, t in enumerate(a.tokens):
        if t.word and (t.norm in words or t.low in words) and not t.protected and not a.is_proper(i):
            yield i


def phrase_candidates(a: SentenceAnalysis) -> Iterator[tuple[int, tuple[int, MentionKind, tuple[str, ...]] | None]]:
    """``(i, phrase)`` for each candidate token: the longest modifier or marker starting there
    (length, kind, categories), or None."""
    for i in candidates(a):
        yield i, a.lex.phrase_at(a.tokens, i)
