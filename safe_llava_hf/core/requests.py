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
from .grammar import is_bare_plural, word_classes
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
        self._attribute_res: list[tuple[re.Pattern[str], str]] = []
        for key in detector.policy.enabled:
            for phrase in detector.policy.categories[key].attribute_words:
                parts = [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrase.split("...")]
                body = r"\b[^.?!\n]{0,120}?\b".join(parts)  # "colour ... eyes" within one clause
                self._attribute_res.append((re.compile(r"\b" + body + r"\b", re.I), key))
        self._any_attribute = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self._attribute_res) or "(?!)", re.I)
        self._foreign_words: list[tuple[re.Pattern[str], str]] = []
        self._foreign_nouns: list[tuple[re.Pattern[str], str]] = []
        for key in detector.policy.enabled:
            for entry in detector.policy.categories[key].languages.values():
                self._foreign_words += [(_foreign_re(x), key) for x in entry.get("words", ())]
                self._foreign_nouns += [(_foreign_re(x), key) for x in entry.get("nouns", ())]
        self._foreign_people = [_foreign_re(x) for words in detector.policy.other_language_people.values() for x in words]
        self._any_foreign = re.compile("|".join(f"(?:{p.pattern})" for p, _ in self._foreign_words + self._foreign_nouns)
                                       or "(?!)", re.I)
        self.classify = lru_cache(maxsize=16384)(self._classify)  # type: ignore[method-assign]

    def classify(self, text: str) -> QuestionVerdict:
        """Which categories ``text`` asks for; empty (falsy) when it asks for none."""
        return self._classify(text)

    def _classify(self, text: str) -> QuestionVerdict:
        """Each sentence is read on its own ("Nice photo. Is she over 60?"): a category any of them asks
        for counts. When none asks for one, a text with an attribute word is read as one request, so a
        person named in one sentence and asked about in another is still seen."""
        foreign = self._asked_in_other_languages(text) if self._any_foreign.search(text) else {}
        if not foreign and not self._any_attribute.search(text) and not self.detector.may_mention(text):
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
            if not cats and len(text) <= 2000 and self._any_attribute.search(text):  # "There is a man. What is the age?"
                cats = self._asked(text)
        for key, cue in foreign.items():
            cats.setdefault(key, cue)
        order = [k for k in self.detector.policy.categories if k in cats]
        return QuestionVerdict(tuple(order), tuple(cats[k] for k in order))

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
        if not self._any_attribute.search(text) and not self.detector.may_mention(text):
            return {}
        ctx = self.detector.sentence_analysis(text)
        tokens = ctx.tokens
        cats: dict[str, str] = {}
        for pattern, key in self._attribute_res if self._any_attribute.search(text) else ():
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
            about_person = _names_person(self.detector.index, tokens[a[0]]) or _subject_is_person(ctx, _article_start(tokens, a[0]))
            if asked and (has_person if not _is_yes_no(tokens) else about_person):
                for c in asked:
                    cats.setdefault(c, f"{tokens[a[0]].text} or {tokens[b[0]].text}")
        if not cats and _is_yes_no(tokens):
            have = next((t for t in tokens if t.low in ("have", "has")), None)
            if have is not None:  # "Does the man have blue eyes?", "Does she have wrinkles?"
                for m in self.detector.detect(text):  # offsets into the whole text, like the tokens'
                    if m.start >= have.end and m.kind in (MentionKind.PATTERN, MentionKind.MARKER, MentionKind.MODIFIER):
                        for c in m.categories:
                            cats.setdefault(c, m.text)
        if not cats:
            final = self._final_predicate(text)
            if final is not None and (final[2] or _subject_is_person(ctx, final[0])):
                cats.update(final[3])
        if not cats and tokens and tokens[0].low in w.WH_COMPARE and has_person:
            for k in range(1, len(tokens)):  # "Who is older, the man or the child?", "Which of them is heavier?"
                term = self.detector.index.phrases.get((tokens[k].norm,))
                if term and term[0] == MentionKind.MODIFIER and not tokens[k].protected and not _before_person(ctx, k):
                    for c in term[1]:
                        cats.setdefault(c, tokens[k].text)
        return cats

    def _final_predicate(self, text: str) -> tuple[int, int, bool, dict[str, str]] | None:
        """What a yes/no question asks of its subject at its end: "Is she young and male?", "Is the man fat
        and angry?", "Is this a man?", "Is she over 60?". Returns the predicate's first and last token, whether
        it names a person itself (a noun), and category -> cue; None when no biometric word is in it. Words in
        the subject ("Is the young man happy?") or after a preposition ("... of the young man?") are not."""
        tokens, findings = self.detector.analyze(text)
        if not _is_yes_no(tokens) or len(tokens) < 3:
            return None
        index = self.detector.index
        cats: dict[str, str] = {}
        first, noun, k = None, False, _before_tail(tokens, len(tokens) - 2)
        while k > 0:
            t = tokens[k]
            low = t.low
            if not t.word:
                if t.text != ",":
                    break
            elif low in w.PREDICATE_JOINERS or low in w.INTENSIFIERS:
                first = k if first is not None else None
            elif t.norm in index.nouns and first is None and tokens[1].low != "there" and _names_person(index, t) \
                    and (_after_article(tokens, k, index) or is_bare_plural(t.low) and tokens[k - 1].word
                         and tokens[k - 1].low not in w.DETERMINERS and tokens[k - 1].low not in w.PREPOSITIONS):
                # "Is this a man?", "Are the two friends on the couch teenagers?"
                j = _after_article(tokens, k, index) or k - 1
                for x in range(j + 1, k + 1):
                    for c in index.term_categories(tokens[x]):
                        cats.setdefault(c, tokens[x].text)
                first, noun = j, True
                break
            elif low[:1].isdigit() or _NUMBER_WORD_RE.fullmatch(low) or low in w.AGE_HEDGES:
                if (low[:1].isdigit() or _NUMBER_WORD_RE.fullmatch(low)) and "age" in self.detector.policy.enabled:
                    cats.setdefault("age", t.text)  # "Is she over 60?"
                first = k
            elif (index.phrases.get((t.norm,), ("",))[0] == MentionKind.MODIFIER or "ADJ" in word_classes(low)
                  and t.norm not in index.person_nouns) and low not in w.FUNCTION_WORDS:
                for c in index.term_categories(t):
                    cats.setdefault(c, t.text)
                first = k
            else:
                break
            k -= 1
        while first is not None and first < len(tokens) - 1 and tokens[first].low in ("and", "or", ",", "nor"):
            first += 1
        if first is not None and not noun:
            seen = " ".join(t.low for t in tokens[first:])
            if _COLOUR_RE.search(seen):  # "Are the pilot's eyes green?", "Is her skin dark?"
                for key in _attribute_subject(tokens, first):
                    cats.setdefault(key, seen)
        if not cats and not any(t.low in ("have", "has") for t in tokens):  # "Is the woman at the till in her twenties?"
            for f in findings:
                if f.kind is MentionKind.PATTERN and f.first > 1:
                    for c in f.categories:
                        cats.setdefault(c, f.mention.text)
                    first = first if first is not None else f.first
        if not cats:  # "Is he fat or in shape?": a predicative adjective after the subject, not before a noun
            for k in range(2, len(tokens) - 1):
                term = index.phrases.get((tokens[k].norm,))
                nxt = tokens[k + 1]
                if term and term[0] == MentionKind.MODIFIER and not tokens[k].protected \
                        and (not nxt.word or nxt.low in w.CONJUNCTIONS or nxt.low in w.PREPOSITIONS):
                    for c in term[1]:
                        cats.setdefault(c, tokens[k].text)
                    first = k if first is None else first
        if first is not None and not noun:  # words of a longer phrase in the predicate: "Is the doorman Middle Eastern?"
            for f in findings:
                if f.first >= first and f.kind in (MentionKind.MODIFIER, MentionKind.PATTERN):
                    for c in f.categories:
                        cats.setdefault(c, f.mention.text)
        return (first, _before_tail(tokens, len(tokens) - 2), noun, cats) if cats and first is not None else None


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
        if tokens and tokens[0].low in w.WH_COMPARE and verdict and not self._any_attribute.search(text):
            nouns = " and ".join(self._noun(c) for c in verdict.categories)
            return f"What is the {nouns} of each person?"  # "Who is older, the man or the child?"
        if tokens and tokens[0].low in w.AUX_START:
            pairs = [(a, b) for a, b in self._term_alternatives(tokens) if self._asked_by_pair(a[1], b[1])]
            final = self._final_predicate(text)
            if pairs:
                (first, cats_a), (last, cats_b) = pairs[0]
                cats = self._asked_by_pair(cats_a, cats_b)
                first = _article_start(tokens, first)
                noun = self._noun(next((c for c in verdict.categories if c in cats), cats[0]))
            elif final:
                first, last, _, asked = final
                noun = " and ".join(self._noun(c) for c in self.detector.policy.categories if c in asked)
                kept = _kept_predicate(self.detector.index, tokens, first, last)
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
_NUMBER_WORD_RE = re.compile(f"(?:{w.NUMBER_WORDS})")
_PLURAL_PRONOUN_RE = re.compile(r"\b(?:they|them)\b", re.I)
_COLOUR_RE = re.compile(f"\\b(?:{w.EYE_COLOR_WORDS})\\b")


