"""The policy's regex patterns ("in her forties", "a 25-year-old", "green-eyed", "weighs about 150 lbs").

Patterns are searched only in windows around numbers, decades and "eye" words (a custom pattern
without those placeholders is searched everywhere). A match counts when it is about a person: "a
100-year-old house" and "the dog is 3 years old" do not.
"""

from __future__ import annotations

import re

from ..analysis import SentenceAnalysis
from ..tokens import Finding, Mention, MentionKind

_PERSON_PRONOUN_RE = re.compile(r"\b(?:his|her|their|my|your|our)\b", re.I)
_WINDOW = 60  # characters on each side of a number or "eye" word


class PatternRule:
    name = "patterns"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        windows = self.windows(a)
        if not windows:
            return []
        out = []
        seen = set()
        for (pattern, cat), (start, end) in ((p, win) for p in a.lex.patterns for win in windows):
            for m in pattern.finditer(a.text, start, end):
                if (m.start(), m.end(), cat) in seen:
                    continue
                seen.add((m.start(), m.end(), cat))
                first, last = a.token_range(m.start(), m.end())
                if first is None or a.tokens[first].protected or not self._about_person(a, m, first, last):
                    continue
                out.append(Finding(Mention(m.start(), m.end(), m.group(0), (cat,), MentionKind.PATTERN, None, self.name),
                                   first, last))
        return out

    @staticmethod
    def windows(a: SentenceAnalysis) -> list[tuple[int, int]]:
        """Stretches of the sentence where a pattern could match: around numbers, decades, "eye" words."""
        if a.lex.pattern_always:
            return [(0, len(a.text))]
        words = a.lex.pattern_words
        windows: list[tuple[int, int]] = []
        for t in a.tokens:
            low = t.low
            if t.word and (low in words or low[0].isdigit() or "eye" in low or low.startswith(("iris", "gaze", "stare"))
                           or "-" in low and any(part in words for part in low.split("-"))):
                start, end = max(0, t.start - _WINDOW), min(len(a.text), t.end + _WINDOW)
                if windows and start <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], end)
                else:
                    windows.append((start, end))
        return windows

    @staticmethod
    def _about_person(a: SentenceAnalysis, m: re.Match[str], first: int, last: int) -> bool:
        toks = a.tokens
        prenominal = "-" in toks[last].text or toks[last].low in ("old", "olds")
        head = a.head_after(last)[0] if prenominal else "none"  # "a 3 year old boy", "a 100-year-old house"
        head = "person" if head == "attribute" else head
        if head == "thing" and toks[last].low.endswith("-eyed"):
            head = "none"  # "a green-eyed stare" is still someone's eyes
        owner = a.owner(first)
        if head in ("animal", "thing") or head == "none" and owner == "animal":
            return False
        return (head == "person" or owner == "person" or _PERSON_PRONOUN_RE.search(m.group(0)) is not None
                or any(a.is_person_word(k) for k in range(first, last + 1)))

