"""Labelled lines: "**Gender:** Female", "- Age: 30-40", "3. Eye colour - brown".

The label names a category (the policy's attribute words); the line reveals it unless the value says
it cannot be told ("Age: unknown", "Race: not visible").
"""

from __future__ import annotations

import re

from ..analysis import SentenceAnalysis
from ..index import PolicyIndex
from ..tokens import Finding, Mention, MentionKind

LABEL_RE = re.compile(r"^[\s>#*\-\u2022\d.)]*\**\s*(?P<label>[A-Za-z][A-Za-z _/-]{1,30}?)\s*\**\s*[:\uff1a]\s*\**\s*"
                      r"(?P<value>[^\n]{1,80}?)[\s.]*$")
NON_ANSWER_RE = re.compile(r"\b(?:unknown|unclear|not (?:visible|shown|clear|specified|provided|determinable|possible|"
                            r"applicable|apparent)|n/?a|none|cannot|can't|can not|unable|indeterminate|unspecified|"
                            r"undetermined|not be determined|hard to (?:tell|say)|difficult to (?:tell|say|determine))\b", re.I)


def label_category(index: PolicyIndex, label: str) -> str | None:
    """The category a label names ("Eye_Color", "skin tone"), or None."""
    return index.labels.get(" ".join(label.lower().replace("_", " ").split()))


class LabelRule:
    name = "labels"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        if ":" not in a.text and "\uff1a" not in a.text:
            return []
        m = LABEL_RE.match(a.text)
        if not m:
            return []
        key = label_category(a.lex, m.group("label"))
        value = m.group("value").strip(" *_")
        if key is None or not value or NON_ANSWER_RE.search(value):
            return []
        first, last = a.token_range(m.start("label"), m.end("value"))
        if first is None or a.tokens[first].protected:
            return []
        start, end = m.start("label"), m.end("value")
        return [Finding(Mention(start, end, a.text[start:end], (key,), MentionKind.PATTERN, None, self.name), first, last)]
