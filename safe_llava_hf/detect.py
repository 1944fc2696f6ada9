"""Find every mention of a biometric trait of a person in a text.

The :class:`Detector` is the one place where the policy's words meet English: the scrubber rewrites
what it finds, the PRISM judge scores it, the guard redacts it and the demo highlights it::

    detector = Detector(BiometricPolicy.default())
    for m in detector.detect("A young woman walks her dog past an old building."):
        print(m.start, m.end, m.text, m.categories)
    # 2 7 young ('age',)   8 13 woman ('gender',)   19 22 her ('gender',)

A word counts only when it describes a person: "old building", "white shirt", "baby elephant",
"man-made", a cat's "blue eyes", brand names ("Old Navy") and protected text read off an image do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import lexicon as lx
from .policy import BiometricPolicy

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:[-'\u2019][A-Za-z0-9]+)*(?:(?<=s)['\u2019](?![A-Za-z]))?|\S")
# Quoted text read off an image is protected, and so are fixed expressions (FIXED) not about a person.
QUOTE_RE = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')
FIXED: dict[str, list[tuple[str, ...]]] = {}
for _phrase in lx.FIXED_EXPRESSIONS:
    _words = tuple(_phrase.split())
    FIXED.setdefault(_words[0], []).append(_words)
for _v in FIXED.values():
    _v.sort(key=len, reverse=True)
SENTENCE_END = frozenset(".!?;:\n")
PRONOUNS = {
    "he": "they", "she": "they", "him": "them", "his": "their", "her": "their", "hers": "theirs",
    "himself": "themselves", "herself": "themselves", "he'd": "they'd", "she'd": "they'd",
    "he'll": "they'll", "she'll": "they'll", "he's": "they're", "she's": "they're",
}
SUBJECT_PRONOUNS = frozenset({"he", "she", "he'd", "she'd", "he'll", "she'll", "he's", "she's"})


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    norm: str  # lower case, possessive 's / s' removed
    poss: bool
    word: bool
    protected: bool = False


@dataclass(slots=True)
class Mention:
    """One biometric mention: a character span, the categories it reveals and how it was found.

    ``kind`` is ``noun`` (replace with ``replacement``), ``pronoun``, ``modifier`` (an adjective to
    drop), ``marker`` (a trait such as a beard) or ``pattern`` (a phrase such as "in her forties").
    ``first_token``/``last_token`` index the tokens of the sentence the mention was found in.
    """

    start: int
    end: int
    text: str
    categories: tuple[str, ...]
    kind: str
    replacement: str | None = None
    first_token: int = 0
    last_token: int = 0

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "categories": list(self.categories), "kind": self.kind}


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens; quoted text, fixed expressions and words in
    capitals inside normal text (read off a sign: "reads OLD MAN") are protected."""
    tokens: list[Token] = []
    append = tokens.append
    fixed_at: list[int] = []
    capitals = not text.isupper()
    for m in TOKEN_RE.finditer(text):
        s = m.group(0)
        start, end = m.span()
        low = s.lower()
        if not s[0].isalnum():
            append(Token(start, end, s, low, low, False, False))
            continue
        norm, poss = low, False
        if "'" in low or "\u2019" in low:
            low = norm = low.replace("\u2019", "'")
            if low.endswith("'s") and low not in PRONOUNS:
                norm, poss = low[:-2], True
            elif low.endswith("s'"):
                norm, poss = low[:-1], True
        if low in FIXED:
            fixed_at.append(len(tokens))
        append(Token(start, end, s, low, norm, poss, True, capitals and s.isupper() and len(s) > 1 and s.isalpha()))
    if '"' in text or "\u201c" in text:
        _mark_quoted(text, tokens)
    for k in fixed_at:
        for phrase in FIXED[tokens[k].low]:
            if tuple(x.low for x in tokens[k:k + len(phrase)]) == phrase:
                for x in tokens[k:k + len(phrase)]:
                    x.protected = True
                break
    return tokens


def _mark_quoted(text: str, tokens: list[Token]) -> None:
    spans = [(m.start(), m.end()) for m in QUOTE_RE.finditer(text)]
    q = 0
    for t in tokens:
        while q < len(spans) and spans[q][1] <= t.start:
            q += 1
        if q < len(spans) and spans[q][0] <= t.start < spans[q][1]:
            t.protected = True


