"""Detection rules, one family per module, each a small unit over the shared :class:`SentenceAnalysis`.

Every finding records the rule that made it (``Mention.rule``). :func:`default_rules` gives them in
the order the detector runs them; a custom detector can take any list of objects with ``name`` and
``find(analysis)``.
"""

from __future__ import annotations

from .base import Rule
from .fields import FieldRule
from .labels import LabelRule
from .markers import MarkerRule
from .modifiers import ModifierRule, modifier_counts
from .patterns import PatternRule
from .person_nouns import PersonNounRule
from .pronouns import PronounRule


def default_rules() -> list[Rule]:
    """Token rules first (modifiers, markers, nouns, pronouns), then patterns, labelled lines and fields."""
    return [ModifierRule(), MarkerRule(), PersonNounRule(), PronounRule(), PatternRule(), LabelRule(), FieldRule()]


__all__ = ["FieldRule", "LabelRule", "MarkerRule", "ModifierRule", "PatternRule", "PersonNounRule", "PronounRule", "Rule",
           "default_rules", "modifier_counts"]
