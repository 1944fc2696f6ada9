"""Neutral pronouns chosen from the sentence, and the verbs that must agree with "they".

- "her": "them" as an object ("help her figure it out", "kept her alive"), "their" before what she
  owns ("her back", "her little sister"); "his": "their" before a noun, "theirs" standing alone.
- "he's"/"she's": "they've" before a participle with an object ("she's helped me"), else "they're".
- Contractions keep their ending ("he'll" -> "they'll", even "he'II" as subtitles spell it).
- The verb after "he"/"she" agrees through adverbs ("he already knows" -> "they already know"), and so
  do verbs coordinated with it ("she laughs and waves").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import words as w
from ..grammar import is_past_participle, noun_lemmas, plural_present, verb_lemma, word_classes
from ..tokens import Token

if TYPE_CHECKING:
    from .plan import EditPlan

_OPENERS = frozenset("\"'\u201c\u2018(*[")
_SUBJECT_AFTER_VERB = frozenset("it he she they there this that i you we".split())


def plan_pronoun(plan: "EditPlan", i: int, neutral: str) -> None:
    """Replace the gendered pronoun at token ``i``; make its verb agree."""
    toks = plan.tokens
    t = toks[i]
    low = t.low
    if low == "her":
        word = "their" if _her_owns(toks, i) else "them"
    elif low == "his":
        word = "their" if _his_owns(toks, i) else "theirs"
    elif low in ("he's", "she's"):
        word = "they've" if _perfect_after(toks, i) else "they're"
    elif low not in w.PRONOUNS:  # "he'II", "she'd've": the stem changes, the ending stays as written
        stem = low.split("'")[0]
        word = "they" + t.text[len(stem):]
    else:
        word = neutral
    plan.replace_cased(i, word)
    if low in ("he", "she") and word == "they":
        agree_verb(plan, i)


def _her_owns(toks: tuple[Token, ...], i: int) -> bool:
    """ "her" is a determiner (their) rather than an object (them): a noun phrase follows it, and it is
    not the first object of a verb of giving ("gave her money", as the reference rewrites do)."""
    nxt = i + 1
    if nxt >= len(toks) or not toks[nxt].word:
        return False
    prev = toks[i - 1].low if i > 0 and toks[i - 1].word else ""
    if prev and verb_lemma(prev) in w.GIVING_VERBS and _given_thing(toks, nxt):
        return False
    t = toks[nxt]
    low = t.norm
    if low in w.POSSESSED_QUANTIFIERS:
        return True
    classes = word_classes(low)
    if low in w.ADVERB_NOUNS:  # "on her back", "because her back ached", "it was her way" vs "brought her back"
        return not prev or prev in w.PREPOSITIONS or prev in w.CONJUNCTIONS or prev in w.RELATIVES or prev in w.COPULAS
    if low in w.OBJECT_ADVERBS and "ADJ" not in classes or low in w.OBJECT_FOLLOWERS or low in w.FUNCTION_WORDS \
            or low in w.PRONOUNS:
        return False
    if not classes:
        return "'" not in t.low  # "her didn't" is not; an unknown name or number ("her 30s") is hers
    if classes & {"NOUN", "PROPN", "NUM"} and low not in w.OBJECT_ADVERBS:
        if "ADJ" in classes and prev and verb_lemma(prev) in w.COMPLEMENT_VERBS and not _noun_follows(toks, nxt + 1):
            return False  # "keep her safe", "drive her crazy" (but "keep her daughter")
        if "VERB" in classes and (_bare_infinitive(prev, low) or low.endswith("ing") and not _noun_follows(toks, nxt + 1)):
            return False  # "help her figure it out", "saw her working at"
        return True
    if _bare_infinitive(prev, low):
        return False  # "lets her absorb blood"
    # an adjective, adverb or participle: hers only if a noun follows ("her overwhelming cleaning duties",
    # "her first day") - "kept her alive", "makes her unable to", "saw her leaving the room" are objects
    return _noun_follows(toks, nxt + 1)


def _bare_infinitive(prev: str, low: str) -> bool:
    """``low`` is a verb's base form after a verb that takes one ("let her go", "made her laugh")."""
    return bool(prev) and verb_lemma(prev) in w.BARE_INFINITIVE_VERBS and verb_lemma(low) == low


def _given_thing(toks: tuple[Token, ...], k: int) -> bool:
    """After a verb of giving, the words from ``k`` are what is given, so "her" before them is the first
    object: an indefinite pronoun or amount ("nothing", "one thousand dollars") or a plural or mass noun
    ("gave her flowers", "gave her advice"). A singular countable noun needs a determiner to be given,
    so "lent her truck" is her truck."""
    head = None
    for j in range(k, min(k + 4, len(toks))):
        t = toks[j]
        if not t.word:
            break
        low = t.low
        if low in w.INDEFINITE_THINGS or low[:1].isdigit() or low in w.NUMBER_VALUES:
            return True
        if noun_lemmas(low):
            head = low  # the last noun of "relationship advice" is what is given
        elif head is not None or not word_classes(low) & {"ADJ", "ADV"}:
            break
    if head is None:
        return False
    return head in w.MASS_NOUNS or head not in noun_lemmas(head)  # mass or plural