@dataclass
class _Lexicon:
    """The enabled part of a policy, indexed by token sequences."""

    nouns: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # -> (kind, cats)
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    pronouns: tuple[str, ...] = ()
    person_nouns: frozenset[str] = frozenset()
    phrase_starts: frozenset[str] = frozenset()  # first words of multi-word modifiers and markers
    phrase_words: frozenset[str] = frozenset()  # all words of multi-word modifiers and markers
    # "grey hair" is a marker, so "the hair is grey" is one too: adjective -> {noun: categories}
    predicative_markers: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # "gender", "eye color", "build" -> category
    max_len: int = 1


def _build_lexicon(policy: BiometricPolicy) -> _Lexicon:
    lex = _Lexicon()
    pronoun_cats = []
    for key in policy.enabled:
        cat = policy.categories[key]
        if cat.pronouns:
            pronoun_cats.append(key)
        for noun, neutral in cat.nouns.items():
            repl, cats = lex.nouns.get(noun, (neutral, ()))
            lex.nouns[noun] = (repl, cats + (key,))
        for kind, words in (("modifier", cat.modifiers), ("marker", cat.markers)):
            for phrase in words:
                toks = tuple(t.norm for t in tokenize(phrase) if t.word)
                if not toks:
                    continue
                old_kind, cats = lex.phrases.get(toks, (kind, ()))
                lex.phrases[toks] = (old_kind, cats + (key,))
                lex.max_len = max(lex.max_len, len(toks))
        lex.patterns.extend((p, key) for p in cat.compiled_patterns())
    lex.pronouns = tuple(pronoun_cats)
    lex.phrase_starts = frozenset(p[0] for p in lex.phrases if len(p) > 1)
    lex.phrase_words = frozenset(w for p in lex.phrases if len(p) > 1 for w in p)
    for key in policy.enabled:
        for word in policy.categories[key].attribute_words:
            words = [w for w in word.split() if w not in ("the", "their", "his", "her", "how")]
            if "..." not in word and words and len(words) <= 3:
                lex.labels.setdefault(" ".join(words), key)
    for phrase, (kind, cats) in lex.phrases.items():
        if kind == "marker" and len(phrase) == 2:
            lex.predicative_markers.setdefault(phrase[0], {})[phrase[1]] = cats
    # every category's nouns name people, whether or not the category is enabled
    all_nouns = {n: r for cat in policy.categories.values() for n, r in cat.nouns.items()}
    neutral = {w for repl in all_nouns.values() for w in repl.lower().split()[-1:]}
    lex.person_nouns = frozenset(lx.PERSON_NOUNS | set(all_nouns) | neutral | set(policy.person_nouns))
    return lex


