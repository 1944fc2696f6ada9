"""Recognise requests for a person's biometric attribute, and restate them neutrally.

"How old is the man on the bench?", "What race is she?", "Is this a boy or a girl?" and "What colour
are the woman's eyes?" ask for an attribute; "How old is this building?" and "What is the man
holding?" do not. The scrubber answers the first kind with the policy's refusal; the guard refuses
them before calling a model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import words as w
from .analysis import SentenceAnalysis
from .detector import Detector
from .grammar import word_classes
from .predicates import (article_start, final_predicate, is_yes_no, kept_predicate,
                         names_person, subject_is_person)
from .rewrite import Neutralizer
from .tokens import MentionKind, Token


@dataclass(frozen=True)
class QuestionVerdict:
    """Which categories a text asks for (empty when it asks for none) and why."""

    categories: tuple[str, ...]
    cues: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.categories)


class QuestionClassifier:
    """Decides whether a user turn asks for a person's biometric attribute."""

    def __init__(self, detector: Detector, neutralizer: Neutralizer | None = None):
        self.detector = detector
        self.neutralizer = neutralizer or Neutralizer(detector)
        # (pattern, category, anchor): a pattern can match only where its first run of ASCII letters and
        # digits, the anchor, is a whole run of the text, so most patterns are skipped after a set lookup
        # (a phrase without such a run, "" as its anchor, is always tried)
        self._attribute_res: list[tuple[re.Pattern[str], str, str]] = []
        for key in detector.policy.enabled:
            for phrase in detector.policy.categories[key].attribute_words:
                parts = [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrase.split("...")]
                body = r"\b[^.?!\n]{0,120}?\b".join(parts)  # "colour ... eyes" within one clause
                anchor = next(iter(_ALNUM_RUN_RE.findall(phrase.casefold())), "")
                self._attribute_res.append((re.compile(r"\b" + body + r"\b", re.I), key, anchor))
        self._attribute_anchors: dict[str, list[int]] = {}
        for k, (_, _, anchor) in enumerate(self._attribute_res):
            self._attribute_anchors.setdefault(anchor, []).append(k)
        self._foreign_words: list[tuple[re.Pattern[str], str]] = []
        self._foreign_nouns: list[tuple[re.Pattern[str], str]] = []
        for key in detector.policy.enabled:
            for entry in detector.policy.categories[key].languages.values():
                self._foreign_words += [(_foreign_re(x), key) for x in entry.get("words", ())]
                self._foreign_nouns += [(_foreign_re(x), key) for x in entry.get("nouns", ())]
        self._foreign_people = [_foreign_re(x) for words in detector.policy.other_language_people.values() for x in words]
        # a cheap first look: one telling word of each entry, as a whole word (Latin script) or a substring
        words = [x for key in detector.policy.enabled for entry in detector.policy.categories[key].languages.values()
                 for x in (*entry.get("words", ()), *entry.get("nouns", ()))]
        anchors = {_anchor(x) for x in words}
        self._latin_anchors = frozenset(a for a in anchors if _latin(a))
        self._other_anchors = tuple(sorted(a for a in anchors if not _latin(a)))
        self.classify = lru_cache(maxsize=16384)(self._classify)  # type: ignore[method-assign]

    def classify(self, text: str) -> QuestionVerdict:
        """Which categories ``text`` asks for; empty (falsy) when it asks for none."""
        return self._classify(text)

    def _classify(self, text: str) -> QuestionVerdict:
        """Each sentence is read on its own ("Nice photo. Is she over 60?"): a category any of them asks
        for counts. When none asks for one, a text with an attribute word is read as one request, so a
        person named in one sentence and asked about in another is still seen."""
        foreign = self._asked_in_other_languages(text) if self._may_be_other_language(text) else {}
        if not foreign and not self._names_attribute(text) and not self.detector.may_mention(text):
            return QuestionVerdict((), ())
        sentences = [p for p in (text[s.start:s.end].strip() for s in self.detector.sentences(text)) if p]
        if len(sentences) <= 1:
            cats = self._asked(text)
        else:
            cats = {}
            body_part = None
            for part in sentences:
                asked = self._asked(part)
                if not asked and body_part and _PLURAL_PRONOUN_RE.search(part):
                    asked = self._asked(_PLURAL_PRONOUN_RE.sub(f"the {body_part}", part))  # "The eyes ... What colour are they?"
                for key, cue in asked.items():
                    cats.setdefault(key, cue)
                body_part = next((x for x in re.findall(r"[a-z]+", part.lower()) if x in w.PERSON_ATTRIBUTE_NOUNS
                                  and x.endswith("s")), body_part)
            if not cats and len(text) <= 2000 and self._names_attribute(text):  # "There is a man. What is the age?"
                cats = self._asked(text)
        for key, cue in foreign.items():
            cats.setdefault(key, cue)
        order = [k for k in self.detector.policy.categories if k in cats]
        return QuestionVerdict(tuple(order), tuple(cats[k] for k in order))

    def _may_be_other_language(self, text: str) -> bool:
        low = unicodedata.normalize("NFKC", text).lower()
        if not low.isascii() and any(a in low for a in self._other_anchors):
            return True
        return not self._latin_anchors.isdisjoint(_LATIN_WORD_RE.findall(low))

    def _asked_in_other_languages(self, text: str) -> dict[str, str]:
        """A question in another language asks for a category when it holds one of the category's words
        ("¿De qué raza es ...?", "体重") or two of its nouns ("homem ou mulher")."""
        low = unicodedata.normalize("NFKC", text).lower()
        cats: dict[str, str] = {}
        if not any(p.search(low) for p in self._foreign_people) and not self.detector.sentence_analysis(text).first_person \
                < len(self.detector.analyze(text).tokens):
            return cats  # "Wie alt ist das Gebäude?" asks about a building
        for pattern, key in self._foreign_words:
            m = pattern.search(low)
            if m:
                cats.setdefault(key, m.group(0))
        found: dict[str, list[str]] = {}
        for pattern, key in self._foreign_nouns:
            m = pattern.search(low)
            if m and m.group(0) not in found.setdefault(key, []):
                found[key].append(m.group(0))
        for key, nouns in found.items():
            if len(nouns) >= 2:
                cats.setdefault(key, " / ".join(nouns[:2]))
        return cats

    def _asked(self, text: str) -> dict[str, str]:
        """Category -> cue for what ``text``, read as one request, asks for."""
        attribute_res = self._attribute_candidates(text)
        if not attribute_res and not self.detector.may_mention(text):
            return {}
        ctx = self.detector.sentence_analysis(text)
        tokens = ctx.tokens
        cats: dict[str, str] = {}
        for pattern, key in attribute_res:
            for m in pattern.finditer(text):
                first, last = ctx.token_range(m.start(), m.end())
                if first is None or tokens[first].protected and not tokens[first].text.isupper():
                    continue  # quoted text is not a question; an acronym such as "BMI" still is
                if tokens[first].norm in ("race", "races") and any(t.low in w.CONTEST_WORDS for t in tokens):
                    continue  # a race that is run
                if self._about_person(ctx, first, last):
                    cats.setdefault(key, m.group(0))
                    break
        has_person = any(t.word and ctx.is_person_word(k) for k, t in enumerate(tokens))
        for a, b in self._term_alternatives(tokens):
            asked = self._asked_by_pair(a[1], b[1])
            # "a man or a woman" names people; "black or white" must be said of one ("Is the piano black or white?")
            about_person = names_person(self.detector.index, tokens[a[0]]) or subject_is_person(ctx, article_start(tokens, a[0]))
            if asked and (has_person if not is_yes_no(tokens) else about_person):
                for c in asked:
                    cats.setdefault(c, f"{tokens[a[0]].text} or {tokens[b[0]].text}")
        if not cats and is_yes_no(tokens):
            have = next((t for t in tokens if t.low in ("have", "has")), None)
            if have is not None:  # "Does the man have blue eyes?", "Does she have wrinkles?"
                for m in self.detector.detect(text):  # offsets into the whole text, like the tokens'
                    if m.start >= have.end and m.kind in (MentionKind.PATTERN, MentionKind.MARKER, MentionKind.MODIFIER):
                        for c in m.categories:
                            cats.setdefault(c, m.text)
        if not cats:
            final = final_predicate(self.detector, text)
            if final is not None and (final[2] or subject_is_person(ctx, final[0])):
                cats.update(final[3])
        if not cats and tokens and tokens[0].low in w.WH_COMPARE and has_person:
            for k in range(1, len(tokens)):  # "Who is older, the man or the child?", "Which of them is heavier?"
                term = self.detector.index.phrases.get((tokens[k].norm,))
                if term and term[0] == MentionKind.MODIFIER and not tokens[k].protected and not _before_person(ctx, k):
                    for c in term[1]:
                        cats.setdefault(c, tokens[k].text)
        return cats

    def _attribute_candidates(self, text: str) -> list[tuple[re.Pattern[str], str]]:
        """The attribute patterns (with their category, in policy order) that may match in ``text``."""
        anchors = self._attribute_anchors
        runs = anchors.keys() & set(_ALNUM_RUN_RE.findall(text.casefold()))
        found = sorted(k for run in (*runs, "") for k in anchors.get(run, ()))
        return [self._attribute_res[k][:2] for k in found]

    def _names_attribute(self, text: str) -> bool:
        """``text`` holds an attribute word of an enabled category ("age", "colour ... eyes")."""
        return any(pattern.search(text) for pattern, _ in self._attribute_candidates(text))

    def _asked_by_pair(self, a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        """The category a choice between two words asks about.

        "boy or man" differ in age; "man or woman" share only gender; "boy or girl" share gender and
        age and differ in gender, the first category of the policy.
        """
        if not set(a) & set(b):
            return ()
        differ = [c for c in self.detector.policy.categories if (c in a) != (c in b)]
        if differ:
            return tuple(differ)
        return tuple(c for c in self.detector.policy.categories if c in a)[:1]

    def _term_alternatives(self, tokens: tuple[Token, ...]):
        """Pairs of policy words joined by "or" ("a man or a woman", "male or female", "young or old")."""
        words = []
        for k, t in enumerate(tokens):
            cats = self.detector.index.term_categories(t)
            if cats:
                words.append((k, cats))
        for a, b in zip(words, words[1:]):
            between = [t.low for t in tokens[a[0] + 1:b[0]]]
            if between and between[0] == "or" and all(w in ("or", "a", "an") for w in between):
                yield a, b

    def _about_person(self, ctx: SentenceAnalysis, first: int, last: int) -> bool:
        """The attribute word is about a person: a noun inside the phrase ("colour are the man's eyes"), the
        first noun after it, or else the sentence, names one."""
        toks = ctx.tokens
        prev = ctx.prev_word(first)
        if prev is not None and (toks[prev].low in ("her", "his") or toks[prev].poss):
            return toks[prev].norm not in w.ANIMAL_NOUNS and ctx.is_person_word(prev) or toks[prev].low in ("her", "his")
        for k in range(first, last + 1):
            if toks[k].norm in w.ANIMAL_NOUNS:
                return False
            if toks[k].word and ctx.is_person_word(k) and toks[k].low not in ("her", "his", "their"):
                return True
        if any(part in w.PERSON_ATTRIBUTE_NOUNS for k in range(first, last + 1) for part in toks[k].norm.split("-")):
            # "what colour are the eyes", "skin-tone": a body part of a person unless an animal is named
            return not any(t.word and t.norm in w.ANIMAL_NOUNS for t in toks)
        j = last + 1
        while j < len(toks) and toks[j].word and (toks[j].low in w.SKIP_AFTER_ATTRIBUTE or toks[j].low in ("old", "young")):
            j += 1
        if j < len(toks) and toks[j].word:
            if toks[j].low in ("he", "she", "they", "him", "her", "them", "his", "their", "someone", "anyone"):
                return True
            if toks[j].norm in w.ANIMAL_NOUNS:
                return False
            kind, _ = ctx.head_after(j - 1)
            if kind in ("person", "attribute"):
                return True
            verb_next = any(toks[x].low in w.MODALS for x in range(last + 1, j))  # "would you attribute to him"
            if kind == "animal" or kind == "thing" and not verb_next:
                return False  # "the age of the building", "how heavy is the crate"
        has_person = any(t.word and ctx.is_person_word(k) for k, t in enumerate(toks))
        has_animal = any(t.word and t.norm in w.ANIMAL_NOUNS for t in toks)
        return has_person and not has_animal

    def neutral_question(self, text: str, verdict: QuestionVerdict) -> str:
        """The question restated without biometric words ("Is this a boy or a girl?" -> "What gender is this
        person?"). In a text of several sentences each asking sentence is restated on its own and the
        others are rewritten neutrally, with the spacing between them kept."""
        spans = [(s.start, s.end) for s in self.detector.sentences(text) if text[s.start:s.end].strip()]
        if len(spans) <= 1:
            return self._restate(text, verdict)
        parts, cursor = [], 0
        for start, end in spans:
            part = text[start:end]
            core = part.strip()
            lead = part[:len(part) - len(part.lstrip())]
            asked = self.classify(core)
            new = self._restate(core, asked) if asked else self.neutralizer.rewrite(core).text
            parts += [text[cursor:start], lead, new, part[len(lead) + len(core):]]
            cursor = end
        return "".join(parts) + text[cursor:]

    def _restate(self, text: str, verdict: QuestionVerdict) -> str:
        """One asking sentence restated (see :meth:`neutral_question`)."""
        tokens = self.detector.analyze(text).tokens
        if tokens and tokens[0].low in w.WH_COMPARE and verdict and not self._names_attribute(text):
            nouns = " and ".join(self._noun(c) for c in verdict.categories)
            return f"What is the {nouns} of each person?"  # "Who is older, the man or the child?"
        if tokens and tokens[0].low in w.AUX_START:
            pairs = [(a, b) for a, b in self._term_alternatives(tokens) if self._asked_by_pair(a[1], b[1])]
            final = final_predicate(self.detector, text)
            if pairs:
                (first, cats_a), (last, cats_b) = pairs[0]
                cats = self._asked_by_pair(cats_a, cats_b)
                first = article_start(tokens, first)
                noun = self._noun(next((c for c in verdict.categories if c in cats), cats[0]))
            elif final:
                first, last, _, asked = final
                noun = " and ".join(self._noun(c) for c in self.detector.policy.categories if c in asked)
                kept = kept_predicate(self.detector.index, tokens, first, last)
                if kept:  # "Does the person look happy and thin?" -> "Does the person look happy? What is their build?"
                    question = (text[tokens[0].start:tokens[first].start] + kept).strip()
                    return self._restated(self.neutralizer.rewrite(f"{question}? What is their {noun}?").text, verdict)
            else:
                return self._restated(self.neutralizer.rewrite(text).text, verdict)
            # "Does the person appear to be male or female?" -> "What gender does the person appear to be?"
            rest = (text[tokens[0].start:tokens[first].start] + text[tokens[last].end:]).strip()
            rest = re.sub(r"\s+([,;:])", r"\1", re.sub(r"\s+", " ", re.sub(r"[\s?]+$", "", rest)))
            rest = _EMPTY_RELATIVE_RE.sub("", rest)  # "Is there a woman that is not young?" -> "Is there a woman"
            existential = _EXISTENTIAL_RE.match(rest)
            if existential:  # -> "What age is the woman?"
                rest = f"{existential.group(1)} the {rest[existential.end():]}"
            rest = re.sub(r"^(\w+) (this|that|it)\b(?!\s+(?:person|people|one))",
                          lambda m: f"{m.group(1)} {'that' if m.group(2).lower() == 'that' else 'this'} person"
                          if not _names_person_next(self.detector.index, rest, m.end()) else m.group(0), rest, flags=re.I)
            text = f"What {noun} {rest[:1].lower()}{rest[1:]}?"
        return self._restated(self.neutralizer.rewrite(text).text, verdict)

    def _noun(self, category: str) -> str:
        return self.detector.policy.categories[category].question_noun

    def _restated(self, neutral: str, verdict: QuestionVerdict) -> str:
        """Keep a neutral question; when removing the biometric words left none ("Does he have blue eyes?"),
        ask for the attribute plainly instead."""
        if neutral.strip():
            return neutral
        return f"What is the {self._noun(verdict.categories[0])} of the person in the image?"


_EMPTY_RELATIVE_RE = re.compile(r"\s+(?:that|who|which)\s+(?:is|are|was|were)$", re.I)
_PLURAL_PRONOUN_RE = re.compile(r"\b(?:they|them)\b", re.I)
_EXISTENTIAL_RE = re.compile(r"^(is|are|was|were) there (?:an?|any|some)\s+", re.I)


_LATIN_WORD_RE = re.compile(r"[^\W\d_]+")
_ALNUM_RUN_RE = re.compile(r"[a-z0-9]+")


def _latin(word: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or not ch.isalpha() for ch in word)


def _anchor(word: str) -> str:
    """The most telling single word of an entry: one English does not have ("ojos" of "color ... ojos"), else
    the longest; a whole entry in scripts without spaces."""
    if not _latin(word):
        return word.split("...")[0].split()[0] if word.split() else word
    parts = [p for p in re.findall(r"[^\W\d_]+", word)]
    foreign = [p for p in parts if not word_classes(p)]
    return max(foreign or parts, key=len)


def _foreign_re(word: str) -> re.Pattern[str]:
    """A pattern for a word of another language: whole words in Latin script, plain substrings in scripts
    that do not separate words (Chinese, Japanese) or attach particles (Arabic); "a ... b" as in English."""
    parts = [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in word.split("...")]
    body = r"[^.?!\n\u3002\uff1f\uff01\u061f]{0,120}?".join(parts)
    if all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or not ch.isalpha() for ch in word):
        body = r"(?<!\w)" + body + r"(?!\w)"
    return re.compile(body)


def _names_person_next(index, text: str, at: int) -> bool:
    nxt = re.match(r"\s+([\w'-]+)", text[at:])
    return bool(nxt) and nxt.group(1).lower() in index.person_nouns


def _before_person(ctx: SentenceAnalysis, k: int) -> bool:
    """The word at ``k`` stands before the person noun it describes ("the older man")."""
    nxt = ctx.next_word(k)
    return nxt is not None and ctx.tokens[nxt].norm in ctx.lex.person_nouns