def _attribute_subject(tokens: tuple[Token, ...], end: int) -> frozenset[str]:
    """The categories of a body part that is the subject of a yes/no question ("Are her eyes ...")."""
    for t in tokens[1:end]:
        if t.word and t.norm in w.PERSON_ATTRIBUTE_NOUNS:
            return w.PERSON_ATTRIBUTE_NOUNS[t.norm]
    return frozenset()


def _foreign_re(word: str) -> re.Pattern[str]:
    """A pattern for a word of another language: whole words in Latin script, plain substrings in scripts
    that do not separate words (Chinese, Japanese) or attach particles (Arabic); "a ... b" as in English."""
    parts = [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in word.split("...")]
    body = r"[^.?!\n\u3002\uff1f\uff01\u061f]{0,120}?".join(parts)
    if all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or not ch.isalpha() for ch in word):
        body = r"(?<!\w)" + body + r"(?!\w)"
    return re.compile(body)
_EXISTENTIAL_RE = re.compile(r"^(is|are|was|were) there (?:an?|any|some)\s+", re.I)


def _names_person(index, t: Token) -> bool:
    """A noun that says only who someone is by category ("man", "girl", "teenager", "Latinas": its neutral word
    is person/people), unlike a role that also marks one ("waiter", "actress"): "Is he a chef or a waiter?"."""
    return t.norm in index.nouns and index.nouns[t.norm][0] in ("person", "people")


