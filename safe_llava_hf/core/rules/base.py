"""What every rule unit is: a name and ``find(analysis) -> findings``. The tokens a rule looks at are
``analysis.candidates`` (and ``analysis.phrases`` for modifiers and markers), computed once per sentence."""

from __future__ import annotations

from typing import Protocol

from ..analysis import SentenceAnalysis
from ..tokens import Finding


class Rule(Protocol):
    """A family of detection rules. ``name`` is recorded in every mention it finds."""

    name: str

    def find(self, a: SentenceAnalysis) -> list[Finding]: ...
