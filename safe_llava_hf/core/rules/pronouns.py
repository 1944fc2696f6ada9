"""Gendered pronouns (he, she, him, her, his, hers, himself, herself, he's, ...), unless the sentence
is about an animal and no person was named before ("The dog wags her tail")."""

from __future__ import annotations

from .. import words as w
from ..analysis import SentenceAnalysis
from ..tokens import Finding, MentionKind


class PronounRule:
    name = "pronouns"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        cats = a.lex.pronoun_categories
        if not cats:
            return []
        out = []
        for i in a.candidates:
            t = a.tokens[i]
            key = t.low if t.low in w.PRONOUNS else t.norm if t.norm in w.PRONOUNS else None
            if key is not None and not (a.first_animal < i and a.first_person >= i):
                out.append(a.finding(i, i, cats, MentionKind.PRONOUN, self.name, a.lex.pronoun_forms[key]))
        return out
