"""Undo what people do to get a question past word matching, before it is screened.

:func:`normalize_question` applies, in order: Unicode NFKC; removal of zero-width and soft-hyphen
characters; confusable letters from other scripts mapped to Latin ("Аsiаn" with Cyrillic а); letters
spaced out joined ("g e n d e r"); leetspeak decoded in words that mix digits and letters ("th3 dr1v3r",
and lone digits standing for words in such a text); chat spellings ("wat", "hw", "iz"); and words no
dictionary knows corrected to the nearest word of the policy's vocabulary ("gendre" -> "gender",
"persn" -> "person"). A yes/no question typed without its question mark gets one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from . import words as w
from .grammar import word_classes

_INVISIBLE_RE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Letters of other scripts that look like Latin ones.
_CONFUSABLES = str.maketrans(
    "аАвВеЕкКмМнНоОрРсСтТуУхХіІјЈѕЅԁɡհոօքѵԝαΑβΒεΕηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧζΖ",
    "aABBeEkKmMHHoOpPcCtTyYxXiIjJsSdghnoqvwaABBeEHHiIkKMMvNoOpPtTuYxXzZ")
_SINGLE_QUOTED_RE = re.compile(r"(?<!\w)['\u2018]([A-Za-z]+)['\u2019](?!\w)")
_MARKUP_RE = re.compile(r"[\"\u201c\u201d{}\[\]<>=|]")
_SPACED_RE = re.compile(r"(?<![\w])(?:[A-Za-z] ){2,}[A-Za-z](?![\w])")
_WORD_RE = re.compile(r"[A-Za-z0-9@$]+(?:'[A-Za-z]+)?")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LONE_LEET = {"4": "a", "1": "i", "0": "o"}


def normalize_question(text: str, vocabulary: Iterable[str]) -> str:
    """``text`` with obfuscation undone; ``vocabulary``: the words misspellings are corrected to."""
    vocab = frozenset(vocabulary)
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE_RE.sub("", text).translate(_CONFUSABLES)
    text = _MARKUP_RE.sub(" ", _SINGLE_QUOTED_RE.sub(r"\1", text)).replace("_", " ")  # 'he', {"gender": ...}, age_estimate
    text = _SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
    leet = sum(1 for m in _WORD_RE.finditer(text) if _mixed(m.group(0))) >= 2
    english = not any(ch.isalpha() and not ch.isascii() for ch in text)  # never "correct" another language
    text = _WORD_RE.sub(lambda m: _fix_word(m.group(0), vocab if english else frozenset(), leet), text)
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    if first in w.AUX_START and not text.rstrip().endswith(("?", ".", "!")):
        text = text.rstrip() + "?"
    return text


def _mixed(word: str) -> bool:
    return any(c.isdigit() or c in "@$" for c in word) and any(c.isalpha() for c in word)


def _fix_word(word: str, vocab: frozenset[str], leet: bool) -> str:
    if _mixed(word):
        word = word.translate(_LEET)
    elif leet and word in _LONE_LEET:
        return _LONE_LEET[word]
    low = word.lower()
    if low in w.CHAT_SPELLINGS:
        return _cased(word, w.CHAT_SPELLINGS[low])
    stem, _, tail = low.partition("'")
    if len(stem) < 3 or stem in vocab or not stem.isalpha() or word_classes(stem) or not vocab:
        return word
    fixed = _nearest(stem, vocab)
    return word if fixed is None else _cased(word, fixed + ("'" + tail if tail else ""))


def _cased(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


@lru_cache(maxsize=8192)
def _nearest_cached(stem: str, vocab: frozenset[str]) -> str | None:
    limit = 1 if len(stem) < 7 else 2
    best, best_d = None, limit + 1
    for cand in vocab:
        if abs(len(cand) - len(stem)) > limit or cand[0] != stem[0] or len(stem) == 3 and cand not in w.SHORT_TRAIT_WORDS:
            continue
        d = _distance(stem, cand, limit)
        if d < best_d or d == best_d and best is not None and (len(cand), best) > (len(best), cand):
            best, best_d = cand, d  # on a tie the longer word: "skiny" -> "skinny", not "skin"
    return best


def _nearest(stem: str, vocab: frozenset[str]) -> str | None:
    """The vocabulary word closest to ``stem`` within one edit (two for longer words), or None."""
    return _nearest_cached(stem, vocab)


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), stopping early above ``limit``."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
