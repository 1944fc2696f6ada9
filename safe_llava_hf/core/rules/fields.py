"""Structured fields: ``"gender": "female"`` (JSON), ``sex=M; age=34`` (key=value), ``estimated_age: mid-30s``.

The key names a category (the policy's attribute words, with ``_`` and ``-`` read as spaces and a leading
"estimated"/"apparent" dropped); the field reveals it unless the value says it cannot be told.
"""

from __future__ import annotations

import re

from ..analysis import SentenceAnalysis
from ..tokens import Finding, Mention, MentionKind
from .labels import NON_ANSWER_RE, label_category

_FIELD_RE = re.compile(r"""(?P<key>["']?[A-Za-z][A-Za-z _-]{1,30}?["']?)\s*[:=]\s*"""
                       r"""(?P<value>"[^"\n]{1,60}"|'[^'\n]{1,60}'|[^,;|}\]\n"]{1,60})""")
_KEY_PREFIXES = ("estimated ", "apparent ", "approximate ", "approx ", "likely ", "perceived ", "guessed ")
_KEY_ALIASES = {"eyes": "eye color", "eye": "eye color", "body type": "body type", "build": "build", "skin": "skin tone"}


class FieldRule:
    name = "fields"

    def find(self, a: SentenceAnalysis) -> list[Finding]:
        text = a.text
        if "=" not in text and ":" not in text:
            return []
        out = []
        for m in _FIELD_RE.finditer(text):
            key = " ".join(m.group("key").strip("\"' ").lower().replace("_", " ").replace("-", " ").split())
            for prefix in _KEY_PREFIXES:
                key = key[len(prefix):] if key.startswith(prefix) else key
            category = label_category(a.lex, _KEY_ALIASES.get(key, key))
            value = m.group("value").strip("\"' ")
            if category is None or not value or NON_ANSWER_RE.search(value):
                continue
            start, end = m.start("key"), m.end("value")
            first, last = a.token_range(start, end)
            if first is None:
                continue
            out.append(Finding(Mention(start, end, text[start:end], (category,), MentionKind.PATTERN, None, self.name),
                               first, last))
        return out
