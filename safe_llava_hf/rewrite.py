"""Rewrite a text so that it describes people neutrally.

"An elderly man walks his dog" -> "A person walks their dog". Person nouns become neutral ones
(person, people, parent, sibling, ...), gendered pronouns become they/them/their with the verb
agreeing, biometric adjectives and traits are dropped together with the commas or "with" that held
them, and articles are fixed afterwards. Nothing that is not biometric is removed or invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as lx
from .detect import PRONOUNS, SENTENCE_END, SUBJECT_PRONOUNS, Detector, Mention, Token

VERB_AGREEMENT = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
    "hasn't": "haven't", "doesn't": "don't", "'s": "'re",
}
NOT_VERBS = frozenset("as is was has does its this thus always sometimes perhaps yes plus less unless across "
                      "towards afterwards besides whereas".split())
OBJECT_FOLLOWERS = lx.PREPOSITIONS | lx.CONJUNCTIONS | lx.RELATIVES | lx.COPULAS | frozenset(
    "a an the this that these those some any up down out back away here there now again too "
    "then so how what can could will would should may might must has have had does do did".split())
FACIAL_HAIR = frozenset("beard beards moustache moustaches mustache mustaches stubble goatee goatees sideburns".split())
HAVE_VERBS = frozenset("has have had with sporting sports showing shows wearing wears".split())
PLURALS = {"person": "people"}
NP_STOP = frozenset("and or , with in on of at by".split())

_DUP_PRONOUN_RE = re.compile(r"\b(they|them|their|theirs|themselves)(\s*(?:or|/|and)\s*)\1\b", re.I)
_DUP_PLURAL_RE = re.compile(r"\b(people|children|siblings|parents|relatives)\s+and\s+\1\b", re.I)
_DANGLING_RE = re.compile(
    r"\b(?:is|are|was|were|be|looks?|looked|appears?|appeared|seems?|seemed|has|have|had)"
    r"(?:\s+(?:to be|very|quite|rather|fairly|somewhat|slightly|extremely|really|probably|likely|possibly|also|a bit|both"
    r"|turning|turned|going|gone|getting))*"
    r"[ \t]*\x00[\s\x00]*(?=[.!?;,]|\s*(?:and|but|while)\b|$)")
_ARTICLE_RE = re.compile(r"\b([Aa]n?)([\s\x00]+)([A-Za-z][\w-]*)")
_SPACE_RE = re.compile(r"[ \t]{2,}")
_SPACE_PUNCT_RE = re.compile(r"[ \t]+([,.;:!?)])")
_DOUBLE_COMMA_RE = re.compile(r",\s*,")
_LEADING_COMMA_RE = re.compile(r"(^|[.!?(]\s*|\b(?:a|an|the|their|and)\s+),\s*", re.M)


@dataclass(frozen=True)
class Rewrite:
    text: str
    mentions: list[Mention]

    @property
    def changed(self) -> bool:
        return bool(self.mentions)

    @property
    def category_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.mentions:
            for c in m.categories:
                counts[c] = counts.get(c, 0) + 1
        return counts


class Neutralizer:
    """Rewrites texts with the mentions a :class:`Detector` finds."""

    def __init__(self, detector: Detector):
        self.detector = detector
        self.plurals = _neutral_plurals(detector.policy.categories.values())
        nouns = "|".join(sorted((re.escape(n) for n in self.plurals), key=len, reverse=True))
        # "a police officer and a police officer" -> "two police officers"
        self._coord_re = re.compile(
            r"\b(?:(?P<det>[Aa]n?|[Oo]ne|[Tt]he|[Tt]heir)\s+(?P<mid>(?:[a-z-]+\s+){0,2}?))?(?P<noun>" + nouns +
            r")(?P<more>(?:,\s+(?:a|an|another|one)\s+(?P=noun))*),?\s+and\s+(?:(?:a|an|another|one|the|their)\s+)?(?P=noun)\b")

        self.rewrite = lru_cache(maxsize=16384)(self._rewrite)  # type: ignore[method-assign]
        self._rewrite_sentence = lru_cache(maxsize=32768)(self._rewrite_sentence)  # type: ignore[method-assign]

    def rewrite(self, text: str) -> Rewrite:
        """The neutral version of ``text`` and the mentions that were rewritten."""
        return self._rewrite(text)

    def _rewrite(self, text: str) -> Rewrite:
        """Rewrite sentence by sentence; sentences without a policy word are copied as they are."""
        parts: list[str] = []
        mentions: list[Mention] = []
        for start, end, dirty, person_before, animal_before in self.detector.sentences(text):
            sentence = text[start:end]
            if dirty:
                core = sentence.rstrip()
                rw = self._rewrite_sentence(core, person_before, animal_before)
                sentence = rw.text + sentence[len(core):] if rw.text.strip() else ""
                mentions.extend(rw.mentions)
            parts.append(sentence)
        if not mentions:
            return Rewrite(text, [])
        return Rewrite(_join_sentences(parts), mentions)

    def _rewrite_sentence(self, text: str, person_before: bool, animal_before: bool) -> Rewrite:
        tokens, mentions = self.detector.analyze(text, person_before, animal_before)
        if not mentions:
            return Rewrite(text, [])
        edits: dict[int, tuple[int, int, str]] = {}  # token index -> (start char, end char, replacement)
        deleted: set[int] = set()
        # adjectives that will go too: a comma or "and" between two of them goes with them
        mentioned = {k for m in mentions if m.kind == "modifier" for k in range(m.first_token, m.last_token + 1)}
        for m in mentions:
            self._plan(text, tokens, m, edits, deleted, mentioned)
        _drop_dangling_with(tokens, deleted)
        out = self._coord_re.sub(self._collapse_pair, _apply(text, tokens, edits, deleted))
        if " people" in out:
            out = _MIXED_COUNT_RE.sub(_add_counts, out)
        return Rewrite(out, mentions)

    def _collapse_pair(self, m: re.Match[str]) -> str:
        """"a person and a person" -> "two people"; "a person, a person and a person" -> "three people"."""
        det, mid, noun = m.group("det"), m.group("mid") or "", m.group("noun")
        plural = self.plurals[noun]
        if det is None:
            return plural
        if det.lower() in ("a", "an", "one"):
            count = 2 + m.group("more").count(",")
            return _match_case(det, _COUNTS.get(count, str(count))) + " " + mid + plural
        return det + " " + mid + plural

    # ---------------------------------------------------------------- planning
    def _plan(self, text: str, toks: list[Token], m: Mention, edits: dict, deleted: set[int], mentioned: set[int]) -> None:
        if m.kind == "noun":
            t = toks[m.first_token]
            prev = m.first_token - 1
            if t.poss and m.replacement in self.plurals.values() and prev >= 0 and toks[prev].low in ("a", "an"):
                deleted.add(m.first_token)  # "a kids' art class" -> "an art class"
                return
            word = _match_case(t.text, m.replacement or "person")
            if t.poss:
                word += "'" if word.endswith("s") else "'s"
            edits[m.first_token] = (t.start, t.end, word)
        elif m.kind == "pronoun":
            self._plan_pronoun(toks, m.first_token, edits)
        elif m.kind == "modifier" or (m.kind == "pattern" and toks[m.last_token].text.lower().endswith("-eyed")):
            before, after = m.first_token - 1, m.last_token + 1
            if before >= 0 and toks[before].low == "the" and after < len(toks) and toks[after].low == "of":
                # "The older of the two" -> "One of the two"
                edits[before] = (toks[before].start, toks[before].end, _match_case(toks[before].text, "one"))
                deleted.update(range(m.first_token, m.last_token + 1))
                return
            if (before >= 0 and toks[before].low == "the" and toks[m.first_token].low in lx.RELATIVE_AGE
                    and (after >= len(toks) or not toks[after].word)):
                # "the youngest, a boy of four, licks" -> "one of them, a person, licks"
                edits[before] = (toks[before].start, toks[before].end, _match_case(toks[before].text, "one"))
                t = toks[m.first_token]
                edits[m.first_token] = (t.start, t.end, "of them")
                return
            if before >= 0 and toks[before].low == "one" and toks[m.first_token].low in lx.RELATIVE_AGE:
                # "two men, one older and one younger" -> "two people"
                deleted.update(range(before, m.last_token + 1))
                if before - 1 >= 0 and toks[before - 1].low in (",", "and", "or"):
                    deleted.add(before - 1)
                return
            _delete_modifier(toks, m.first_token, m.last_token, deleted, mentioned)
        elif m.kind == "marker" or (m.kind == "pattern" and _next_is(toks, m.last_token, ("eyes", "eye"))):
            last = m.last_token + (1 if m.kind == "pattern" else 0)
            _delete_trait(toks, m.first_token, last, edits, deleted)
        else:
            _delete_phrase(toks, m.first_token, m.last_token, deleted)

    def _plan_pronoun(self, toks: list[Token], i: int, edits: dict) -> None:
        t = toks[i]
        low = t.low
        nxt = i + 1 if i + 1 < len(toks) else None
        nxt_low = toks[nxt].low if nxt is not None else ""
        follows_object = nxt is None or not toks[nxt].word or nxt_low in OBJECT_FOLLOWERS
        if low == "her":
            word = "them" if follows_object else "their"
        elif low == "his":
            word = "theirs" if follows_object and nxt_low not in ("a", "an", "the") else "their"
        elif low in ("he's", "she's"):
            word = "they've" if nxt_low in ("been", "got", "gotten") else "they're"
        else:
            word = PRONOUNS[low]
        edits[i] = (t.start, t.end, _match_case(t.text, word))
        if low in SUBJECT_PRONOUNS and low in ("he", "she"):
            _agree_verb(toks, i, edits)


def _join_sentences(parts: list[str]) -> str:
    """Join rewritten sentences (a removed sentence is an empty part)."""
    return "".join(parts).rstrip(" \t")


def _neutral_plurals(categories) -> dict[str, str]:
    """Singular -> plural of the neutral nouns ("police officer" -> "police officers"), from the policy's pairs."""
    plurals = dict(PLURALS)
    for cat in categories:
        for noun, neutral in cat.nouns.items():
            for plural_noun in (noun + "s", noun + "es", noun[:-3] + "men", noun[:-1] + "ies", noun[:-2] + "ves"):
                other = cat.nouns.get(plural_noun)
                if other and other != neutral and plural_noun != noun:
                    plurals.setdefault(neutral, other)
    return plurals