def _subject_is_person(ctx: SentenceAnalysis, end: int) -> bool:
    """The subject of a yes/no question, before token ``end``, is a person ("Is the man by the car ...",
    "Is she ...", "Is there a woman that ..."), not a thing ("Is the chair to the right of the boy ...")."""
    toks = ctx.tokens
    for k in range(1, end):
        t = toks[k]
        if t.poss or t.low in ("his", "her", "their") or t.protected:
            continue  # "Is the girl's hair ...", "Is his shirt ...": what is owned is the subject
        if ctx.is_person_word(k):
            return True
        if not t.word or t.low in w.DETERMINERS or t.low in w.FUNCTION_WORDS and t.low not in w.PREPOSITIONS:
            continue  # "Would you say she is ...", "Is there a woman ..."
        if t.norm in w.PERSON_ATTRIBUTE_NOUNS:
            return True  # "Are the waiter's eyes grey?", "Is her skin dark?"
        if t.low in w.PREPOSITIONS or t.low in w.RELATIVES or t.low in w.COPULAS:
            return False
        classes = word_classes(t.norm)
        if "NOUN" in classes and "VERB" not in classes and not ctx.is_modifier(k):
            return False  # "Is the boat ...": a thing is the subject
    return False


def _before_tail(tokens: tuple[Token, ...], k: int) -> int:
    """The last token of a question before a tail such as "to you" or "in this photo" ending at ``k``."""
    for _ in range(3):
        for tail in w.QUESTION_TAILS:
            n = len(tail)
            if k - n >= 1 and tuple(t.low for t in tokens[k - n + 1:k + 1]) == tail:
                k -= n
                break
        else:
            break
        while k > 1 and not tokens[k].word and tokens[k].text == ",":
            k -= 1
    return k


def _kept_predicate(index, tokens: tuple[Token, ...], first: int, last: int) -> str:
    """The words of a final predicate that are not biometric, joined ("happy" of "happy and thin")."""
    kept = [t.text for t in tokens[first:last + 1] if t.word and not index.term_categories(t)
            and t.low not in w.PREDICATE_JOINERS and t.low not in w.INTENSIFIERS and t.low not in w.AGE_HEDGES
            and not t.low[:1].isdigit() and t.low not in w.NUMBER_VALUES]
    return " and ".join(kept)


def _names_person_next(index, text: str, at: int) -> bool:
    nxt = re.match(r"\s+([\w'-]+)", text[at:])
    return bool(nxt) and nxt.group(1).lower() in index.person_nouns


def _after_article(tokens: tuple[Token, ...], k: int, index) -> int:
    """The index of the "a"/"an" before the noun at ``k`` (over policy adjectives: "a little girl"), or 0."""
    j = k - 1
    while j > 0 and index.term_categories(tokens[j]) and tokens[j].norm not in index.nouns:
        j -= 1
    like = tokens[j - 1].low == "like" and j > 1 and tokens[j - 2].low in w.COPULAS  # "does he look like a man?"
    if j > 0 and tokens[j].low in ("a", "an") and (tokens[j - 1].low not in w.PREPOSITIONS or like):
        return j  # "Is this a man?" but not "Is the car to the left of a woman?"
    return 0


def _before_person(ctx: SentenceAnalysis, k: int) -> bool:
    """The word at ``k`` stands before the person noun it describes ("the older man")."""
    nxt = ctx.next_word(k)
    return nxt is not None and ctx.tokens[nxt].norm in ctx.lex.person_nouns


def _article_start(tokens: tuple[Token, ...], i: int) -> int:
    return i - 1 if i > 0 and tokens[i - 1].low in ("a", "an") else i


def _is_yes_no(tokens: tuple[Token, ...]) -> bool:
    return bool(tokens) and tokens[0].low in w.AUX_START and tokens[-1].text == "?"