class Detector:
    """Finds biometric mentions of people under a :class:`BiometricPolicy`."""

    def __init__(self, policy: BiometricPolicy | None = None):
        self.policy = policy or BiometricPolicy.default()
        self.lex = _build_lexicon(self.policy)
        words = set(self.lex.nouns) | {p[0] for p in self.lex.phrases} | set(PRONOUNS)
        self._quick = frozenset(words)
        # every word that can start a token mention
        self._quick_terms = self._quick | frozenset(self.lex.predicative_markers) | frozenset(p[0] for p in self.lex.phrases)
        # Patterns built on the NUMBER/DECADE/EYECOLOR placeholders or digits only run on texts with such words.
        self._pattern_always = any(not re.search(r"NUMBER|DECADE|EYECOLOR|\\d", raw)
                                   for key in self.policy.enabled for raw in self.policy.categories[key].patterns)
        self._pattern_words = frozenset(w for w in re.findall(r"[a-z]+", f"{lx.NUMBER_WORDS}|{lx.DECADE_WORDS}") if len(w) > 2)
        self._any_pattern = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self.lex.patterns) or "(?!)", re.I)
        # Texts repeat a lot in instruction data ("Describe the image."): remember recent analyses.
        self._cached_analyze = lru_cache(maxsize=16384)(self._analyze)

    # ----------------------------------------------------------------- public API
    def detect(self, text: str, person_context: bool = False) -> list[Mention]:
        """All mentions in ``text``, sorted by position, overlapping ones merged.

        Sentences without any policy word are skipped; the others are analysed one by one (cached),
        knowing whether a person or an animal was named before them. ``person_context``: the text is
        an answer about a person ("What race is this person?" -> "Probably white."), so bare
        adjectives and subjectless phrases are about that person.
        """
        out: list[Mention] = []
        for start, end, dirty, person_before, animal_before in self.sentences(text, person_context):
            if dirty:
                for m in self.analyze(text[start:end], person_before, animal_before, person_context)[1]:
                    out.append(Mention(m.start + start, m.end + start, m.text, m.categories, m.kind, m.replacement,
                                       m.first_token, m.last_token))
        return out

    def sentences(self, text: str, person_context: bool = False) -> Iterator[tuple[int, int, bool, bool, bool]]:
        """``(start, end, may_mention, person_before, animal_before)`` for each sentence of ``text``."""
        person, animal = person_context, False
        for m in _SENTENCE_RE.finditer(text):
            sentence = m.group(0)
            if not sentence:
                continue
            low = sentence.lower()
            words = self._words(low)
            yield m.start(), m.end(), self._may_mention_words(low, words), person, animal
            person = person or not self.lex.person_nouns.isdisjoint(words)
            animal = animal or not lx.ANIMAL_NOUNS.isdisjoint(words)

    def analyze(self, text: str, person_before: bool = False, animal_before: bool = False,
                person_context: bool = False) -> tuple[list[Token], list[Mention]]:
        """Tokens and mentions of ``text`` (the scrubber needs both). Treat the result as read-only.

        ``person_before``/``animal_before``: text before this one named a person/an animal (decides
        whether "her" is a dog's); ``person_context``: see :meth:`detect`.
        """
        return self._cached_analyze(text, bool(person_before), bool(animal_before), bool(person_context))

    def may_mention(self, text: str) -> bool:
        """Cheap test: False means ``text`` has no policy word, no number and no "eye" word at all."""
        low = text.lower()
        return self._may_mention_words(low, self._words(low))

    @staticmethod
    def _words(low: str) -> set[str]:
        return set(_WORD_RE.findall(low.replace("\u2019", "'") if "\u2019" in low else low))

    def _may_mention_words(self, low: str, words: set[str]) -> bool:
        """``low``: the lower-cased text; ``words``: its words."""
        if self._pattern_always or "eye" in low:
            return True
        if ":" in low:
            m = _LABEL_RE.match(low)
            if m and " ".join(m.group("label").replace("_", " ").split()) in self.lex.labels:
                return True
        if not self._quick.isdisjoint(words) or any(w.endswith(("'s", "s'")) and w[:-2] in self._quick for w in words):
            return True
        if self._pattern_words.isdisjoint(words) and not _DIGIT_RE.search(low):
            return False
        return self._any_pattern.search(low) is not None

    def _analyze(self, text: str, person_before: bool = False, animal_before: bool = False,
                 person_context: bool = False) -> tuple[list[Token], list[Mention]]:
        tokens = tokenize(text)
        if not self.may_mention(text):  # the same gate as sentences(): no policy word, number, eye word or label
            return tokens, []
        windows = self._pattern_windows(text, tokens)
        ctx = _Context(text, tokens, self.lex, person_before, animal_before, person_context)
        mentions = self._token_mentions(ctx)
        if windows:
            mentions += self._pattern_mentions(ctx, windows)
        if ":" in text:
            mentions += self._label_mentions(ctx)
        return tokens, _merge(mentions, text)

    def _label_mentions(self, ctx: "_Context") -> list[Mention]:
        """A labelled line such as "**Gender:** Female" or "- Age: 30-40": the label's category is
        revealed unless the value says it cannot be told ("Age: unknown")."""
        m = _LABEL_RE.match(ctx.text)
        if not m:
            return []
        key = self.lex.labels.get(" ".join(m.group("label").lower().replace("_", " ").split()))
        value = m.group("value").strip(" *_")
        if key is None or not value or _NON_ANSWER_RE.search(value):
            return []
        first, last = ctx.token_range(m.start("label"), m.end("value"))
        if first is None or ctx.tokens[first].protected:
            return []
        return [Mention(m.start("label"), m.end("value"), ctx.text[m.start("label"):m.end("value")], (key,), "pattern",
                        None, first, last)]

    def categories(self, text: str, person_context: bool = False) -> set[str]:
        """The set of categories that ``text`` reveals about a person."""
        return {c for m in self.detect(text, person_context) for c in m.categories}

    def _pattern_windows(self, text: str, tokens: list[Token]) -> list[tuple[int, int]]:
        """Stretches of ``text`` where a pattern could match: around numbers, decades, "eye" words.

        Patterns built on the NUMBER/DECADE/EYECOLOR placeholders or on digits need such a word; a
        custom pattern without them is searched in the whole text.
        """
        if self._pattern_always:
            return [(0, len(text))]
        words = self._pattern_words
        windows: list[tuple[int, int]] = []
        for t in tokens:
            if t.word and (t.low in words or t.low[0].isdigit() or "eye" in t.low
                           or "-" in t.low and any(part in words for part in t.low.split("-"))):
                start, end = max(0, t.start - 60), min(len(text), t.end + 60)
                if windows and start <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], end)
                else:
                    windows.append((start, end))
        return windows

    # ----------------------------------------------------------------- token terms
    def _token_mentions(self, ctx: "_Context") -> list[Mention]:
        out: list[Mention] = []
        toks, lex = ctx.tokens, self.lex
        quick = self._quick_terms
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if not t.word or (t.norm not in quick and t.low not in quick) or t.protected or ctx.is_proper(i):
                i += 1
                continue
            found = None
            if t.low in lex.phrase_starts:
                for length in range(min(lex.max_len, n - i), 1, -1):
                    key = tuple(toks[i + k].norm if k == length - 1 else toks[i + k].low for k in range(length))
                    if key in lex.phrases and all(toks[i + k].word for k in range(length)):
                        found = (length, *lex.phrases[key])
                        break
            if found is None and (t.norm,) in lex.phrases:
                found = (1, *lex.phrases[(t.norm,)])
            if found is None and t.low in lex.predicative_markers:
                cats = self._predicative_marker(ctx, i)
                if cats:
                    out.append(ctx.mention(i, i, cats, "modifier"))
            if found:
                length, kind, cats = found
                last = i + length - 1
                if kind == "modifier" and self._modifier_counts(ctx, i, last):
                    out.append(ctx.mention(i, last, cats, "modifier"))
                elif kind == "marker" and self._marker_counts(ctx, i, last):
                    out.append(ctx.mention(i, last, cats, "marker"))
            noun = lex.nouns.get(t.norm)
            if noun is not None and not (ctx.chess and t.norm in lx.CHESS_PIECES):
                m = self._noun_mention(ctx, i, *noun)
                if m is not None:
                    out.append(m)
            elif t.low in PRONOUNS and lex.pronouns and self._pronoun_counts(ctx, i):
                out.append(ctx.mention(i, i, lex.pronouns, "pronoun", PRONOUNS[t.low]))
            i += 1
        return out

    def _noun_mention(self, ctx: "_Context", i: int, neutral: str, cats: tuple[str, ...]) -> Mention | None:
        toks = ctx.tokens
        t = toks[i]
        nxt = ctx.next_word(i)
        if ctx.is_compound(i):
            return None  # "baby stroller", "mother cow"
        if nxt is not None and not t.poss:
            follow = toks[nxt].norm
            if follow in self.lex.person_nouns and follow != t.norm:
                return ctx.mention(i, i, cats, "modifier")  # "woman doctor", "male nurse"
        prev = ctx.prev_word(i)
        if prev is not None and (toks[prev].low == "its" or toks[prev].poss and toks[prev].norm in lx.ANIMAL_NOUNS):
            return None  # "the elephant's mother", "its mother"
        if (t.norm,) in self.lex.phrases:
            # a word that is both noun and adjective: "a female", "a tall teen" vs "female nurse", "is female"
            attributive = nxt is not None and (toks[nxt].norm in self.lex.person_nouns or ctx._is_modifier(nxt))
            after_adjective = prev is not None and toks[prev].low not in _NOT_ADJECTIVE and toks[prev].norm not in self.lex.person_nouns
            if attributive or not after_adjective:
                cats = self.lex.phrases[(t.norm,)][1]
                return ctx.mention(i, i, cats, "modifier") if self._modifier_counts(ctx, i, i) else None
        if ctx.after_possessive(i) and t.norm in lx.KINSHIP_CHILD:
            neutral = lx.KINSHIP_CHILD[t.norm]
        return ctx.mention(i, i, cats, "noun", neutral)

    def _modifier_counts(self, ctx: "_Context", first: int, last: int) -> bool:
        nxt = last + 1
        toks = ctx.tokens
        appositive = nxt + 2 < len(toks) and toks[nxt].text == "," and toks[nxt + 2].norm in self.lex.person_nouns
        if first == last and toks[first].low in lx.RELATIVE_AGE and (ctx.first_person < first or appositive):
            prev = toks[first - 1].low if first > 0 else ""
            follow = toks[nxt].low if nxt < len(toks) else ""
            if prev in ("one", "the", "an", "a") and (follow in ("one", "ones", "", "and", "or") or not toks[nxt].word):
                return True  # "the youngest, a boy of four", "two men, one older and one younger"
        if nxt < len(ctx.tokens) and ctx.tokens[nxt].low == "of":
            # "the older of the two men", "the youngest of them"
            after = nxt + 1
            if after < len(ctx.tokens) and ctx.tokens[after].low in ("them", "us", "you"):
                return True
            return ctx.head_after(nxt, skip_determiners=True)[0] in ("person", "attribute")
        head, where = ctx.head_after(last)
        if head == "attribute":
            cats = self.lex.phrases.get(tuple(ctx.tokens[k].norm for k in range(first, last + 1)), ("", ()))[1]
            return bool(set(cats) & lx.PERSON_ATTRIBUTE_NOUNS[ctx.tokens[where].norm])
        if head == "thing" and where is not None and ctx.tokens[where].norm in lx.ETHNIC_ATTIRE_NOUNS:
            cats = self.lex.phrases.get(tuple(ctx.tokens[k].norm for k in range(first, last + 1)), ("", ()))[1]
            return "race" in cats and ctx.tokens[first].low not in lx.COLOUR_WORDS and ctx.owner(first) == "person"
        if head == "person":
            # "a large crowd", "a big family": size words say nothing about anyone's body
            return not (ctx.tokens[first].low in lx.SIZE_MODIFIERS and where is not None
                        and any(ctx.tokens[k].norm in lx.GROUP_NOUNS for k in range(last + 1, where + 1)))
        if head in ("animal", "thing"):
            return False
        surface = " ".join(ctx.tokens[k].norm for k in range(first, last + 1))
        if surface not in lx.AMBIGUOUS_MODIFIERS:
            return ctx.has_person_before(first) or ctx.predicative_person(first)
        return ctx.predicative_person(first)

    def _predicative_marker(self, ctx: "_Context", i: int) -> tuple[str, ...]:
        """"Her hair is turning grey": the adjective of a two-word marker, said of its noun."""
        toks = ctx.tokens
        j = i - 1
        while j >= 0 and (toks[j].low in lx.INTENSIFIERS or toks[j].low in ("mostly", "completely", "partly", "all")):
            j -= 1
        if j < 0 or not (toks[j].low in lx.COPULAS or toks[j].low in ("turned", "turning", "going", "gone")):
            return ()
        while j >= 0 and (toks[j].low in lx.COPULAS or toks[j].low in ("turned", "turning", "going", "gone", "has", "have", "had")):
            j -= 1
        nouns = self.lex.predicative_markers[toks[i].low]
        if j >= 0 and toks[j].norm in nouns and ctx.owner(j) != "animal":
            return nouns[toks[j].norm]
        return ()

    def _marker_counts(self, ctx: "_Context", first: int, last: int) -> bool:
        nxt = ctx.next_word(last)
        if nxt is not None and ctx.tokens[nxt].norm in lx.ANIMAL_NOUNS:
            return False  # "bearded dragon"
        return ctx.owner(first) != "animal"

    def _pronoun_counts(self, ctx: "_Context", i: int) -> bool:
        return not (ctx.first_animal < i and ctx.first_person >= i)

    # ----------------------------------------------------------------- patterns
    def _pattern_mentions(self, ctx: "_Context", windows: list[tuple[int, int]]) -> list[Mention]:
        out = []
        seen = set()
        for (pattern, cat), (start, end) in ((p, w) for p in self.lex.patterns for w in windows):
            for m in pattern.finditer(ctx.text, start, end):
                if (m.start(), m.end(), cat) in seen:
                    continue
                seen.add((m.start(), m.end(), cat))
                first, last = ctx.token_range(m.start(), m.end())
                if first is None or ctx.tokens[first].protected:
                    continue
                prenominal = "-" in ctx.tokens[last].text or ctx.tokens[last].low in ("old", "olds")
                head = ctx.head_after(last)[0] if prenominal else "none"  # "a 3 year old boy", "a 100-year-old house"
                head = "person" if head == "attribute" else head
                if head == "thing" and ctx.tokens[last].low.endswith("-eyed"):
                    head = "none"  # "a green-eyed stare" is still someone's eyes
                owner = ctx.owner(first)
                if head in ("animal", "thing") or head == "none" and owner == "animal":
                    continue
                if head != "person" and owner != "person" and not _mentions_person(m.group(0)) and not any(
                        ctx.is_person_word(k) for k in range(first, last + 1)):
                    continue
                out.append(Mention(m.start(), m.end(), m.group(0), (cat,), "pattern", None, first, last))
        return out


