"""The predicate of a yes/no question about a person: "Is she young and male?", "Is the man by the car fat
and angry?", "Is this a man?", "Is she over 60?", "Are her eyes green?".

:func:`final_predicate` finds what such a question asks of its subject at its end; the helpers tell
whether the subject is a person and what a restated question should keep.
"""

from __future__ import annotations

import re

from . import words as w
from .analysis import SentenceAnalysis
from .detector import Detector
from .grammar import is_bare_plural, word_classes
from .tokens import MentionKind, Token

NUMBER_WORD_RE = re.compile(f"(?:{w.NUMBER_WORDS})")
COLOUR_RE = re.compile(f"\\b(?:{w.EYE_COLOR_WORDS})\\b")


def final_predicate(detector: Detector, text: str) -> tuple[int, int, bool, dict[str, str]] | None:
    """What a yes/no question asks of its subject at its end: "Is she young and male?", "Is the man fat
    and angry?", "Is this a man?", "Is she over 60?". Returns the predicate's first and last token, whether
    it names a person itself (a noun), and category -> cue; None when no biometric word is in it. Words in
    the subject ("Is the young man happy?") or after a preposition ("... of the young man?") are not."""
    tokens, findings = detector.analyze(text)
    if not is_yes_no(tokens) or len(tokens) < 3:
        return None
    index = detector.index
    cats: dict[str, str] = {}
    first, noun, k = None, False, before_tail(tokens, len(tokens) - 2)
    while k > 0:
        t = tokens[k]
        low = t.low
        if not t.word:
            if t.text != ",":
                break
        elif low in w.PREDICATE_JOINERS or low in w.INTENSIFIERS:
            first = k if first is not None else None
        elif t.norm in index.nouns and first is None and tokens[1].low != "there" and names_person(index, t) \
                and (after_article(tokens, k, index) or is_bare_plural(t.low) and tokens[k - 1].word
                     and tokens[k - 1].low not in w.DETERMINERS and tokens[k - 1].low not in w.PREPOSITIONS):
            # "Is this a man?", "Are the two friends on the couch teenagers?"
            j = after_article(tokens, k, index) or k - 1
            for x in range(j + 1, k + 1):
                for c in index.term_categories(tokens[x]):
                    cats.setdefault(c, tokens[x].text)
            first, noun = j, True
            break
        elif low[:1].isdigit() or NUMBER_WORD_RE.fullmatch(low) or low in w.AGE_HEDGES:
            if (low[:1].isdigit() or NUMBER_WORD_RE.fullmatch(low)) and "age" in detector.policy.enabled:
                cats.setdefault("age", t.text)  # "Is she over 60?"
            first = k
        elif (index.phrases.get((t.norm,), ("",))[0] == MentionKind.MODIFIER or "ADJ" in word_classes(low)
              and t.norm not in index.person_nouns) and low not in w.FUNCTION_WORDS:
            for c in index.term_categories(t):
                cats.setdefault(c, t.text)
            first = k
        else:
            break
        k -= 1
    while first is not None and first < len(tokens) - 1 and tokens[first].low in ("and", "or", ",", "nor"):
        first += 1
    if first is not None and not noun:
        seen = " ".join(t.low for t in tokens[first:])
        if COLOUR_RE.search(seen):  # "Are the pilot's eyes green?", "Is her skin dark?"
            for key in attribute_subject(tokens, first):
                cats.setdefault(key, seen)
    if not cats and not any(t.low in ("have", "has") for t in tokens):  # "Is the woman at the till in her twenties?"
        for f in findings:
            if f.kind is MentionKind.PATTERN and f.first > 1:
                for c in f.categories:
                    cats.setdefault(c, f.mention.text)
                first = first if first is not None else f.first
    if not cats:  # "Is he fat or in shape?": a predicative adjective after the subject, not before a noun
        for k in range(2, len(tokens) - 1):
            term = index.phrases.get((tokens[k].norm,))
            nxt = tokens[k + 1]
            if term and term[0] == MentionKind.MODIFIER and not tokens[k].protected \
                    and (not nxt.word or nxt.low in w.CONJUNCTIONS or nxt.low in w.PREPOSITIONS):
                for c in term[1]:
                    cats.setdefault(c, tokens[k].text)
                first = k if first is None else first
    if first is not None and not noun:  # words of a longer phrase in the predicate: "Is the doorman Middle Eastern?"
        for f in findings:
            if f.first >= first and f.kind in (MentionKind.MODIFIER, MentionKind.PATTERN):
                for c in f.categories:
                    cats.setdefault(c, f.mention.text)
    return (first, before_tail(tokens, len(tokens) - 2), noun, cats) if cats and first is not None else None


