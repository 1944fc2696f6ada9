"""Repair a realised sentence: articles that agree, emptied clauses removed, spacing and doubled words.

Each pass runs only where the text shows it may be needed, and only around the edit marks where it
can change something the rewrite did. ``"a person and a person"`` becomes ``"two people"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .. import words as w
from .plan import match_case
from .realise import MARK

# "he or she" -> "they or they" -> "they"; "men and women" -> "people and people" -> "people" (edited words only)
_DUP_PRONOUN_RE = re.compile(r"\x00(they|them|their|theirs|themselves|themself)\b[ \t]*(?:or|/|and)[ \t]*\x00\1\b", re.I)
_DUP_PLURAL_RE = re.compile(r"\x00(people|children|siblings|parents|relatives)[ \t]+and[ \t]+\x00\1\b", re.I)
_DANGLING_RE = re.compile(
    r"\b(?:is|are|was|were|be|looks?|looked|appears?|appeared|seems?|seemed|has|have|had)"
    r"(?:\s+(?:to be|very|quite|rather|fairly|somewhat|slightly|extremely|really|probably|likely|possibly|also|a bit|both"
    r"|turning|turned|going|gone|getting))*"
    r"[ \t]*\x00[\s\x00]*(?=[.!?;,]|\s*(?:and|but|while)\b|$)")
_ARTICLE_RE = re.compile(r"\b([Aa]n?)([\s\x00]+)([A-Za-z][\w-]*)")
# a relative clause whose whole predicate was removed, before the clause goes on
_EMPTY_RELATIVE_RE = re.compile(r"[ \t]+(?:that|who|which)[ \t]+(?:is|are|was|were)(?:[ \t]+not)?(?:[ \t]*\x00)+[ \t]+(?=[A-Za-z])")
_DOUBLED_NEUTRAL_RE = re.compile(r"\b(person|people|persons)[ \t]+\x00\1\b", re.I)
_MARK_RUN_RE = re.compile(r"[ \t]*\x00[ \t\x00]*")
_SPACES_RE = re.compile(r"[ \t]+")
# a comma left beside another, or at the start of a clause, by a deletion ("a person, \x00, tall")
_DOUBLE_COMMA_RE = re.compile(r",[ \t]*\x00[ \t\x00]*,")
_LEADING_COMMA_RE = re.compile(r"(^|[.!?(][ \t]*|\b(?:a|an|the|their|and)[ \t]+)[ \t\x00]*\x00[ \t\x00]*,[ \t]*", re.M | re.I)
_FOLLOWING_CLAUSE_RE = re.compile(r"[\s\x00]*,?\s*(?:and|but|while)\b\s*")
# "two people and a person" -> "three people"; "a person and two people" -> "three people"
_MIXED_COUNT_RE = re.compile(r"\b(?:(?P<n1>[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight) people and (?:a|one) person"
                             r"|(?P<a>[Aa]|[Oo]ne) person and (?P<n2>two|three|four|five|six|seven|eight) people)\b")


def tidy(text: str) -> str:
    """Fix articles, drop emptied clauses, then joiners and spacing around the edit marks; text away
    from every edit is left byte for byte as it was."""
    lead = text[:len(text) - len(text.lstrip(" \t"))]
    if "a" in text or "A" in text:
        text = _fix_articles(text)
    text = _drop_dangling(text)
    if "\x00" in text and ("that" in text or "who" in text or "which" in text):
        text = _EMPTY_RELATIVE_RE.sub(" \x00 ", text)  # "the person that is not \x00 wearing" -> "the person wearing"
    if "," in text:
        text = _LEADING_COMMA_RE.sub(r"\1", _DOUBLE_COMMA_RE.sub(",", text))
    if " or " in text or "/" in text or " and " in text:
        text = _DUP_PLURAL_RE.sub("\x00\\1", _DUP_PRONOUN_RE.sub("\x00\\1", text))
    if "person" in text or "people" in text:
        text = _DOUBLED_NEUTRAL_RE.sub(r"\1", text)  # "a person woman" -> "a person person" -> "a person"
    text = _MARK_RUN_RE.sub(_close_gap, text)
    return lead + text.strip(" \t") if text.strip(" \t") else ""


def _close_gap(m: re.Match[str]) -> str:
    """What a run of spaces and edit marks becomes: nothing at a line start, before punctuation or after
    an opening bracket; else the first stretch of whitespace it held (one space or a tab, as written)."""
    text, start, end = m.string, m.start(), m.end()
    if start == 0 or text[start - 1] in "\n([\u201c" or end == len(text) or text[end] in ",.;:!?)]\n":
        return ""
    spaces = _SPACES_RE.search(m.group(0))
    return spaces.group(0) if spaces else ""


class CountCollapser:
    """ "a police officer and a police officer" -> "two police officers", "two people and a person" ->
    "three people"."""

    def __init__(self, plurals: Mapping[str, str]):
        self.plurals = plurals
        nouns = "|".join(sorted((re.escape(n) for n in plurals), key=len, reverse=True))
        self._coord_re = re.compile(
            r"\b(?:(?P<det>[Aa]n?|[Oo]ne|[Tt]he|[Tt]heir)\s+(?P<mid>(?:[a-z-]+\s+){0,2}?))?(?P<noun>" + nouns +
            r")(?P<more>(?:,\s+(?:a|an|another|one)\s+(?P=noun))*),?\s+and\s+(?:(?:a|an|another|one|the|their)\s+)?(?P=noun)\b")

    def __call__(self, text: str) -> str:
        text = self._coord_re.sub(self._collapse_pair, text)
        if " people" in text:
            text = _MIXED_COUNT_RE.sub(_add_counts, text)
        return text

    def _collapse_pair(self, m: re.Match[str]) -> str:
        det, mid, noun = m.group("det"), m.group("mid") or "", m.group("noun")
        plural = self.plurals[noun]
        if det is None:
            return plural
        if det.lower() in ("a", "an", "one"):
            count = 2 + m.group("more").count(",")
            return match_case(det, w.COUNT_WORDS.get(count, str(count))) + " " + mid + plural
        return det + " " + mid + plural


def _add_counts(m: re.Match[str]) -> str:
    n = w.NUMBER_VALUES[(m.group("n1") or m.group("n2")).lower()] + 1
    first = m.group("n1") or m.group("a")
    return match_case(first, w.COUNT_WORDS.get(n, str(n))) + " people"


def _fix_articles(text: str) -> str:
    """Make "a"/"an" agree with the next word wherever an edit happened between or on them."""
    def fix(m: re.Match[str]) -> str:
        if MARK not in m.group(2):
            return m.group(0)
        article = "an" if starts_with_vowel_sound(m.group(3)) else "a"
        return match_case(m.group(1), article) + m.group(2) + m.group(3)

    return _ARTICLE_RE.sub(fix, text)


def starts_with_vowel_sound(word: str) -> bool:
    low = word.lower()
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ur")) or re.match(r"u[bcfgklmnprst][aeiou]", low):
        return False
    return low[:1] in "aeiou"


def _drop_dangling(text: str) -> str:
    """Remove what is left of a clause whose predicate was entirely biometric.

    "He is smiling and appears to be ." -> "He is smiling."; "The boy is about 10 years old and wears
    glasses." -> "The boy wears glasses."; "He appears to be ." -> "" (the whole sentence).
    """
    for _ in range(5):
        m = _DANGLING_RE.search(text)
        if not m:
            return text
        before, after = text[:m.start()], text[m.end():]
        joiner = max(before.rfind(", and "), before.rfind(" and "), before.rfind(", "), before.rfind("; "))
        follow = _FOLLOWING_CLAUSE_RE.match(after)
        if joiner >= 0:
            rest = after.lstrip(MARK + " ")
            if before[joiner:].startswith(", ") and rest.startswith(","):
                after = rest[1:]  # "Their spouse, who appears to be Asian, carries" -> "Their spouse carries"
            elif before[joiner:].startswith("; ") and re.match(r"(?:and|but)\b", rest):
                # "... dresses; one of them is chubby and the other ..." -> "... dresses; the other ..."
                text = before[:joiner + 2] + rest[rest.index(" ") + 1:] if " " in rest else before[:joiner + 1]
                continue
            text = before[:joiner] + after
        elif follow:
            words = re.findall(r"[\w']+", before.replace(MARK, " "))
            rest = after[follow.end():]
            nxt = (re.findall(r"[\w']+", rest) or [""])[0].lower()
            if _is_verb(nxt) and words and (words[-1].lower() in w.NEUTRAL_SUBJECTS or words[-1].lower() in w.PERSON_NOUNS):
                text = before + rest  # "The boy is 10 years old and wears glasses" -> "The person wears glasses"
            elif _is_verb(nxt) or nxt in w.CLAUSE_SUBJECTS:
                rest = rest.lstrip(MARK + " ")  # a clause of its own follows: the emptied one goes
                text = rest[:1].upper() + rest[1:]
            else:
                text = text[:m.end()] + " " + rest  # "She is quite slim and very pretty" -> "They are very pretty"
        else:
            return ""
    return text


def _is_verb(word: str) -> bool:
    return (word in w.COPULAS or word in w.COMMON_VERBS_3SG or word.endswith(("ed", "ing"))
            or word.endswith("s") and not word.endswith("ss") and len(word) > 3)
