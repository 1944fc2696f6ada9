"""Biometric adjectives ("young", "Asian", "slim"), counted only when they describe a person.

"an old man", "she looks slim", "of Asian descent", "the older of the two" count; "an old building",
"a slim phone", "a large crowd", "her dark attire" do not.
"""

from __future__ import annotations

from .. import words as w
from ..analysis import SentenceAnalysis
from ..tokens import Finding, MentionKind


class ModifierRule:
    name = "modifiers"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        out = []
        for i, found in a.phrases:
            if found is not None and found[1] is MentionKind.MODIFIER and modifier_counts(a, i, i + found[0] - 1):
                out.append(a.finding(i, i + found[0] - 1, found[2], MentionKind.MODIFIER, self.name))
        return out


def modifier_counts(a: SentenceAnalysis, first: int, last: int) -> bool:
    """The adjective at tokens ``first``..``last`` describes a person."""
    toks = a.tokens
    before = first - 1
    while before >= 0 and (toks[before].low in w.INTENSIFIERS or toks[before].low == "not"):
        before -= 1
    if before >= 0 and toks[before].low in w.COPULAS and toks[before].low != "'s" and a.predicative_person(first):
        return True  # "the woman that is not young sitting ...": a predicate, whatever follows it
    if first > 0 and toks[first - 1].low in w.INDEFINITE_PEOPLE:
        return True  # "someone muscular and broad-shouldered"
    nxt = last + 1
    appositive = nxt + 2 < len(toks) and toks[nxt].text == "," and toks[nxt + 2].norm in a.lex.person_nouns
    if first == last and toks[first].low in w.RELATIVE_AGE and (a.first_person < first or appositive):
        prev = toks[first - 1].low if first > 0 else ""
        follow = toks[nxt].low if nxt < len(toks) else ""
        if prev in ("one", "the", "an", "a") and (follow in ("one", "ones", "", "and", "or") or not toks[nxt].word):
            return True  # "the youngest, a boy of four", "two men, one older and one younger"
    if nxt < len(toks) and toks[nxt].low == "of":
        # "the older of the two men", "the youngest of them"
        after = nxt + 1
        if after < len(toks) and toks[after].low in ("them", "us", "you"):
            return True
        return a.head_after(nxt, skip_determiners=True)[0] in ("person", "attribute")
    head, where = a.head_after(last)
    if head == "attribute":
        return bool(set(_phrase_categories(a, first, last)) & w.PERSON_ATTRIBUTE_NOUNS[toks[where].norm])
    if head == "thing" and where is not None and toks[where].norm in w.ETHNIC_ATTIRE_NOUNS:
        return ("race" in _phrase_categories(a, first, last) and toks[first].low not in w.COLOUR_WORDS
                and a.owner(first) == "person")
    if head == "person":
        # "a large crowd", "a big family": size words say nothing about anyone's body
        return not (toks[first].low in w.SIZE_MODIFIERS and where is not None
                    and any(toks[k].norm in w.GROUP_NOUNS for k in range(last + 1, where + 1)))
    if head in ("animal", "thing"):
        return False
    surface = " ".join(toks[k].norm for k in range(first, last + 1))
    if surface not in w.AMBIGUOUS_MODIFIERS:
        return a.has_person_before(first) or a.predicative_person(first) or a.fronted_person(first)
    return a.predicative_person(first) or a.fronted_person(first)


def _phrase_categories(a: SentenceAnalysis, first: int, last: int) -> tuple[str, ...]:
    return a.lex.phrases.get(tuple(a.tokens[k].norm for k in range(first, last + 1)), ("", ()))[1]
