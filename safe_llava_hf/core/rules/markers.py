"""Traits that imply a category: "a beard" (gender), "wrinkles" (age), "dark skin" (race), and the
adjective of a two-word marker said of its noun ("her hair is turning grey").

A marker counts unless it belongs to an animal ("a bearded dragon", "the dog's grey hair").
"""

from __future__ import annotations

from .. import words as w
from ..analysis import SentenceAnalysis
from ..tokens import Finding, MentionKind


class MarkerRule:
    name = "markers"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        out = []
        for i, found in a.phrases:
            if found is None:
                if a.tokens[i].low in a.lex.predicative_markers:
                    cats = _predicative_marker(a, i)
                    if cats:
                        out.append(a.finding(i, i, cats, MentionKind.MODIFIER, self.name))
                continue
            length, kind, cats = found
            last = i + length - 1
            if kind is MentionKind.MARKER and _marker_counts(a, i, last):
                out.append(a.finding(i, last, cats, MentionKind.MARKER, self.name))
        return out


def _marker_counts(a: SentenceAnalysis, first: int, last: int) -> bool:
    nxt = a.next_word(last)
    if nxt is not None and a.tokens[nxt].norm in w.ANIMAL_NOUNS:
        return False  # "bearded dragon"
    return a.owner(first) != "animal"


def _predicative_marker(a: SentenceAnalysis, i: int) -> tuple[str, ...]:
    """"Her hair is turning grey": the adjective of a two-word marker, said of its noun."""
    toks = a.tokens
    j = i - 1
    while j >= 0 and (toks[j].low in w.INTENSIFIERS or toks[j].low in w.EXTENT_WORDS):
        j -= 1
    if j < 0 or not (toks[j].low in w.COPULAS or toks[j].low in w.CHANGE_VERBS):
        return ()
    while j >= 0 and (toks[j].low in w.COPULAS or toks[j].low in w.CHANGE_VERBS or toks[j].low in ("has", "have", "had")):
        j -= 1
    nouns = a.lex.predicative_markers[toks[i].low]
    if j >= 0 and toks[j].norm in nouns and a.owner(j) != "animal":
        return nouns[toks[j].norm]
    return ()
