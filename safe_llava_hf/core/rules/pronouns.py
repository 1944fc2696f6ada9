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
                neutral = a.lex.pronoun_forms[key]
                if t.low in ("he", "she") and i > 0 and a.tokens[i - 1].low in w.SIMULTANEITY and a.first_person < i:
                    neutral = a.lex.clause_subject  # "smiles while she holds" -> "while the person holds"
                out.append(a.finding(i, i, cats, MentionKind.PRONOUN, self.name, neutral))
        return out