def _drop_dangling_with(toks: list[Token], deleted: set[int]) -> None:
    """Delete a "with" whose whole object was deleted ("a man with a grey beard is" -> "a person is")."""
    for k, t in enumerate(toks):
        if t.low != "with" or k in deleted or k + 1 not in deleted:
            continue
        j = k + 1
        while j < len(toks) and j in deleted:
            j += 1
        list_goes_on = toks[j - 1].low in ("and", ",", "or") and _continues_list(toks, j)
        if not list_goes_on:
            deleted.add(k)


def _match_case(original: str, word: str) -> str:
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _next_is(toks: list[Token], i: int, words: tuple[str, ...]) -> bool:
    return i + 1 < len(toks) and toks[i + 1].low in words


def _agree_verb(toks: list[Token], i: int, edits: dict) -> None:
    """Make the verb agree with "they": after the pronoun ("she walks") or before it ("is she")."""
    prev = i - 1
    if prev >= 0 and toks[prev].low in VERB_AGREEMENT and prev not in edits:
        edits[prev] = (toks[prev].start, toks[prev].end, _match_case(toks[prev].text, VERB_AGREEMENT[toks[prev].low]))
        return
    j = i + 1
    while j < len(toks) and toks[j].low in lx.ADVERBS_BEFORE_VERB:
        j += 1
    if j >= len(toks) or not toks[j].word:
        return
    v = toks[j]
    if v.low in VERB_AGREEMENT:
        edits[j] = (v.start, v.end, _match_case(v.text, VERB_AGREEMENT[v.low]))
    elif v.low.endswith("s") and not v.low.endswith("ss") and v.low not in NOT_VERBS and v.low.isalpha() and len(v.low) > 2:
        edits[j] = (v.start, v.end, _match_case(v.text, _base_form(v.text)))
    # "she is wearing an apron and appears focused" -> "... and appear focused"
    for k in range(j + 1, len(toks)):
        t = toks[k]
        if t.text in SENTENCE_END or t.low in _NEW_SUBJECT:
            break
        if t.low in ("and", "but", "or") and k + 1 < len(toks):
            nxt = k + 1
            while nxt < len(toks) and toks[nxt].low in lx.ADVERBS_BEFORE_VERB:
                nxt += 1
            if nxt < len(toks) and nxt not in edits:
                w = toks[nxt]
                if w.low in VERB_AGREEMENT:
                    edits[nxt] = (w.start, w.end, _match_case(w.text, VERB_AGREEMENT[w.low]))
                elif w.low in lx.COMMON_VERBS_3SG:
                    edits[nxt] = (w.start, w.end, _match_case(w.text, _base_form(w.text)))


