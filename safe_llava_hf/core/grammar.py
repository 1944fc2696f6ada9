"""Word classes and verb forms from lemminflect's English lexicon, cached.

The rewriter asks two kinds of question the word lists cannot answer: can a word be a noun, an
adjective or a verb ("her figure" vs "help her figure out"), and what form of a verb agrees with
"they" ("knows" -> "know", "carries" -> "carry", "has" -> "have").
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect

from . import words as w


def preload_lexicon() -> None:
    """Load lemminflect's tables now instead of on first use (before forking workers, so they share them)."""
    lemminflect.getAllLemmas("walking")
    lemminflect.getInflection("walk", "VBZ")


@lru_cache(maxsize=65536)
def word_classes(low: str) -> frozenset[str]:
    """The universal POS tags a lower-case word can have (NOUN, VERB, ADJ, ADV, AUX, ...); empty when unknown."""
    return frozenset(lemminflect.getAllLemmas(low))


@lru_cache(maxsize=65536)
def plural_present(low: str) -> str | None:
    """The form that agrees with "they" of a third-person singular present verb ("knows" -> "know",
    "is" -> "are"); None when ``low`` is not such a verb."""
    if low in w.VERB_AGREEMENT:
        return w.VERB_AGREEMENT[low]
    for lemma in lemminflect.getAllLemmas(low, "VERB").get("VERB", ()):
        if low in lemminflect.getInflection(lemma, "VBZ"):
            return lemma
    return None


@lru_cache(maxsize=65536)
def is_past_participle(low: str) -> bool:
    """``low`` is the past participle of a verb ("done", "helped", "proven")."""
    return any(low in lemminflect.getInflection(lemma, "VBN") for lemma in lemminflect.getAllLemmas(low, "VERB").get("VERB", ()))


@lru_cache(maxsize=65536)
def verb_lemma(low: str) -> str | None:
    """The first verb lemma of ``low`` ("gave" -> "give"), or None."""
    lemmas = lemminflect.getAllLemmas(low, "VERB").get("VERB", ())
    return lemmas[0] if lemmas else None


@lru_cache(maxsize=65536)
def noun_lemmas(low: str) -> tuple[str, ...]:
    """The noun lemmas of ``low`` ("men" -> ("man",)); empty when it is no noun."""
    return tuple(lemminflect.getAllLemmas(low, "NOUN").get("NOUN", ()))


@lru_cache(maxsize=65536)
def is_present_participle(low: str) -> bool:
    """``low`` is the -ing form of a verb ("wearing", "waiting"), not a noun that ends so ("king", "ring")."""
    return low.endswith("ing") and any(
        low in lemminflect.getInflection(lemma, "VBG") for lemma in lemminflect.getAllLemmas(low, "VERB").get("VERB", ()))


@lru_cache(maxsize=65536)
def is_bare_plural(low: str) -> bool:
    """A plural noun form ("kids", "men", "teens"), never a pronoun ("hers")."""
    if low in w.PRONOUNS:
        return False
    lemmas = noun_lemmas(low)
    return bool(lemmas) and low not in lemmas
