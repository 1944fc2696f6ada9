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
        _plan_pronoun(plan, f.first, f.mention.replacement or "they")
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


def _plan_pronoun(plan: EditPlan, i: int, neutral: str) -> None:
    toks = plan.tokens
    low = toks[i].low
    nxt = i + 1 if i + 1 < len(toks) else None
    nxt_low = toks[nxt].low if nxt is not None else ""
    follows_object = nxt is None or not toks[nxt].word or nxt_low in w.OBJECT_FOLLOWERS
    if low == "her":
        word = "them" if follows_object else "their"
    elif low == "his":
        word = "theirs" if follows_object and nxt_low not in ("a", "an", "the") else "their"
    elif low in ("he's", "she's"):
        word = "they've" if nxt_low in ("been", "got", "gotten") else "they're"
    else:
        word = neutral
    plan.replace_cased(i, word)
    if low in ("he", "she"):
        _agree_verb(plan, i)


def _agree_verb(plan: EditPlan, i: int) -> None:
    """Make the verb agree with "they": after the pronoun ("she walks") or before it ("is she")."""
    toks = plan.tokens
    prev = i - 1
    if prev >= 0 and toks[prev].low in w.VERB_AGREEMENT and not plan.is_edited(prev):
        plan.replace_cased(prev, w.VERB_AGREEMENT[toks[prev].low])
        return
    j = i + 1
    while j < len(toks) and toks[j].low in w.ADVERBS_BEFORE_VERB:
        j += 1
    if j >= len(toks) or not toks[j].word:
        return
    v = toks[j]
    if v.low in w.VERB_AGREEMENT:
        plan.replace_cased(j, w.VERB_AGREEMENT[v.low])
    elif v.low.endswith("s") and not v.low.endswith("ss") and v.low not in w.NOT_VERBS and v.low.isalpha() and len(v.low) > 2:
        plan.replace_cased(j, base_form(v.text))
    # "she is wearing an apron and appears focused" -> "... and appear focused"
    for k in range(j + 1, len(toks)):
        t = toks[k]
        if t.text in w.SENTENCE_END or t.low in w.NEW_SUBJECT:
            break
        if t.low in ("and", "but", "or") and k + 1 < len(toks):
            nxt = k + 1
            while nxt < len(toks) and toks[nxt].low in w.ADVERBS_BEFORE_VERB:
                nxt += 1
            if nxt < len(toks) and not plan.is_edited(nxt):
                verb = toks[nxt]
                if verb.low in w.VERB_AGREEMENT:
                    plan.replace_cased(nxt, w.VERB_AGREEMENT[verb.low])
                elif verb.low in w.COMMON_VERBS_3SG:
                    plan.replace_cased(nxt, base_form(verb.text))


def base_form(verb: str) -> str:
    """The plural (base) form of a third-person singular verb: "walks" -> "walk", "carries" -> "carry"."""
    low = verb.lower()
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return verb[:-2]
    return verb[:-1]