_NEW_SUBJECT = lx.RELATIVES | frozenset("he she they it i we you while when because although whereas".split())


def _base_form(verb: str) -> str:
    low = verb.lower()
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return verb[:-2]
    return verb[:-1]


_DEGREE_WORDS = frozenset("very quite rather fairly somewhat slightly extremely really pretty relatively noticeably "
                          "visibly particularly notably overly too".split())


def _delete_modifier(toks: list[Token], first: int, last: int, deleted: set[int], mentioned: set[int]) -> None:
    """Drop an adjective and the comma or "and" that joined it to another dropped adjective
    ("a fit, athletic woman") or to a kept one ("a tall, thin man")."""
    span = set(range(first, last + 1))
    while first - 1 >= 0 and toks[first - 1].low in _DEGREE_WORDS:
        first -= 1  # "fairly thin", "very old": the degree word goes with its adjective
        span.add(first)
    nxt = last + 1
    prev = first - 1
    if nxt < len(toks) and toks[nxt].low in (",", "and", "or") and nxt + 1 in mentioned:
        span.add(nxt)
    elif prev >= 0 and toks[prev].low in (",", "and", "or") and prev - 1 >= 0 and toks[prev - 1].word and prev - 1 not in deleted:
        span.add(prev)
    head = max(span) + 1
    while head < len(toks) and head in deleted:
        head += 1
    if head < len(toks) and toks[head].low in set(lx.PERSON_ATTRIBUTE_NOUNS) - {"eyes", "eye", "iris", "irises", "appearance", "looks"}:
        # "of Asian descent", "a slim build": the noun means nothing without its adjective
        span.add(head)
        k = first - 1
        while k >= 0 and (k in deleted or toks[k].low in ("a", "an", "of") and k == first - 1):
            span.add(k) if toks[k].low in ("a", "an", "of") else None
            k -= 1
    deleted.update(span)


