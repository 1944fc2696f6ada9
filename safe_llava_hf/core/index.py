"""The enabled part of a policy, indexed for the rules: words and phrases by token, patterns compiled.

Built once per policy by the engine; every rule unit reads it, none changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from . import words as w
from .policy import BiometricPolicy
from .tokens import MentionKind, Token, tokenize

_LABEL_STOP = ("the", "their", "his", "her", "how")


@dataclass(frozen=True)
class PolicyIndex:
    """Look-up tables over one policy's enabled categories."""

    policy: BiometricPolicy
    nouns: Mapping[str, tuple[str, tuple[str, ...]]]  # noun -> (neutral word, categories)
    phrases: Mapping[tuple[str, ...], tuple[MentionKind, tuple[str, ...]]]  # modifier/marker words -> (kind, cats)
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (compiled pattern, category)
    pronoun_categories: tuple[str, ...]  # categories that gendered pronouns reveal
    pronoun_forms: Mapping[str, str]  # gendered pronoun -> neutral form (the policy picks the reflexive)
    clause_subject: str  # what "he"/"she" become after while/as/when
    person_nouns: frozenset[str]  # every word that names a person
    phrase_starts: frozenset[str]  # first words of multi-word modifiers and markers
    modifier_starts: frozenset[str]  # first words of multi-word modifiers only ("middle" of "middle eastern")
    phrase_words: frozenset[str]  # all words of multi-word modifiers and markers
    # "grey hair" is a marker, so "the hair is grey" is one too: adjective -> {noun: categories}
    predicative_markers: Mapping[str, Mapping[str, tuple[str, ...]]]
    labels: Mapping[str, str]  # "gender", "eye color", "build" -> category (labelled lines)
    max_phrase_len: int
    quick_words: frozenset[str] = field(default=frozenset())  # a sentence without these has no token mention
    token_words: frozenset[str] = field(default=frozenset())  # words a token rule may start at
    pattern_always: bool = False  # a pattern needs no number, decade or eye word: search every sentence
    pattern_words: frozenset[str] = field(default=frozenset())  # number and decade words that open a window
    any_pattern: re.Pattern[str] = re.compile("(?!)")

    @classmethod
    def build(cls, policy: BiometricPolicy) -> "PolicyIndex":
        nouns: dict[str, tuple[str, tuple[str, ...]]] = {}
        phrases: dict[tuple[str, ...], tuple[MentionKind, tuple[str, ...]]] = {}
        patterns: list[tuple[re.Pattern[str], str]] = []
        pronoun_cats: list[str] = []
        for key in policy.enabled:
            cat = policy.categories[key]
            if cat.pronouns:
                pronoun_cats.append(key)
            for noun, neutral in cat.nouns.items():
                repl, cats = nouns.get(noun, (neutral, ()))
                nouns[noun] = (repl, cats + (key,))
            for kind, entries in ((MentionKind.MODIFIER, cat.modifiers), (MentionKind.MARKER, cat.markers)):
                for phrase in entries:
                    toks = tuple(t.norm for t in tokenize(phrase) if t.word)
                    if toks:
                        old_kind, cats = phrases.get(toks, (kind, ()))
                        phrases[toks] = (old_kind, cats + (key,))
            patterns.extend((p, key) for p in cat.compiled_patterns())
        labels: dict[str, str] = {}
        for key in policy.enabled:
            for word in policy.categories[key].attribute_words:
                parts = [p for p in word.split() if p not in _LABEL_STOP]
                if "..." not in word and parts and len(parts) <= 3:
                    labels.setdefault(" ".join(parts), key)
        predicative: dict[str, dict[str, tuple[str, ...]]] = {}
        for phrase, (kind, cats) in phrases.items():
            if kind is MentionKind.MARKER and len(phrase) == 2:
                predicative.setdefault(phrase[0], {})[phrase[1]] = cats
        # every category's nouns name people, whether or not the category is enabled
        all_nouns = {n: r for cat in policy.categories.values() for n, r in cat.nouns.items()}
        neutral = {x for repl in all_nouns.values() for x in repl.lower().split()[-1:]}
        raw_patterns = [raw for key in policy.enabled for raw in policy.categories[key].patterns]
        quick = frozenset(nouns) | {p[0] for p in phrases} | frozenset(w.PRONOUNS)
        return cls(
            policy=policy, nouns=MappingProxyType(nouns), phrases=MappingProxyType(phrases), patterns=tuple(patterns),
            pronoun_categories=tuple(pronoun_cats),
            pronoun_forms=MappingProxyType({**w.PRONOUNS, "himself": policy.neutral_reflexive,
                                            "herself": policy.neutral_reflexive}),
            clause_subject=policy.clause_subject,
            person_nouns=frozenset(w.PERSON_NOUNS | set(all_nouns) | neutral | set(policy.person_nouns)),
            phrase_starts=frozenset(p[0] for p in phrases if len(p) > 1),
            modifier_starts=frozenset(p[0] for p, (kind, _) in phrases.items() if len(p) > 1 and kind is MentionKind.MODIFIER),
            phrase_words=frozenset(x for p in phrases if len(p) > 1 for x in p),
            predicative_markers=MappingProxyType({k: MappingProxyType(v) for k, v in predicative.items()}),
            labels=MappingProxyType(labels), max_phrase_len=max((len(p) for p in phrases), default=1),
            quick_words=quick, token_words=quick | frozenset(predicative),
            pattern_always=any(not re.search(r"NUMBER|DECADE|EYECOLOR|\\d", raw) for raw in raw_patterns),
            pattern_words=frozenset(x for x in re.findall(r"[a-z]+", f"{w.NUMBER_WORDS}|{w.DECADE_WORDS}") if len(x) > 2),
            any_pattern=re.compile("|".join(f"(?:{p.pattern})" for p, _ in patterns) or "(?!)", re.I),
        )

    def phrase_at(self, tokens: tuple[Token, ...], i: int) -> tuple[int, MentionKind, tuple[str, ...]] | None:
        """The longest modifier or marker starting at token ``i``: (length, kind, categories)."""
        t = tokens[i]
        if t.low in self.phrase_starts:
            for length in range(min(self.max_phrase_len, len(tokens) - i), 1, -1):
                key = tuple(tokens[i + k].norm if k == length - 1 else tokens[i + k].low for k in range(length))
                if key in self.phrases and all(tokens[i + k].word for k in range(length)):
                    return (length, *self.phrases[key])
        single = self.phrases.get((t.norm,))
        return (1, *single) if single is not None else None

    def term_categories(self, t: Token) -> tuple[str, ...]:
        """The categories a single unprotected word reveals as a noun, modifier or marker (``()`` for none)."""
        if not t.word or t.protected:
            return ()
        if t.norm in self.nouns:
            return self.nouns[t.norm][1]
        return self.phrases.get((t.norm,), ("", ()))[1]

    def is_term(self, t: Token) -> bool:
        """The word is a policy noun, a one-word modifier or marker, or part of a longer one."""
        return t.norm in self.nouns or (t.norm,) in self.phrases or t.low in self.phrase_words
