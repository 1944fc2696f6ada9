"""Tokens, mentions and findings: the values the engine passes around. All are immutable.

- :class:`Token`: a word or punctuation mark of a sentence, with its character offsets.
- :class:`Mention`: what the detector reports: a span of the *whole text* (character offsets), the
  categories it reveals, its :class:`MentionKind` and the rule that found it.
- :class:`Finding`: a mention together with the token span inside the sentence it was found in; only
  the rewriter, which works sentence by sentence, needs token indices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from . import words as w
from .grammar import is_bare_plural, is_present_participle

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[-'\u2019][A-Za-z0-9]+)*(?:(?<=s)['\u2019](?![A-Za-z]))?|\S")
# Quoted text read off an image is protected, and so are fixed expressions not about a person.
QUOTE_RE = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')
READING_CUE_RE = re.compile(r"\b(?:reads?|reading|says?|saying|said|written|writing|labell?ed|printed|spell(?:s|ed|ing)?|"
                             r"titled|entitled|text|words?|letters|sign|banner|logo|caption|inscription|slogan)\b", re.I)
_AS_VALUE_RE = re.compile(r"(?:\b(?:as|is|are|was|were|be|seem|seems|look|looks)|:)\s*$", re.I)
FIXED: dict[str, list[tuple[str, ...]]] = {}
for _phrase in w.FIXED_EXPRESSIONS:
    _parts = tuple(_phrase.split())
    FIXED.setdefault(_parts[0], []).append(_parts)
for _v in FIXED.values():
    _v.sort(key=len, reverse=True)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    norm: str  # lower case, possessive 's / s' removed
    poss: bool
    word: bool
    protected: bool = False


class MentionKind(str, Enum):
    """How a mention is rewritten: a ``noun`` is replaced, a ``pronoun`` made neutral, a ``modifier``
    (adjective) dropped, a ``marker`` (a trait such as a beard) dropped with what held it, a
    ``pattern`` (a phrase such as "in her forties") dropped."""

    PATTERN = "pattern"
    MARKER = "marker"
    NOUN = "noun"
    MODIFIER = "modifier"
    PRONOUN = "pronoun"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


# When two mentions overlap, the kind that wins (lower first).
KIND_PRIORITY = {MentionKind.PATTERN: 0, MentionKind.MARKER: 1, MentionKind.NOUN: 2, MentionKind.MODIFIER: 3,
                 MentionKind.PRONOUN: 4}


@dataclass(frozen=True, slots=True)
class Mention:
    """One biometric mention: a character span of the text, the categories it reveals and how it was found.

    ``kind``: see :class:`MentionKind`; ``replacement``: the neutral word for a noun or pronoun;
    ``rule``: the rule unit that found it (``person_nouns``, ``modifiers``, ``patterns``, ...).
    """

    start: int
    end: int
    text: str
    categories: tuple[str, ...]
    kind: MentionKind
    replacement: str | None = None
    rule: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "categories": list(self.categories),
                "kind": self.kind.value}

    def shifted(self, offset: int) -> "Mention":
        """The same mention in a text that starts ``offset`` characters earlier."""
        if not offset:
            return self
        return Mention(self.start + offset, self.end + offset, self.text, self.categories, self.kind, self.replacement,
                       self.rule)


@dataclass(frozen=True, slots=True)
class Finding:
    """A mention and its tokens ``first``..``last`` (inclusive) in the sentence it was found in."""

    mention: Mention
    first: int
    last: int

    @property
    def kind(self) -> MentionKind:
        return self.mention.kind

    @property
    def categories(self) -> tuple[str, ...]:
        return self.mention.categories


def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into word and punctuation tokens; quoted text, fixed expressions and words in
    capitals inside normal text (read off a sign: "reads OLD MAN") are protected."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) without the generated __new__: tokenizing is the hottest loop
    fixed_at: list[int] = []
    # words in capitals are text read off the picture after a reading cue ("a sign that reads OLD MAN"),
    # emphasis otherwise ("The person is EAST ASIAN.")
    capitals = not text.isupper() and READING_CUE_RE.search(text) is not None
    for m in TOKEN_RE.finditer(text):
        s = m.group(0)
        start, end = m.span()
        low = s.lower()
        if not s[0].isalnum():
            append(new(Token, (start, end, s, low, low, False, False, False)))
            continue
        norm, poss = low, False
        if "'" in low or "\u2019" in low:
            low = norm = low.replace("\u2019", "'")
            if low.endswith("'s") and low not in w.PRONOUNS:
                norm, poss = low[:-2], True
            elif low.endswith("s'"):
                norm, poss = low[:-1], True
            elif low not in w.PRONOUNS and low.split("'")[0] in ("he", "she"):
                norm = low.split("'")[0]  # "he'II", "she'd've": a pronoun with an ending the lists lack
        if low in FIXED:
            fixed_at.append(len(tokens))
        append(new(Token, (start, end, s, low, norm, poss, True, capitals and s.isupper() and len(s) > 1 and s.isalpha())))
    if '"' in text or "\u201c" in text:
        _protect_quoted(text, tokens)
    _protect_product_wording(tokens)
    for k in fixed_at:
        for phrase in FIXED[tokens[k].low]:
            if tuple(x.low for x in tokens[k:k + len(phrase)]) == phrase:
                for j in range(k, k + len(phrase)):
                    tokens[j] = tokens[j]._replace(protected=True)
                break
    return tuple(tokens)


def _protect_product_wording(tokens: list[Token]) -> None:
    """Protect the run of words that names a product ("john denver country boy dvd", "zew for men beard soap",
    "child's crafts") and bare plural audiences after a noun ("crafts for kids", "games for teens")."""
    for k, t in enumerate(tokens):
        if not t.word:
            continue
        if t.norm in w.PRODUCT_NOUNS:
            j = k - 1
            while j >= 0 and tokens[j].word and tokens[j].low not in w.DETERMINERS and tokens[j].low not in w.PRODUCT_RUN_STOPS \
                    and not is_present_participle(tokens[j].low) and tokens[j].low not in w.PRONOUNS:
                j -= 1
            owner = tokens[j + 1] if j + 1 < k else None
            if owner is not None and owner.poss and j >= 0 and tokens[j].low in w.DETERMINERS:
                continue  # "the boy's shirt" is a person's shirt
            for x in range(j + 1, k + 1):
                tokens[x] = tokens[x]._replace(protected=True)
        elif t.low == "for" and 0 < k < len(tokens) - 1 and tokens[k - 1].word and tokens[k + 1].word \
                and tokens[k - 1].low not in w.DETERMINERS and tokens[k - 1].low not in w.COPULAS \
                and not is_present_participle(tokens[k - 1].low) \
                and is_bare_plural(tokens[k + 1].low) and (k + 2 >= len(tokens) or not tokens[k + 2].word
                                                         or tokens[k + 2].low in w.RELATIVES):
            tokens[k + 1] = tokens[k + 1]._replace(protected=True)  # "birthday crafts for kids,"


def _protect_quoted(text: str, tokens: list[Token]) -> None:
    """Quoted text is read off the picture, unless a short quote stands as a value ("described as "yellow"",
    "eyes are "green"") with no reading cue before it."""
    spans = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)
             if not (_AS_VALUE_RE.search(text, 0, m.start()) and len(m.group(0).split()) <= 3
                     and not READING_CUE_RE.search(text, 0, m.start()))]
    q = 0
    for k, t in enumerate(tokens):
        while q < len(spans) and spans[q][1] <= t.start:
            q += 1
        if q < len(spans) and spans[q][0] <= t.start < spans[q][1] and not t.protected:
            tokens[k] = t._replace(protected=True)