def _delete_phrase(toks: list[Token], first: int, last: int, deleted: set[int]) -> None:
    """Drop a phrase such as "in her forties"; drop its whole comma clause when nothing else is left in it."""
    verbs = [k for k in range(first, last) if toks[k].low in lx.COPULAS]
    if verbs:  # keep "is" in "is about 40", "her eyes are blue": a clause left without a predicate goes later
        first = verbs[-1] + 1
    while first < last and toks[first].low in ("to", "be"):
        first += 1
    span = set(range(first, last + 1))
    left = first - 1
    while left >= 0 and toks[left].text not in ",(" and toks[left].text not in SENTENCE_END:
        left -= 1
    right = last + 1
    while right < len(toks) and toks[right].text not in ",)" and toks[right].text not in SENTENCE_END:
        right += 1
    inside = [k for k in range(left + 1, right) if k not in span]
    in_commas = left >= 0 and toks[left].text in ",(" and right < len(toks) and toks[right].text in ",)"
    stub = all(toks[k].low in _STUB_WORDS or k in deleted for k in inside)
    relative = bool(inside) and toks[inside[0]].low in ("who", "whose")
    if in_commas and (stub or relative):
        span.update(range(left, right + 1))  # "The boy, who looks about eight, is" -> "The boy is"
    elif left >= 0 and toks[left].text == "," and stub and (right >= len(toks) or toks[right].text in SENTENCE_END):
        span.update(range(left, right))  # "..., probably around 15." -> "..."
    else:
        for k in range(left + 1, first):
            if toks[k].low in _HEDGES and all(toks[x].low in _HEDGES for x in range(k, first)):
                span.update(range(k, first))
                break
    deleted.update(span)