_PERSON_PRONOUN_RE = re.compile(r"\b(?:his|her|their|my|your|our)\b", re.I)


def _mentions_person(text: str) -> bool:
    return bool(_PERSON_PRONOUN_RE.search(text))


class _Context:
    """Per-text helpers: neighbours, heads, owners and predicates of tokens."""

    def __init__(self, text: str, tokens: list[Token], lex: _Lexicon, person_before: bool = False,
                 animal_before: bool = False, person_context: bool = False):
        self.text, self.tokens, self.lex = text, tokens, lex
        self.chess = "chess" in text.lower()
        self.person_before, self.animal_before = person_before, animal_before
        self.person_context = person_context

    @cached_property
    def first_person(self) -> int:
        """Index of the first person noun (-1 when one came before the text, len(tokens) when none)."""
        if self.person_before:
            return -1
        for k, t in enumerate(self.tokens):
            if t.word and t.low not in PRONOUNS and self.is_person_word(k) and not self.is_compound(k):
                return k
        return len(self.tokens)

    @cached_property
    def first_animal(self) -> int:
        if self.animal_before:
            return -1
        return next((k for k, t in enumerate(self.tokens) if t.word and t.norm in lx.ANIMAL_NOUNS), len(self.tokens))

    def mention(self, first: int, last: int, cats: tuple[str, ...], kind: str, repl: str | None = None) -> Mention:
        s, e = self.tokens[first].start, self.tokens[last].end
        return Mention(s, e, self.text[s:e], tuple(dict.fromkeys(cats)), kind, repl, first, last)

    def is_person_word(self, k: int) -> bool:
        t = self.tokens[k]
        if self.chess and t.norm in lx.CHESS_PIECES:
            return False
        return t.norm in self.lex.person_nouns or t.low in PRONOUNS or t.low in ("they", "them", "their")

    def is_compound(self, k: int) -> bool:
        """The noun at ``k`` names a thing or an animal with the noun after it ("baby stroller")."""
        nxt = self.next_word(k)
        if nxt is None or self.tokens[k].poss:
            return False
        return self.tokens[nxt].norm in lx.COMPOUND_THING_NOUNS or self.tokens[nxt].norm in lx.ANIMAL_NOUNS

    def next_word(self, i: int) -> int | None:
        j = i + 1
        return j if j < len(self.tokens) and self.tokens[j].word else None

    def prev_word(self, i: int) -> int | None:
        j = i - 1
        return j if j >= 0 and self.tokens[j].word else None

    def after_possessive(self, i: int) -> bool:
        p = self.prev_word(i)
        while p is not None and self.tokens[p].low in ("own", "little", "young", "older", "younger", "new", "two", "three"):
            p = self.prev_word(p)
        return p is not None and (self.tokens[p].low in ("his", "her", "their", "my", "your", "our") or self.tokens[p].poss)

    def is_proper(self, i: int) -> bool:
        """A capitalised word inside a name ("Old Navy", "Queen Street")."""
        t = self.tokens[i]
        if not t.text[0].isupper() or t.low in PRONOUNS:
            return False
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.tokens):
                o = self.tokens[j]
                if (o.word and o.text[0].isupper() and o.low not in lx.DETERMINERS and o.low != "i"
                        and not self._term(o) and not self.sentence_start(j)):
                    return True
        return False

    def _term(self, t: Token) -> bool:
        return t.norm in self.lex.nouns or (t.norm,) in self.lex.phrases or t.low in self.lex.phrase_words

    def sentence_start(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and not self.tokens[j].word and self.tokens[j].text in "\"'(\u201c[":
            j -= 1
        return j < 0 or self.tokens[j].text in SENTENCE_END or self.text[self.tokens[j].end:self.tokens[i].start].count("\n") > 0

    def token_range(self, start: int, end: int) -> tuple[int | None, int | None]:
        first = last = None
        for k, t in enumerate(self.tokens):
            if t.end > start and t.start < end:
                if first is None:
                    first = k
                last = k
            elif t.start >= end:
                break
        return first, last

    def head_after(self, last: int, skip_determiners: bool = False) -> tuple[str, int | None]:
        """What the words after a modifier describe: person, attribute (a person's "build", "eyes"),
        animal, thing or none (a predicate)."""
        toks, lex = self.tokens, self.lex
        unknown = None
        seen_unknown = 0
        j = last + 1
        while skip_determiners and j < len(toks) and toks[j].low in lx.DETERMINERS:
            j += 1
        while j < len(toks) and j <= last + 7:
            t = toks[j]
            if not t.word:
                if t.text in ",/" and j + 1 < len(toks) and (self._is_modifier(j + 1) or (
                        j + 2 < len(toks) and toks[j + 1].word and toks[j + 2].norm in lex.person_nouns)):
                    j += 1  # "a tall, thin man", "a large, bald man"
                    continue
                if t.text == "-":
                    j += 1
                    continue
                break
            if t.low in ("and", "or", "&") and j + 1 < len(toks) and (self._is_modifier(j + 1) or toks[j + 1].norm in lex.person_nouns):
                j += 1  # "young and old people", "a man and woman"
                continue
            if t.protected or self.chess and t.norm in lx.CHESS_PIECES:
                return "thing", j
            if t.norm in lx.GROUP_NOUNS and j + 2 < len(toks) and toks[j + 1].low == "of" \
                    and toks[j + 2].low not in lx.DETERMINERS - {"a", "an", "the"} and not toks[j + 2].low[:1].isdigit():
                j += 2  # "a brown pair of shoes", "a young group of friends": the head follows "of"
                while j < len(toks) and toks[j].low in ("a", "an", "the"):
                    j += 1
                continue
            nxt = self.next_word(j)
            if t.norm in lex.person_nouns and (nxt is None or not (toks[nxt].norm in lex.person_nouns or self._is_modifier(nxt))) \
                    and not self.is_compound(j):
                return "person", j  # "a tall Black teen": "teen" is the head here, not another adjective
            if self._is_modifier(j) or t.low in lx.INTENSIFIERS and unknown is None:
                j += 1
                continue
            if self.chess and t.norm in lx.CHESS_PIECES:
                return "thing", j
            if t.norm in lx.PERSON_ATTRIBUTE_NOUNS and t.norm not in lex.person_nouns and unknown is None:
                return "attribute", j
            if t.norm in lex.person_nouns:
                return ("thing", j) if self.is_compound(j) else ("person", j)
            if t.norm in lx.ANIMAL_NOUNS:
                return "animal", j
            if _is_function(t.low) or t.low in lx.COPULAS:
                break
            seen_unknown += 1
            if unknown is None:
                unknown = j
            if seen_unknown >= 3 or t.poss:
                break
            j += 1
        return ("thing", unknown) if unknown is not None else ("none", None)

    def _is_modifier(self, j: int) -> bool:
        t = self.tokens[j]
        if (t.norm,) in self.lex.phrases:
            return self.lex.phrases[(t.norm,)][0] == "modifier"
        return t.low in self.lex.phrase_starts or _AGE_TOKEN.fullmatch(t.low) is not None

    def has_person_before(self, i: int) -> bool:
        """A person is mentioned earlier in the same sentence."""
        j = i - 1
        while j >= 0 and self.tokens[j].text not in SENTENCE_END:
            if self.tokens[j].word and self.is_person_word(j) and not self.tokens[j].protected:
                return True
            j -= 1
        return False

    def owner(self, i: int) -> str:
        """Whose trait a marker at ``i`` is: the nearest person or animal noun before it in the sentence."""
        j = i - 1
        while j >= 0 and self.tokens[j].text not in SENTENCE_END:
            t = self.tokens[j]
            if t.word and not t.protected:
                if t.norm in lx.ANIMAL_NOUNS or t.low in ("its", "it"):
                    return "animal"
                if self.is_person_word(j):
                    return "person"
            j -= 1
        return "person" if self.person_context else "none"

    def predicative_person(self, i: int) -> bool:
        """``i`` is an adjective after a copula whose subject is a person ("she looks slim")."""
        toks = self.tokens
        j = i - 1
        unknown = 0
        coordinated = False
        while j >= 0:
            t = toks[j]
            if t.low in lx.COPULAS:
                break
            if t.low in ("and", "or"):
                coordinated = True  # "is about six feet tall and fairly thin": look further back for the verb
            if t.low in lx.INTENSIFIERS or t.low in ("to", "be", "and", "or", ",", "both", "not", "also", "as", "being") \
                    or self._is_modifier(j) or t.low == "a" and j + 1 < i and toks[j + 1].low in ("bit", "little"):
                j -= 1
                continue
            if not coordinated and (t.low.endswith("ing") or t.low in lx.DETERMINERS):
                return False  # "is wearing a brown beard": an object, not a predicate
            if not t.word:
                j = -1  # the answer starts after junk such as "<|im_end|>"
                break
            if t.word and (unknown == 0 and not _is_function(t.low) or coordinated and unknown < 8):
                unknown += 1
                j -= 1
                continue
            return False
        if j < 0:
            return self.person_context and unknown == 0  # a bare answer: "Probably white."
        while j > 0 and (toks[j - 1].low in lx.COPULAS or toks[j - 1].low in ("has", "have", "had", "not")):
            j -= 1  # "is described as", "has been"
        return self.subject_is_person(j, self._categories_at(i))

    def _categories_at(self, i: int) -> tuple[str, ...]:
        return self.lex.phrases.get((self.tokens[i].norm,), ("", ()))[1]

    def subject_is_person(self, copula: int, categories: tuple[str, ...] = ()) -> bool:
        """The subject of the verb at ``copula`` is a person, or a person's body part that a word of
        ``categories`` can describe ("her body is very thin")."""
        toks = self.tokens
        start = copula - 1
        while start >= 0 and toks[start].text not in SENTENCE_END and toks[start].text != "," \
                and toks[start].low not in lx.CONJUNCTIONS and toks[start].low not in lx.RELATIVES:
            start -= 1
        boundary = toks[start].low if start >= 0 else ""
        start += 1
        if start > copula - 1:  # nothing between the boundary and the verb
            if boundary == "who":
                return True
            k = start - 2  # "the man, is", "a helmet that is": the noun before the boundary
            return k >= 0 and boundary in (",", "that", "which") and toks[k].norm in self.lex.person_nouns \
                and not toks[k].poss or (k >= 0 and boundary == "," and self.is_person_word(k))
        clause = list(range(start, copula))
        head = None
        for k in clause:
            t = toks[k]
            if t.low in lx.DETERMINERS and head is None:
                continue
            if head is not None and (t.low in lx.COPULAS or t.low in ("has", "have", "had")):
                break  # "She is described as": the subject ends at the first verb
            if t.low in lx.PREPOSITIONS or t.low in lx.RELATIVES or t.low.endswith("ing") and head is not None:
                if head is None and t.low == "of" and k + 1 < copula:
                    head = k + 1 if toks[k + 1].low not in lx.DETERMINERS else k + 2
                break
            head = k
        if head is None or head >= copula:
            return self.person_context
        t = toks[head]
        if t.norm in lx.PERSON_ATTRIBUTE_NOUNS and set(categories) & lx.PERSON_ATTRIBUTE_NOUNS[t.norm]:
            return True
        return (t.norm in self.lex.person_nouns and not t.poss) or t.low in lx.SUBJECT_PRONOUNS_PERSON or t.low in ("them", "who")


_DIGIT_RE = re.compile(r"\d")
# "- **Gender:** Female", "Age: 30-40", "3. Eye colour - brown" (one labelled line)
_LABEL_RE = re.compile(r"^[\s>#*\-\u2022\d.)]*\**\s*(?P<label>[A-Za-z][A-Za-z _/-]{1,30}?)\s*\**\s*[:\uff1a]\s*\**\s*"
                       r"(?P<value>[^\n]{1,80}?)[\s.]*$")
_NON_ANSWER_RE = re.compile(r"\b(?:unknown|unclear|not (?:visible|shown|clear|specified|provided|determinable|possible|"
                            r"applicable|apparent)|n/?a|none|cannot|can't|can not|unable|indeterminate|unspecified|"
                            r"undetermined|not be determined|hard to (?:tell|say)|difficult to (?:tell|say|determine))\b", re.I)
# A sentence: up to and including its end punctuation and the spaces after it, or a line.
_SENTENCE_RE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"')\]\u201d]*|\n|$)[ \t]*(?:\n[ \t]*)*")
_WORD_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*'?")
_NOT_ADJECTIVE = lx.COPULAS | lx.INTENSIFIERS | lx.CONJUNCTIONS | lx.PREPOSITIONS | frozenset("to be not".split())
_AGE_TOKEN = re.compile(r"\d{1,3}-(?:year|month)s?-old")
_FUNCTION = lx.DETERMINERS | lx.PREPOSITIONS | lx.CONJUNCTIONS | lx.RELATIVES | frozenset(
    "it they them he she him her his i you we us me not no there here what".split())


def _is_function(word: str) -> bool:
    return word in _FUNCTION


def _merge(mentions: list[Mention], text: str) -> list[Mention]:
    """Sort mentions and merge overlapping ones (union of categories, widest span)."""
    order = {"pattern": 0, "marker": 1, "noun": 2, "modifier": 3, "pronoun": 4}
    mentions.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            prev = out[-1]
            cats = tuple(dict.fromkeys(prev.categories + m.categories))
            keep = prev if order[prev.kind] <= order[m.kind] else m
            start, end = min(prev.start, m.start), max(prev.end, m.end)
            out[-1] = Mention(start, end, text[start:end], cats, keep.kind, keep.replacement,
                              min(prev.first_token, m.first_token), max(prev.last_token, m.last_token))
        else:
            out.append(m)
    return out