def attribute_subject(tokens: tuple[Token, ...], end: int) -> frozenset[str]:
    """The categories of a body part that is the subject of a yes/no question ("Are her eyes ...")."""
    for t in tokens[1:end]:
        if t.word and t.norm in w.PERSON_ATTRIBUTE_NOUNS:
            return w.PERSON_ATTRIBUTE_NOUNS[t.norm]
    return frozenset()


def names_person(index, t: Token) -> bool:
    """A noun that says only who someone is by category ("man", "girl", "teenager", "Latinas": its neutral word
    is person/people), unlike a role that also marks one ("waiter", "actress"): "Is he a chef or a waiter?"."""
    return t.norm in index.nouns and index.nouns[t.norm][0] in ("person", "people")


def subject_is_person(ctx: SentenceAnalysis, end: int) -> bool:
    """The subject of a yes/no question, before token ``end``, is a person ("Is the man by the car ...",
    "Is she ...", "Is there a woman that ..."), not a thing ("Is the chair to the right of the boy ...")."""
    toks = ctx.tokens
    for k in range(1, end):
        t = toks[k]
        if t.poss or t.low in ("his", "her", "their") or t.protected:
            continue  # "Is the girl's hair ...", "Is his shirt ...": what is owned is the subject
        if ctx.is_person_word(k):
            return True
        if not t.word or t.low in w.DETERMINERS or t.low in w.FUNCTION_WORDS and t.low not in w.PREPOSITIONS:
            continue  # "Would you say she is ...", "Is there a woman ..."
        if t.norm in w.PERSON_ATTRIBUTE_NOUNS:
            return True  # "Are the waiter's eyes grey?", "Is her skin dark?"
        if t.low in w.PREPOSITIONS or t.low in w.RELATIVES or t.low in w.COPULAS:
            return False
        classes = word_classes(t.norm)
        if "NOUN" in classes and "VERB" not in classes and not ctx.is_modifier(k):
            return False  # "Is the boat ...": a thing is the subject
    return False


def before_tail(tokens: tuple[Token, ...], k: int) -> int:
    """The last token of a question before a tail such as "to you", "in this photo" or "(enough) to drive"
    ending at ``k``."""
    if k >= 3 and tokens[k - 1].low == "to" and tokens[k - 2].low == "enough":
        k -= 3  # "Is the waiter old enough to drink?" -> "old"
    for _ in range(3):
        for tail in w.QUESTION_TAILS:
            n = len(tail)
            if k - n >= 1 and tuple(t.low for t in tokens[k - n + 1:k + 1]) == tail:
                k -= n
                break
        else:
            break
        while k > 1 and not tokens[k].word and tokens[k].text == ",":
            k -= 1
    return k


def kept_predicate(index, tokens: tuple[Token, ...], first: int, last: int) -> str:
    """The words of a final predicate that are not biometric, joined ("happy" of "happy and thin")."""
    kept = [t.text for t in tokens[first:last + 1] if t.word and not index.term_categories(t)
            and t.low not in w.PREDICATE_JOINERS and t.low not in w.INTENSIFIERS and t.low not in w.AGE_HEDGES
            and not t.low[:1].isdigit() and t.low not in w.NUMBER_VALUES]
    return " and ".join(kept)


def after_article(tokens: tuple[Token, ...], k: int, index) -> int:
    """The index of the "a"/"an" before the noun at ``k`` (over policy adjectives: "a little girl"), or 0."""
    j = k - 1
    while j > 0 and index.term_categories(tokens[j]) and tokens[j].norm not in index.nouns:
        j -= 1
    like = tokens[j - 1].low == "like" and j > 1 and tokens[j - 2].low in w.COPULAS  # "does he look like a man?"
    if j > 0 and tokens[j].low in ("a", "an") and (tokens[j - 1].low not in w.PREPOSITIONS or like):
        return j  # "Is this a man?" but not "Is the car to the left of a woman?"
    return 0


def article_start(tokens: tuple[Token, ...], i: int) -> int:
    return i - 1 if i > 0 and tokens[i - 1].low in ("a", "an") else i


def is_yes_no(tokens: tuple[Token, ...]) -> bool:
    return bool(tokens) and tokens[0].low in w.AUX_START and tokens[-1].text == "?"