_HEDGES = frozenset("about around roughly approximately maybe perhaps probably likely possibly".split())
_STUB_WORDS = _HEDGES | frozenset("looks looked appears appeared seems seemed likely probably possibly maybe perhaps "
                                  "years year old who is was are were be being and or turning just only".split())


def _delete_trait(toks: list[Token], first: int, last: int, edits: dict, deleted: set[int]) -> None:
    """Drop a trait noun phrase ("a grey beard", "hazel eyes") with the "with" or joiner that held it."""
    start = first
    k = first - 1
    while k >= 0 and toks[k].word and toks[k].low not in NP_STOP and toks[k].low not in HAVE_VERBS:
        if toks[k].low in lx.PREPOSITIONS or toks[k].low in lx.COPULAS or toks[k].low.endswith("ing"):
            break
        start = k
        if toks[k].low in lx.DETERMINERS:
            break
        k -= 1
    before = start - 1
    after = last + 1
    span = set(range(start, last + 1))
    if after < len(toks) and toks[after].text == "," and before >= 0 and toks[before].low in ("with", ",") \
            and _continues_list(toks, after + 1):
        span.add(after)  # "with dark eyes, a ponytail and ..." -> "with a ponytail and ..."
    elif after < len(toks) and toks[after].low == "and" and before >= 0 and toks[before].low in ("with", "has", "have", "had", ","):
        span.add(after)  # "has a gray beard and a knee brace" -> "has a knee brace"
        nxt = toks[after + 1].low if after + 1 < len(toks) else ""
        if toks[before].low in HAVE_VERBS and (nxt in lx.COPULAS or nxt in lx.COMMON_VERBS_3SG or nxt.endswith("ing")):
            span.add(before)  # "has blue eyes and is holding" -> "is holding": a second clause follows
    elif before >= 0 and toks[before].low in ("and", ","):
        span.add(before)
    elif before >= 0 and toks[before].low in HAVE_VERBS:
        # "..., and has a beard." -> "..."; "She has blue eyes." leaves "has" dangling, and the clause goes;
        # "has wrinkles around her eyes": the place of the trait goes with it
        k = last + 1
        if k < len(toks) and toks[k].low in lx.PREPOSITIONS:
            while k < len(toks) and toks[k].word and toks[k].low not in ("and", "but", "while"):
                span.add(k)
                k += 1
        if before - 1 >= 0 and toks[before - 1].low in ("and", ","):
            span.update((before, before - 1))
            if before - 2 >= 0 and toks[before - 2].text == "," and toks[before - 1].low == "and":
                span.add(before - 2)
    elif toks[last].low in FACIAL_HAIR:
        # "trimming the beard of a customer" -> "trimming the hair of a customer"
        deleted.update(range(first, last))
        edits[last] = (toks[last].start, toks[last].end, "hair")
        return
    else:
        # "only his brown eyes show" -> "only their eyes show": drop the trait words, keep the noun
        deleted.update(range(first, last + (0 if toks[last].low in ("eyes", "eye") else 1)))
        return
    deleted.update(span)


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# "two people and a person" -> "three people"; "a person and two people" -> "three people"
_MIXED_COUNT_RE = re.compile(r"\b(?:(?P<n1>[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight) people and (?:a|one) person"
                             r"|(?P<a>[Aa]|[Oo]ne) person and (?P<n2>two|three|four|five|six|seven|eight) people)\b")


def _add_counts(m: re.Match[str]) -> str:
    n = _NUMBERS[(m.group("n1") or m.group("n2")).lower()] + 1
    first = m.group("n1") or m.group("a")
    return _match_case(first, _COUNTS.get(n, str(n))) + " people"


_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
MARK = "\x00"  # marks, inside the rewritten text, where an edit happened


def _continues_list(toks: list[Token], k: int) -> bool:
    """The words from ``k`` go on a list of noun phrases ("..., a ponytail and pink shoes")."""
    if k >= len(toks) or not toks[k].word:
        return False
    low = toks[k].low
    if low in lx.DETERMINERS:
        return True
    return not (low in lx.COPULAS or low in lx.PREPOSITIONS or low in lx.CONJUNCTIONS or low in lx.RELATIVES
                or low.endswith(("ing", "ed")) or low in PRONOUNS)


