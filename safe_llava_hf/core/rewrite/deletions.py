"""Deletions that take their joiners along: an adjective with its comma or "and", a trait with the
"with" that held it, a phrase with its emptied comma clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import words as w
from ..tokens import Token

if TYPE_CHECKING:
    from .plan import EditPlan

# nouns that mean nothing once their adjective is gone ("of Asian descent", "a slim build")
_EMPTY_WITHOUT_ADJECTIVE = frozenset(w.PERSON_ATTRIBUTE_NOUNS) - {"eyes", "eye", "iris", "irises", "appearance", "looks"}


def delete_modifier(plan: "EditPlan", first: int, last: int, dropped: set[int]) -> None:
    """Drop an adjective and the comma or "and" that joined it to another dropped adjective
    ("a fit, athletic woman") or to a kept one ("a tall, thin man")."""
    toks, deleted = plan.tokens, plan.deleted
    span = set(range(first, last + 1))
    while first - 1 >= 0 and toks[first - 1].low in w.DEGREE_WORDS:
        first -= 1  # "fairly thin", "very old": the degree word goes with its adjective
        span.add(first)
    nxt = last + 1
    prev = first - 1
    if nxt < len(toks) and toks[nxt].low in (",", "and", "or") and nxt + 1 in dropped:
        span.add(nxt)
    elif prev >= 0 and toks[prev].low in (",", "and", "or") and prev - 1 >= 0 and toks[prev - 1].word and prev - 1 not in deleted:
        span.add(prev)
    head = max(span) + 1
    while head < len(toks) and head in deleted:
        head += 1
    if head < len(toks) and toks[head].low in _EMPTY_WITHOUT_ADJECTIVE:
        span.add(head)
        k = first - 1
        while k >= 0 and (k in deleted or toks[k].low in ("a", "an", "of") and k == first - 1):
            if toks[k].low in ("a", "an", "of"):
                span.add(k)
            k -= 1
    plan.delete(span)


def delete_phrase(plan: "EditPlan", first: int, last: int) -> None:
    """Drop a phrase such as "in her forties"; drop its whole comma clause when nothing else is left in it."""
    toks, deleted = plan.tokens, plan.deleted
    verbs = [k for k in range(first, last) if toks[k].low in w.COPULAS]
    if verbs:  # keep "is" in "is about 40", "her eyes are blue": a clause left without a predicate goes later
        first = verbs[-1] + 1
    while first < last and toks[first].low in ("to", "be"):
        first += 1
    span = set(range(first, last + 1))
    left = first - 1
    while left >= 0 and toks[left].text not in ",(" and toks[left].text not in w.SENTENCE_END:
        left -= 1
    right = last + 1
    while right < len(toks) and toks[right].text not in ",)" and toks[right].text not in w.SENTENCE_END:
        right += 1
    inside = [k for k in range(left + 1, right) if k not in span]
    in_commas = left >= 0 and toks[left].text in ",(" and right < len(toks) and toks[right].text in ",)"
    stub = all(toks[k].low in w.STUB_WORDS or k in deleted for k in inside)
    relative = bool(inside) and toks[inside[0]].low in ("who", "whose")
    if in_commas and (stub or relative):
        span.update(range(left, right + 1))  # "The boy, who looks about eight, is" -> "The boy is"
    elif left >= 0 and toks[left].text == "," and stub and (right >= len(toks) or toks[right].text in w.SENTENCE_END):
        span.update(range(left, right))  # "..., probably around 15." -> "..."
    else:
        for k in range(left + 1, first):
            if toks[k].low in w.HEDGES and all(toks[x].low in w.HEDGES for x in range(k, first)):
                span.update(range(k, first))
                break
    plan.delete(span)


def delete_trait(plan: "EditPlan", first: int, last: int) -> None:
    """Drop a trait noun phrase ("a grey beard", "hazel eyes") with the "with" or joiner that held it."""
    toks = plan.tokens
    start = first
    k = first - 1
    while k >= 0 and toks[k].word and toks[k].low not in w.NP_STOP and toks[k].low not in w.HAVE_VERBS:
        if toks[k].low in w.PREPOSITIONS or toks[k].low in w.COPULAS or toks[k].low.endswith("ing"):
            break
        start = k
        if toks[k].low in w.DETERMINERS:
            break
        k -= 1
    before = start - 1
    after = last + 1
    span = set(range(start, last + 1))
    if after < len(toks) and toks[after].text == "," and before >= 0 and toks[before].low in ("with", ",") \
            and continues_list(toks, after + 1):
        span.add(after)  # "with dark eyes, a ponytail and ..." -> "with a ponytail and ..."
    elif after < len(toks) and toks[after].low == "and" and before >= 0 and toks[before].low in ("with", "has", "have", "had", ","):
        span.add(after)  # "has a gray beard and a knee brace" -> "has a knee brace"
        nxt = toks[after + 1].low if after + 1 < len(toks) else ""
        if toks[before].low in w.HAVE_VERBS and (nxt in w.COPULAS or nxt in w.COMMON_VERBS_3SG or nxt.endswith("ing")):
            span.add(before)  # "has blue eyes and is holding" -> "is holding": a second clause follows
    elif before >= 0 and toks[before].low in ("and", ","):
        span.add(before)
    elif before >= 0 and toks[before].low in w.HAVE_VERBS:
        # "..., and has a beard." -> "..."; "She has blue eyes." leaves "has" dangling, and the clause goes;
        # "has wrinkles around her eyes": the place of the trait goes with it
        k = last + 1
        if k < len(toks) and toks[k].low in w.PREPOSITIONS:
            while k < len(toks) and toks[k].word and toks[k].low not in ("and", "but", "while"):
                span.add(k)
                k += 1
        if before - 1 >= 0 and toks[before - 1].low in ("and", ","):
            span.update((before, before - 1))
            if before - 2 >= 0 and toks[before - 2].text == "," and toks[before - 1].low == "and":
                span.add(before - 2)
    elif toks[last].low in w.FACIAL_HAIR:
        # "trimming the beard of a customer" -> "trimming the hair of a customer"
        plan.delete(range(first, last))
        plan.replace(last, "hair")
        return
    else:
        # "only his brown eyes show" -> "only their eyes show": drop the trait words, keep the noun
        plan.delete(range(first, last + (0 if toks[last].low in ("eyes", "eye") else 1)))
        return
    plan.delete(span)


def drop_dangling_with(plan: "EditPlan") -> None:
    """Delete a "with" whose whole object was deleted ("a man with a grey beard is" -> "a person is")."""
    toks, deleted = plan.tokens, plan.deleted
    for k, t in enumerate(toks):
        if t.low != "with" or k in deleted or k + 1 not in deleted:
            continue
        j = k + 1
        while j < len(toks) and j in deleted:
            j += 1
        list_goes_on = toks[j - 1].low in ("and", ",", "or") and continues_list(toks, j)
        if not list_goes_on:
            deleted.add(k)


def continues_list(toks: tuple[Token, ...], k: int) -> bool:
    """The words from ``k`` go on a list of noun phrases ("..., a ponytail and pink shoes")."""
    if k >= len(toks) or not toks[k].word:
        return False
    low = toks[k].low
    if low in w.DETERMINERS:
        return True
    return not (low in w.COPULAS or low in w.PREPOSITIONS or low in w.CONJUNCTIONS or low in w.RELATIVES
                or low.endswith(("ing", "ed")) or low in w.PRONOUNS)
