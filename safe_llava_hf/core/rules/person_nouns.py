"""Nouns that name a person and reveal a category: "woman", "grandfather", "toddler", "Latinos".

"the boy's kite" -> a noun to replace ("person"); "a woman doctor" -> a modifier to drop; "baby
stroller", "mother cow", "its mother" and chess pieces in a chess text are not people.
"""

from __future__ import annotations

from .. import words as w
from ..analysis import SentenceAnalysis
from ..tokens import Finding, MentionKind
from .modifiers import modifier_counts


class PersonNounRule:
    name = "person_nouns"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        out = []
        for i in a.candidates:
            t = a.tokens[i]
            noun = a.lex.nouns.get(t.norm)
            if noun is None or a.chess and t.norm in w.CHESS_PIECES:
                continue
            if t.norm in w.SEX_NOUNS and a.first_animal < i and a.first_person >= i:
                continue  # "a female cardinal ... the red male beside it": an animal's sex
            found = self._noun(a, i, *noun)
            if found is not None:
                out.append(found)
        return out

    def _noun(self, a: SentenceAnalysis, i: int, neutral: str, cats: tuple[str, ...]) -> Finding | None:
        toks = a.tokens
        t = toks[i]
        nxt = a.next_word(i)
        if a.is_compound(i) or a.is_figure(i):
            return None  # "baby stroller", "mother cow", "a toy man"
        if nxt is not None and not t.poss:
            follow = toks[nxt].norm
            if follow in a.lex.person_nouns and follow != t.norm:
                return a.finding(i, i, cats, MentionKind.MODIFIER, self.name)  # "woman doctor", "male nurse"
        prev = a.prev_word(i)
        if prev is not None and (toks[prev].low == "its" or toks[prev].poss and toks[prev].norm in w.ANIMAL_NOUNS):
            return None  # "the elephant's mother", "its mother"
        if (t.norm,) in a.lex.phrases:
            # a word that is both noun and adjective: "a female", "a tall teen" vs "female nurse", "is female"
            attributive = nxt is not None and (toks[nxt].norm in a.lex.person_nouns or a.is_modifier(nxt))
            after_adjective = (prev is not None and toks[prev].low not in w.NOT_ADJECTIVES
                               and toks[prev].norm not in a.lex.person_nouns)
            if attributive or not after_adjective:
                cats = a.lex.phrases[(t.norm,)][1]
                return a.finding(i, i, cats, MentionKind.MODIFIER, self.name) if modifier_counts(a, i, i) else None
        if a.after_possessive(i) and t.norm in w.KINSHIP_CHILD:
            neutral = w.KINSHIP_CHILD[t.norm]
        return a.finding(i, i, cats, MentionKind.NOUN, self.name, neutral)
