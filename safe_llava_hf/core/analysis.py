"""The analysis of one sentence that every rule unit shares.

:class:`SentenceAnalysis` answers the questions rules ask about tokens: is this word a person, what
does an adjective describe (:meth:`head_after`), whose trait is this (:meth:`owner`), is an adjective
said of a person (:meth:`predicative_person`), is a capitalised word part of a name (:meth:`is_proper`).
Token indices here are the sentence's own; the detector turns findings into whole-text mentions.
"""

from __future__ import annotations

import re

from . import words as w
from .grammar import noun_lemmas, word_classes
from .index import PolicyIndex
from .tokens import READING_CUE_RE, Finding, Mention, MentionKind, Token

AGE_TOKEN = re.compile(r"\d{1,3}-(?:year|month)s?-old")


class SentenceAnalysis:
    """One sentence's tokens with the questions rules ask of them: neighbours, heads, owners, predicates."""

    def __init__(self, text: str, tokens: tuple[Token, ...], index: PolicyIndex, person_before: bool = False,
                 animal_before: bool = False, person_context: bool = False):
        self.text, self.tokens, self.lex = text, tokens, index
        self.chess = "chess" in text.lower()
        self.all_capitals = text.isupper()  # a text in capitals has no names to tell by their capitals
        self.reading_cue = READING_CUE_RE.search(text) is not None  # "a sign that reads ...": capitals are read text
        self.person_before, self.animal_before = person_before, animal_before
        self.person_context = person_context
        self._first_person: int | None = None
        self._first_animal: int | None = None
        self._candidates: tuple[int, ...] | None = None
        self._phrases: tuple[tuple[int, tuple[int, MentionKind, tuple[str, ...]] | None], ...] | None = None

    @property
    def candidates(self) -> tuple[int, ...]:
        """Indices of the tokens a token rule may look at: unprotected words of the policy's vocabulary
        that are not part of a name ("Old Navy", "Queen Street")."""
        if self._candidates is None:
            words, is_proper = self.lex.token_words, self.is_proper
            self._candidates = tuple(i for i, t in enumerate(self.tokens) if (t.norm in words or t.low in words)
                                     and t.word and not t.protected and not is_proper(i))
        return self._candidates

    @property
    def phrases(self) -> tuple[tuple[int, tuple[int, MentionKind, tuple[str, ...]] | None], ...]:
        """``(i, phrase)`` for each candidate: the longest modifier or marker starting there, or None."""
        if self._phrases is None:
            phrase_at, tokens = self.lex.phrase_at, self.tokens
            self._phrases = tuple((i, phrase_at(tokens, i)) for i in self.candidates)
        return self._phrases

    @property
    def first_person(self) -> int:
        """Index of the first person noun (-1 when one came before the text, len(tokens) when none)."""
        if self._first_person is None:
            self._first_person = -1 if self.person_before else next(
                (k for k, t in enumerate(self.tokens)
                 if t.word and t.low not in w.PRONOUNS and self.is_person_word(k) and not self.is_compound(k)),
                len(self.tokens))
        return self._first_person

    @property
    def first_animal(self) -> int:
        """Index of the first animal noun (-1 when one came before the text, len(tokens) when none)."""
        if self._first_animal is None:
            self._first_animal = -1 if self.animal_before else next(
                (k for k, t in enumerate(self.tokens) if t.word and t.norm in w.ANIMAL_NOUNS), len(self.tokens))
        return self._first_animal

    def finding(self, first: int, last: int, cats: tuple[str, ...], kind: MentionKind, rule: str,
                repl: str | None = None) -> Finding:
        """A finding over tokens ``first``..``last``."""
        s, e = self.tokens[first].start, self.tokens[last].end
        return Finding(Mention(s, e, self.text[s:e], tuple(dict.fromkeys(cats)), kind, repl, rule), first, last)

    def is_person_word(self, k: int) -> bool:
        t = self.tokens[k]
        if self.chess and t.norm in w.CHESS_PIECES:
            return False
        if t.low in w.PRONOUNS or t.low in ("they", "them", "their"):
            return True
        return t.norm in self.lex.person_nouns and not self.is_figure(k)

    def is_figure(self, k: int) -> bool:
        """A person noun after an animal or toy noun names a figure, not a person ("a toy man", "the cheetah girls")."""
        prev = self.prev_word(k)
        return prev is not None and not self.tokens[prev].poss and self.tokens[prev].norm in w.ANIMAL_NOUNS

    def is_compound(self, k: int) -> bool:
        """The noun at ``k`` names a thing or an animal with the noun after it ("baby stroller")."""
        nxt = self.next_word(k)
        if nxt is None or self.tokens[k].poss:
            return False
        t, after = self.tokens[k], self.tokens[nxt]
        if after.norm in w.COMPOUND_THING_NOUNS or after.norm in w.ANIMAL_NOUNS:
            return True
        # a singular person noun before a plain thing noun names the thing: "a queen street sign", "man utd"
        if after.norm in self.lex.person_nouns or after.low in w.FUNCTION_WORDS or after.low in w.COPULAS \
                or after.protected or t.norm != t.low or not _singular(t.low):
            return False
        classes = word_classes(after.norm)
        if not classes:  # an unknown word after a title is a name ("actress julia"), after "man" a name's part ("man utd")
            return t.norm in w.GENERIC_PERSON_NOUNS
        return classes <= {"NOUN", "PROPN"}

    def next_word(self, i: int) -> int | None:
        j = i + 1
        return j if j < len(self.tokens) and self.tokens[j].word else None

    def prev_word(self, i: int) -> int | None:
        j = i - 1
        return j if j >= 0 and self.tokens[j].word else None

    def after_possessive(self, i: int) -> bool:
        p = self.prev_word(i)
        while p is not None and self.tokens[p].low in w.POSSESSED_NOUN_FILLERS:
            p = self.prev_word(p)
        return p is not None and (self.tokens[p].low in w.POSSESSIVE_DETERMINERS or self.tokens[p].poss)

    def is_proper(self, i: int) -> bool:
        """A capitalised word inside a name ("Old Navy", "Queen Street")."""
        t = self.tokens[i]
        if not t.text[0].isupper() or t.low in w.PRONOUNS or self.all_capitals:
            return False
        if len(t.text) > 1 and t.text.isupper() and not self.reading_cue:
            return False  # capitals as emphasis ("The person is WEST AFRICAN"), not a name
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.tokens):
                o = self.tokens[j]
                if (o.word and o.text[0].isupper() and o.low not in w.DETERMINERS and o.low != "i"
                        and not self.lex.is_term(o) and (not self.sentence_start(j) or not self.sentence_start(i))):
                    return True  # "Old Navy", "Dairy Queen sign" (a name may open the sentence)
        return False

    def sentence_start(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and not self.tokens[j].word and self.tokens[j].text in "\"'(\u201c[":
            j -= 1
        return j < 0 or self.tokens[j].text in w.SENTENCE_END or self.text[self.tokens[j].end:self.tokens[i].start].count("\n") > 0

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
        while skip_determiners and j < len(toks) and toks[j].low in w.DETERMINERS:
            j += 1
        while j < len(toks) and j <= last + 7:
            t = toks[j]
            if not t.word:
                if t.text in ",/" and j + 1 < len(toks) and (self.is_modifier(j + 1) or (
                        j + 2 < len(toks) and toks[j + 1].word and toks[j + 2].norm in lex.person_nouns)):
                    j += 1  # "a tall, thin man", "a large, bald man"
                    continue
                if t.text == "-":
                    j += 1
                    continue
                break
            if t.low in ("and", "or", "&") and j + 1 < len(toks) and (self.is_modifier(j + 1) or toks[j + 1].norm in lex.person_nouns):
                j += 1  # "young and old people", "a man and woman"
                continue
            if t.protected or self.chess and t.norm in w.CHESS_PIECES:
                return "thing", j
            if t.norm in w.GROUP_NOUNS and j + 2 < len(toks) and toks[j + 1].low == "of" \
                    and toks[j + 2].low not in w.DETERMINERS - {"a", "an", "the"} and not toks[j + 2].low[:1].isdigit():
                j += 2  # "a brown pair of shoes", "a young group of friends": the head follows "of"
                while j < len(toks) and toks[j].low in ("a", "an", "the"):
                    j += 1
                continue
            nxt = self.next_word(j)
            if t.norm in lex.person_nouns and (nxt is None or not (toks[nxt].norm in lex.person_nouns or self.is_modifier(nxt))) \
                    and not self.is_compound(j):
                return "person", j  # "a tall Black teen": "teen" is the head here, not another adjective
            if self.is_modifier(j) or t.low in w.INTENSIFIERS and unknown is None:
                j += 1
                continue
            if self.chess and t.norm in w.CHESS_PIECES:
                return "thing", j
            if t.norm in w.PERSON_ATTRIBUTE_NOUNS and t.norm not in lex.person_nouns and unknown is None:
                return "attribute", j
            if t.norm in lex.person_nouns:
                return ("thing", j) if self.is_compound(j) else ("person", j)
            if t.norm in w.ANIMAL_NOUNS:
                return "animal", j
            if t.low in w.FUNCTION_WORDS or t.low in w.COPULAS:
                break
            seen_unknown += 1
            if unknown is None:
                unknown = j
            if seen_unknown >= 3 or t.poss:
                break
            j += 1
        return ("thing", unknown) if unknown is not None else ("none", None)

    def is_modifier(self, j: int) -> bool:
        t = self.tokens[j]
        if (t.norm,) in self.lex.phrases:
            return self.lex.phrases[(t.norm,)][0] == "modifier"
        return t.low in self.lex.modifier_starts or AGE_TOKEN.fullmatch(t.low) is not None

    def has_person_before(self, i: int) -> bool:
        """A person is mentioned earlier in the same sentence."""
        j = i - 1
        while j >= 0 and self.tokens[j].text not in w.SENTENCE_END:
            if self.tokens[j].word and self.is_person_word(j) and not self.tokens[j].protected:
                return True
            j -= 1
        return False

    def owner(self, i: int) -> str:
        """Whose trait a marker at ``i`` is: the nearest person or animal noun before it in the sentence."""
        j = i - 1
        while j >= 0 and self.tokens[j].text not in w.SENTENCE_END:
            t = self.tokens[j]
            if t.word and not t.protected:
                if t.norm in w.ANIMAL_NOUNS or t.low in ("its", "it"):
                    return "animal"
                if self.is_person_word(j):
                    return "person"
            j -= 1
        if self.fronted_person(i):
            return "person"
        return "person" if self.person_context else "none"

    def fronted_person(self, i: int) -> bool:
        """``i`` is in a phrase that opens the sentence before a comma, and a person follows the comma:
        "Greying at the temples, the pianist ...", "Rail-thin and wiry, the climber ..."."""
        toks = self.tokens
        comma = next((k for k in range(i + 1, len(toks)) if toks[k].text == ","), None)
        if comma is None or any(toks[k].low not in w.INTENSIFIERS and toks[k].word for k in range(0, i)) \
                or any(toks[k].low in w.COPULAS or toks[k].low == "to" for k in range(i, comma)):
            return False  # the phrase must open the sentence and hold no verb of its own ("To be fair, she ...")
        for k in range(comma + 1, min(comma + 5, len(toks))):
            if toks[k].word and self.is_person_word(k):
                return True
            classes = word_classes(toks[k].norm)
            if toks[k].word and toks[k].low not in w.DETERMINERS and not self.is_modifier(k) \
                    and not (classes and classes <= {"NOUN", "ADJ"}):
                return False  # "..., the chess player": a noun may stand before the person noun
        return False

    def predicative_person(self, i: int) -> bool:
        """``i`` is an adjective after a copula whose subject is a person ("she looks slim")."""
        toks = self.tokens
        j = i - 1
        unknown = 0
        coordinated = False
        while j >= 0:
            t = toks[j]
            if t.low in w.COPULAS:
                break
            if t.low in ("and", "or"):
                coordinated = True  # "is about six feet tall and fairly thin": look further back for the verb
            if t.low in w.INTENSIFIERS or t.low in ("to", "be", "and", "or", ",", "both", "not", "also", "as", "being") \
                    or self.is_modifier(j) or t.low == "a" and j + 1 < i and toks[j + 1].low in ("bit", "little"):
                j -= 1
                continue
            if not coordinated and (t.low.endswith("ing") or t.low in w.DETERMINERS):
                return False  # "is wearing a brown beard": an object, not a predicate
            if not t.word:
                j = -1  # the answer starts after junk such as "<|im_end|>"
                break
            if t.word and (unknown == 0 and t.low not in w.FUNCTION_WORDS or coordinated and unknown < 8):
                unknown += 1
                j -= 1
                continue
            return False
        if j < 0:
            return self.person_context and unknown == 0  # a bare answer: "Probably white."
        while j > 0 and (toks[j - 1].low in w.COPULAS or toks[j - 1].low in ("has", "have", "had", "not")):
            j -= 1  # "is described as", "has been"
        return self.subject_is_person(j, self.categories_at(i))

    def categories_at(self, i: int) -> tuple[str, ...]:
        return self.lex.phrases.get((self.tokens[i].norm,), ("", ()))[1]

    def subject_is_person(self, copula: int, categories: tuple[str, ...] = ()) -> bool:
        """The subject of the verb at ``copula`` is a person, or a person's body part that a word of
        ``categories`` can describe ("her body is very thin")."""
        toks = self.tokens
        start = copula - 1
        while start >= 0 and toks[start].text not in w.SENTENCE_END and toks[start].text != "," \
                and toks[start].low not in w.CONJUNCTIONS and toks[start].low not in w.RELATIVES:
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
            if t.low in w.DETERMINERS and head is None:
                continue
            if head is not None and (t.low in w.COPULAS or t.low in ("has", "have", "had")):
                break  # "She is described as": the subject ends at the first verb
            if t.low in w.PREPOSITIONS or t.low in w.RELATIVES or t.low.endswith("ing") and head is not None:
                if head is None and t.low == "of" and k + 1 < copula:
                    head = k + 1 if toks[k + 1].low not in w.DETERMINERS else k + 2
                break
            head = k
        if clause and toks[clause[-1]].low in w.PERSON_PRONOMINALS and (head is None or head == clause[-1]) \
                and (self.person_before or self.has_person_before(clause[-1])):
            return True  # "two women ...; one of them is chubby and the other is skinny"
        if head is None or head >= copula:
            return self.person_context
        t = toks[head]
        if t.norm in w.PERSON_ATTRIBUTE_NOUNS and set(categories) & w.PERSON_ATTRIBUTE_NOUNS[t.norm]:
            return True
        return (t.norm in self.lex.person_nouns and not t.poss) or t.low in w.SUBJECT_PRONOUNS_PERSON or t.low in ("them", "who")


def _singular(low: str) -> bool:
    """A singular noun form ("man", "queen"), not a plural ("men", "queens")."""
    lemmas = noun_lemmas(low)
    return not lemmas or low in lemmas