def _apply(text: str, toks: list[Token], edits: dict, deleted: set[int]) -> str:
    """Build the rewritten text from token edits and deletions, then tidy it."""
    parts: list[str] = []
    cursor = 0
    capitalize_next = False
    for k, t in enumerate(toks):
        parts.append(text[cursor:t.start])
        cursor = t.end
        if k in deleted:
            parts.append(MARK)
            if t.text[:1].isupper() and _at_sentence_start(toks, k, deleted):
                capitalize_next = True
            continue
        word = edits[k][2] if k in edits else t.text
        if capitalize_next and t.word:
            word = word[:1].upper() + word[1:]
            capitalize_next = False
        parts.append(MARK + word if k in edits else word)
    parts.append(text[cursor:])
    return _tidy("".join(parts))


def _at_sentence_start(toks: list[Token], k: int, deleted: set[int]) -> bool:
    j = k - 1
    while j >= 0 and j in deleted:
        j -= 1
    return j < 0 or toks[j].text in SENTENCE_END


def _fix_articles(text: str) -> str:
    """Make "a"/"an" agree with the next word wherever an edit happened between or on them."""
    def fix(m: re.Match[str]) -> str:
        if MARK not in m.group(2):
            return m.group(0)
        article = "an" if _starts_with_vowel_sound(m.group(3)) else "a"
        return _match_case(m.group(1), article) + m.group(2) + m.group(3)

    return _ARTICLE_RE.sub(fix, text)


def _starts_with_vowel_sound(word: str) -> bool:
    low = word.lower()
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    if low.startswith(("uni", "use", "usu", "uti", "eu", "one", "once", "ur")) or re.match(r"u[bcfgklmnprst][aeiou]", low):
        return False
    return low[:1] in "aeiou"


def _tidy(text: str) -> str:
    """Fix articles, drop emptied clauses, then spacing and doubled words (each pass only when needed)."""
    if "a" in text or "A" in text:
        text = _fix_articles(text)
    text = _drop_dangling(text).replace(MARK, "")
    if "  " in text or "\t" in text:
        text = _SPACE_RE.sub(" ", text)
    if " ," in text or " ." in text or " ;" in text or " :" in text or " !" in text or " ?" in text or " )" in text:
        text = _SPACE_PUNCT_RE.sub(r"\1", text)
    if "," in text:
        text = _LEADING_COMMA_RE.sub(r"\1", _DOUBLE_COMMA_RE.sub(",", text))
    if " or " in text or "/" in text or " and " in text:
        text = _DUP_PLURAL_RE.sub(r"\1", _DUP_PRONOUN_RE.sub(r"\1", text))
    return text.strip(" \t")


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
            text = before[:joiner] + after
        elif follow:
            words = re.findall(r"[\w']+", before.replace(MARK, " "))
            rest = after[follow.end():]
            nxt = (re.findall(r"[\w']+", rest) or [""])[0].lower()
            if _is_verb(nxt) and words and (words[-1].lower() in _SUBJECT_WORDS or words[-1].lower() in lx.PERSON_NOUNS):
                text = before + rest  # "The boy is 10 years old and wears glasses" -> "The person wears glasses"
            elif _is_verb(nxt) or nxt in _CLAUSE_SUBJECTS:
                rest = rest.lstrip(MARK + " ")  # a clause of its own follows: the emptied one goes
                text = rest[:1].upper() + rest[1:]
            else:
                text = text[:m.end()] + " " + rest  # "She is quite slim and very pretty" -> "They are very pretty"
        else:
            return ""
    return text


_CLAUSE_SUBJECTS = frozenset("they he she it we i you the a an their its this these those there".split())


def _is_verb(word: str) -> bool:
    return (word in lx.COPULAS or word in lx.COMMON_VERBS_3SG or word.endswith(("ed", "ing"))
            or word.endswith("s") and not word.endswith("ss") and len(word) > 3)


_FOLLOWING_CLAUSE_RE = re.compile(r"[\s\x00]*,?\s*(?:and|but|while)\b\s*")
_SUBJECT_WORDS = frozenset("they who person people".split())
