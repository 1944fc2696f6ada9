"""Plan the rewrite of one sentence: which tokens are replaced and which deleted.

The planner turns each finding into edits on an :class:`EditPlan` (nouns replaced, pronouns made
neutral with their verbs agreeing, adjectives, traits and phrases deleted with what held them);
:mod:`.realise` then builds the text and :mod:`.repair` tidies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .. import words as w
from ..tokens import Finding, MentionKind, Token
from .deletions import delete_modifier, delete_phrase, delete_trait, drop_dangling_with
from .pronouns import plan_pronoun


class EditPlan:
    """Replacements and deletions by token index, for one sentence's tokens."""

    def __init__(self, tokens: tuple[Token, ...]):
        self.tokens = tokens
        self.replacements: dict[int, str] = {}
        self.deleted: set[int] = set()

    def replace(self, k: int, word: str) -> None:
        self.replacements[k] = word

    def replace_cased(self, k: int, word: str) -> None:
        """Replace token ``k`` by ``word`` with the token's initial capital."""
        self.replacements[k] = match_case(self.tokens[k].text, word)

    def delete(self, ks: Iterable[int]) -> None:
        self.deleted.update(ks)

    def is_edited(self, k: int) -> bool:
        return k in self.replacements


def match_case(original: str, word: str) -> str:
    """``word`` in the case of ``original``: all capitals ("SHE" -> "THEY"), a capital first letter, or as it is."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def plan_rewrite(tokens: tuple[Token, ...], findings: tuple[Finding, ...], plurals: Mapping[str, str]) -> EditPlan:
    """The edits that make one sentence neutral. ``plurals``: neutral singular -> plural ("person" -> "people")."""
    plan = EditPlan(tokens)
    # adjectives that will go too: a comma or "and" between two of them goes with them
    dropped = {k for f in findings if f.kind is MentionKind.MODIFIER for k in range(f.first, f.last + 1)}
    for f in findings:
        _plan_finding(plan, f, dropped, plurals)
    drop_dangling_with(plan)
    return plan


def _plan_finding(plan: EditPlan, f: Finding, dropped: set[int], plurals: Mapping[str, str]) -> None:
    toks = plan.tokens
    kind = f.kind
    if kind is MentionKind.NOUN:
        _plan_noun(plan, f, plurals)
    elif kind is MentionKind.PRONOUN:
        plan_pronoun(plan, f.first, f.mention.replacement or "they")
    elif kind is MentionKind.MODIFIER or (kind is MentionKind.PATTERN and toks[f.last].text.lower().endswith("-eyed")):
        _plan_modifier(plan, f, dropped)
    elif kind is MentionKind.MARKER or (kind is MentionKind.PATTERN and f.last + 1 < len(toks)
                                         and toks[f.last + 1].low in ("eyes", "eye")):
        delete_trait(plan, f.first, f.last + (1 if kind is MentionKind.PATTERN else 0))
    else:
        delete_phrase(plan, f.first, f.last)


def _plan_noun(plan: EditPlan, f: Finding, plurals: Mapping[str, str]) -> None:
    toks = plan.tokens
    t = toks[f.first]
    neutral = f.mention.replacement or "person"
    prev = f.first - 1
    if t.poss and neutral in plurals.values() and prev >= 0 and toks[prev].low in ("a", "an"):
        plan.delete([f.first])  # "a kids' art class" -> "an art class"
        return
    word = match_case(t.text, neutral)
    if t.poss:
        word += "'" if word.endswith("s") else "'s"
    plan.replace(f.first, word)


def _plan_modifier(plan: EditPlan, f: Finding, dropped: set[int]) -> None:
    toks = plan.tokens
    before, after = f.first - 1, f.last + 1
    if before >= 0 and toks[before].low == "the" and after < len(toks) and toks[after].low == "of":
        plan.replace_cased(before, "one")  # "The older of the two" -> "One of the two"
        plan.delete(range(f.first, f.last + 1))
        return
    if (before >= 0 and toks[before].low == "the" and toks[f.first].low in w.RELATIVE_AGE
            and (after >= len(toks) or not toks[after].word)):
        # "the youngest, a boy of four, licks" -> "one of them, a person, licks"
        plan.replace_cased(before, "one")
        plan.replace(f.first, "of them")
        return
    if before >= 0 and toks[before].low == "one" and toks[f.first].low in w.RELATIVE_AGE:
        # "two men, one older and one younger" -> "two people"
        plan.delete(range(before, f.last + 1))
        if before - 1 >= 0 and toks[before - 1].low in (",", "and", "or"):
            plan.delete([before - 1])
        return
    delete_modifier(plan, f.first, f.last, dropped)