def _noun_follows(toks: tuple[Token, ...], k: int) -> bool:
    """A noun starts at ``k`` or after up to two more modifiers."""
    for j in range(k, min(k + 3, len(toks))):
        t = toks[j]
        if not t.word or t.low in w.FUNCTION_WORDS or t.low in w.OBJECT_FOLLOWERS or t.low in w.PRONOUNS:
            return False
        classes = word_classes(t.norm)
        if classes & {"NOUN", "PROPN", "NUM"} or t.poss:
            return True
        if not classes & {"ADJ", "ADV", "VERB"}:
            return False
    return False


def _his_owns(toks: tuple[Token, ...], i: int) -> bool:
    """ "his" is a determiner (their) rather than the possessive pronoun (theirs)."""
    nxt = i + 1
    if nxt >= len(toks):
        return False
    t = toks[nxt]
    if not t.word:  # his "captain" role
        return t.text in _OPENERS and nxt + 1 < len(toks) and toks[nxt + 1].word
    return t.low not in w.AFTER_POSSESSIVE_PRONOUN


def _perfect_after(toks: tuple[Token, ...], i: int) -> bool:
    """ "he's" means "he has": before "been"/"got", or a participle with an object ("she's helped me")."""
    j = i + 1
    while j < len(toks) and toks[j].low in w.ADVERBS_BEFORE_VERB:
        j += 1
    if j >= len(toks) or not toks[j].word:
        return False
    low = toks[j].low
    if low in ("been", "got", "gotten"):
        return True
    if not is_past_participle(low) or j + 1 >= len(toks) or not toks[j + 1].word:
        return False
    obj = toks[j + 1].low
    return obj in w.DETERMINERS or obj in w.PRONOUNS or obj in ("that", "it", "me", "you", "us", "them", "him") \
        or ("NOUN" in word_classes(obj) and obj not in w.PREPOSITIONS and obj not in w.FUNCTION_WORDS)


def agree_verb(plan: "EditPlan", i: int) -> None:
    """Make the verb agree with "they": after the pronoun ("she walks") or before it ("is she"), and the
    verbs coordinated with it."""
    toks = plan.tokens
    prev = i - 1
    if prev >= 0 and toks[prev].low in w.VERB_AGREEMENT and not plan.is_edited(prev):
        plan.replace_cased(prev, w.VERB_AGREEMENT[toks[prev].low])
        return
    j = _skip_adverbs(toks, i + 1)
    if j >= len(toks) or not toks[j].word:
        return
    verb = toks[j]
    plural = w.VERB_AGREEMENT.get(verb.low) or (plural_present(verb.low) if verb.low not in w.NOT_VERBS else None)
    if plural is None:
        return
    plan.replace_cased(j, plural)
    for k in range(j + 1, len(toks)):  # "she is wearing an apron and appears focused" -> "... and appear focused"
        t = toks[k]
        if t.text in w.SENTENCE_END or t.low in w.NEW_SUBJECT:
            break
        if t.low in ("and", "but", "or") and k + 1 < len(toks):
            nxt = _skip_adverbs(toks, k + 1)
            if nxt < len(toks) and not plan.is_edited(nxt) and _coordinated_verb(toks, nxt):
                plan.replace_cased(nxt, plural_present(toks[nxt].low) or toks[nxt].text)


def _skip_adverbs(toks: tuple[Token, ...], j: int) -> int:
    """The first token from ``j`` that is not an adverb ("already", "normally") or an emphatic "himself"."""
    while j < len(toks) and (toks[j].low in w.ADVERBS_BEFORE_VERB or toks[j].low in ("himself", "herself")
                             or toks[j].low.endswith("ly") and "ADV" in word_classes(toks[j].low)
                             and not word_classes(toks[j].low) & {"VERB", "NOUN"}):
        j += 1
    return j


def _coordinated_verb(toks: tuple[Token, ...], k: int) -> bool:
    """The word at ``k`` after "and"/"or" is a verb sharing the pronoun subject: a known third-person
    verb, or one that takes what follows it ("or says something", "and loses then"), never one with a
    subject of its own ("or was it")."""
    low = toks[k].low
    if plural_present(low) is None or low in w.NOT_VERBS:
        return False
    after = toks[k + 1] if k + 1 < len(toks) else None
    if after is not None and after.low in _SUBJECT_AFTER_VERB and low in w.VERB_AGREEMENT:
        return False  # "Did he kill himself or was it something else"
    if low in w.COMMON_VERBS_3SG or low in w.VERB_AGREEMENT or "NOUN" not in word_classes(low):
        return True
    return after is not None and after.word and (after.low in w.DETERMINERS or after.low in w.PRONOUNS
                                                 or after.low in w.FUNCTION_WORDS or after.low in w.ADVERBS_BEFORE_VERB)
