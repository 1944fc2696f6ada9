"""Realise an :class:`~.plan.EditPlan`: build the sentence's new text, marking where edits happened.

Text between tokens is copied as it is; a deleted token leaves a mark (``MARK``) and a replaced one
is prefixed with it, so the repair passes know where to look and text elsewhere stays untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import words as w

if TYPE_CHECKING:
    from .plan import EditPlan

MARK = "\x00"  # marks, inside the rewritten text, where an edit happened


def realise(text: str, plan: "EditPlan") -> str:
    """The text of ``plan`` applied to ``text``, with ``MARK`` where edits happened."""
    toks, deleted, replacements = plan.tokens, plan.deleted, plan.replacements
    parts: list[str] = []
    cursor = 0
    capitalize_next = False
    for k, t in enumerate(toks):
        parts.append(text[cursor:t.start])
        cursor = t.end
        if k in deleted:
            parts.append(MARK)
            if t.text[:1].isupper() and _at_sentence_start(plan, k):
                capitalize_next = True
            continue
        word = replacements.get(k, t.text)
        if capitalize_next and t.word:
            word = word[:1].upper() + word[1:]
            capitalize_next = False
        parts.append(MARK + word if k in replacements else word)
    parts.append(text[cursor:])
    return "".join(parts)


def _at_sentence_start(plan: "EditPlan", k: int) -> bool:
    j = k - 1
    while j >= 0 and j in plan.deleted:
        j -= 1
    return j < 0 or plan.tokens[j].text in w.SENTENCE_END
