"""Find every mention of a biometric trait of a person in a text.

The :class:`Detector` runs the rule units (:mod:`.rules`) over each sentence's analysis and merges
what they find. The scrubber rewrites the mentions, the PRISM judge scores them, the guard redacts
them and the demo highlights them::

    detector = Detector(BiometricPolicy.default())
    for m in detector.detect("A young woman walks her dog past an old building."):
        print(m.start, m.end, m.text, m.categories, m.rule)
    # 2 7 young ('age',) modifiers   8 13 woman ('gender',) person_nouns   19 22 her ('gender',) pronouns

A word counts only when it describes a person: "old building", "white shirt", "baby elephant",
"man-made", a cat's "blue eyes", brand names ("Old Navy") and protected text read off an image do not.
Mentions carry offsets into the whole text; sentence analyses are cached and immutable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from . import words as w
from .analysis import SentenceAnalysis
from .index import PolicyIndex
from .policy import BiometricPolicy
from .rules import Rule, default_rules
from .rules.labels import LABEL_RE, label_category
from .tokens import KIND_PRIORITY, Finding, Mention, Token, tokenize

# A sentence: up to and including its end punctuation and the spaces after it, or a line.
SENTENCE_RE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"')\]\u201d]*|\n|$)[ \t]*(?:\n[ \t]*)*")
_WORD_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*'?")
_DIGIT_RE = re.compile(r"\d")
_FIELD_KEY_RE = re.compile(r"(?:gender|sex|race|ethnicity|age|eyes?[ _-]?colou?r|eyes|weight|build|body[ _-]?type)[\"']?\s*[:=]")


class Sentence(NamedTuple):
    """One sentence of a text: its span, whether it may mention anything, and what came before it."""

    start: int
    end: int
    may_mention: bool
    person_before: bool
    animal_before: bool


class SentenceReading(NamedTuple):
    """The tokens of one sentence and the findings in it (token indices are the sentence's own)."""

    tokens: tuple[Token, ...]
    findings: tuple[Finding, ...]


class Detector:
    """Finds biometric mentions of people under a :class:`BiometricPolicy` with a list of rule units."""

    def __init__(self, policy: BiometricPolicy | None = None, rules: Sequence[Rule] | None = None):
        self.policy = policy or BiometricPolicy.default()
        self.index = PolicyIndex.build(self.policy)
        self.rules: tuple[Rule, ...] = tuple(rules if rules is not None else default_rules())
        # Texts repeat a lot in instruction data ("Describe the image."): remember recent analyses.
        self._cached_analyze = lru_cache(maxsize=16384)(self._analyze)
        self._cached_sentences = lru_cache(maxsize=4096)(self._sentences)

    # ----------------------------------------------------------------- public API
    def detect(self, text: str, person_context: bool = False) -> list[Mention]:
        """All mentions in ``text`` (offsets into ``text``), sorted by position, overlapping ones merged.

        Sentences without any policy word are skipped; the others are analysed one by one (cached),
        knowing whether a person or an animal was named before them. ``person_context``: the text is
        an answer about a person ("What race is this person?" -> "Probably white."), so bare
        adjectives and subjectless phrases are about that person.
        """
        out: list[Mention] = []
        for s in self.sentences(text, person_context):
            if s.may_mention:
                reading = self.analyze(text[s.start:s.end], s.person_before, s.animal_before, person_context)
                out.extend(f.mention.shifted(s.start) for f in reading.findings)
        return out

    def categories(self, text: str, person_context: bool = False) -> set[str]:
        """The set of categories that ``text`` reveals about a person."""
        return {c for m in self.detect(text, person_context) for c in m.categories}

    def sentences(self, text: str, person_context: bool = False) -> tuple[Sentence, ...]:
        """Each sentence of ``text`` with whether it may mention anything and what was named before it."""
        return self._cached_sentences(text, bool(person_context))

    def _sentences(self, text: str, person_context: bool) -> tuple[Sentence, ...]:
        return tuple(self._iter_sentences(text, person_context))

    def _iter_sentences(self, text: str, person_context: bool) -> Iterator[Sentence]:
        person, animal = person_context, False
        for start, end in _spans(text):
            low = text[start:end].lower()
            words = _words(low)
            yield Sentence(start, end, self._may_mention_words(low, words), person, animal)
            person = person or not self.index.person_nouns.isdisjoint(words)
            animal = animal or not w.ANIMAL_NOUNS.isdisjoint(words)

    def analyze(self, text: str, person_before: bool = False, animal_before: bool = False,
                person_context: bool = False) -> SentenceReading:
        """Tokens and findings of one sentence ``text`` (the rewriter needs both). Immutable and cached.

        ``person_before``/``animal_before``: text before this one named a person/an animal (decides
        whether "her" is a dog's); ``person_context``: see :meth:`detect`.
        """
        return self._cached_analyze(text, bool(person_before), bool(animal_before), bool(person_context))

    def sentence_analysis(self, text: str, person_before: bool = False, animal_before: bool = False,
                          person_context: bool = False) -> SentenceAnalysis:
        """The rules' view of ``text`` as one token sequence (used by the request recogniser)."""
        tokens = self.analyze(text, person_before, animal_before, person_context).tokens
        return SentenceAnalysis(text, tokens, self.index, person_before, animal_before, person_context)

    def may_mention(self, text: str) -> bool:
        """Cheap test: False means ``text`` has no policy word, no number, no "eye" word and no label."""
        low = text.lower()
        return self._may_mention_words(low, _words(low))

    # ----------------------------------------------------------------- internals
    def _may_mention_words(self, low: str, words: set[str]) -> bool:
        """``low``: the lower-cased text; ``words``: its words."""
        index = self.index
        if index.pattern_always or "eye" in low or "iris" in low or "gaze" in low or "stare" in low:
            return True
        if ":" in low or "\uff1a" in low or "=" in low:
            m = LABEL_RE.match(low)
            if m and label_category(index, m.group("label")) is not None or _FIELD_KEY_RE.search(low):
                return True
        quick = index.quick_words
        if not quick.isdisjoint(words) or any("'" in x and x.split("'")[0] in quick for x in words):
            return True
        if index.pattern_words.isdisjoint(words) and not _DIGIT_RE.search(low):
            return False
        return index.any_pattern.search(low) is not None

    def _analyze(self, text: str, person_before: bool, animal_before: bool, person_context: bool) -> SentenceReading:
        tokens = tokenize(text)
        if not self.may_mention(text):  # the same gate as sentences(): no policy word, number, eye word or label
            return SentenceReading(tokens, ())
        a = SentenceAnalysis(text, tokens, self.index, person_before, animal_before, person_context)
        findings = [f for rule in self.rules for f in rule.find(a)]
        return SentenceReading(tokens, merge_findings(findings, text))


MAX_SENTENCE = 600  # characters: a longer run without an end mark is analysed in pieces, so cost stays linear


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text``; a run longer than ``MAX_SENTENCE`` is cut at spaces into pieces."""
    for m in SENTENCE_RE.finditer(text):
        start, end = m.span()
        if start == end:
            continue
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut + 1 if cut > start else start + MAX_SENTENCE
            yield start, cut
            start = cut
        yield start, end


def _words(low: str) -> set[str]:
    return set(_WORD_RE.findall(low.replace("\u2019", "'") if "\u2019" in low else low))


def merge_findings(findings: list[Finding], text: str) -> tuple[Finding, ...]:
    """Sort findings and merge overlapping ones (union of categories, widest span; the kind and
    replacement of the stronger kind; the rule names of both)."""
    findings.sort(key=lambda f: (f.mention.start, -f.mention.end))
    out: list[Finding] = []
    for f in findings:
        m = f.mention
        if out and m.start < out[-1].mention.end:
            prev = out[-1].mention
            keep = prev if KIND_PRIORITY[prev.kind] <= KIND_PRIORITY[m.kind] else m
            start, end = min(prev.start, m.start), max(prev.end, m.end)
            rules = "+".join(dict.fromkeys(prev.rule.split("+") + m.rule.split("+")))
            merged = Mention(start, end, text[start:end], tuple(dict.fromkeys(prev.categories + m.categories)),
                             keep.kind, keep.replacement, rules)
            out[-1] = Finding(merged, min(out[-1].first, f.first), max(out[-1].last, f.last))
        else:
            out.append(f)
    return tuple(out)
