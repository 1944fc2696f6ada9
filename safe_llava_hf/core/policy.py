"""The biometric policy: which categories exist, which words reveal them, and the refusal text.

A :class:`BiometricPolicy` is immutable. It loads from and saves to YAML, and its ``with_*`` methods
return a new policy, so an engine built from a policy can never see it change underneath::

    policy = BiometricPolicy.default().with_enabled("hair").with_disabled("weight")
    policy.save("my_policy.yaml")
    policy = BiometricPolicy.load("my_policy.yaml")

Each :class:`Category` holds its whole identity: key, PRISM name, the noun a restated question uses,
the name a refusal uses, and the cues that make a short answer reveal it ("25" to "How old ...?").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from .errors import PolicyError
from .words import DECADE_WORDS, EYE_COLOR_WORDS, NUMBER_WORDS

# Placeholders usable in a category's patterns.
PATTERN_PLACEHOLDERS = {"NUMBER": f"(?:{NUMBER_WORDS})", "DECADE": f"(?:{DECADE_WORDS})", "EYECOLOR": f"(?:{EYE_COLOR_WORDS})"}
BUNDLED_POLICIES = ("pronouns",)
_LIST_KEYS = ("attribute_words", "modifiers", "markers", "patterns", "short_answer_cues", "answer_cues")
_CASED_KEYS = ("patterns", "short_answer_cues", "answer_cues")  # regexes keep their case


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A policy regex with its placeholders expanded, compiled case-insensitively."""
    for name, value in PATTERN_PLACEHOLDERS.items():
        pattern = pattern.replace(name, value)
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Category:
    """One biometric category: its identity and the words that reveal it.

    ``question_noun`` names the category in a restated question ("What build is this person?");
    ``short_answer_cues`` are regexes that reveal the category in a short answer to a question about
    it ("25", "Blue"); ``answer_cues`` do so in an answer of any length ("around 35", "180 lbs").
    """

    key: str
    prism_name: str
    enabled: bool = True
    description: str = ""
    refusal_name: str = ""
    question_noun: str = ""
    attribute_words: tuple[str, ...] = ()
    pronouns: bool = False
    modifiers: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    short_answer_cues: tuple[str, ...] = ()
    answer_cues: tuple[str, ...] = ()
    nouns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # other languages: code -> {"words": names and telling words of the category ("raza", "体重", "color ... ojos"),
    # "nouns": words for people of one value, a request when two stand in one question ("homem ou mulher")}
    languages: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=lambda: MappingProxyType({}))

    def compiled_patterns(self) -> list[re.Pattern[str]]:
        """The category's patterns with placeholders expanded, compiled case-insensitively."""
        return [compile_pattern(p) for p in self.patterns]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "key":
                continue
            if f.name == "languages":
                out[f.name] = {code: {k: list(v) for k, v in entry.items()} for code, entry in value.items()}
            else:
                out[f.name] = dict(value) if f.name == "nouns" else list(value) if isinstance(value, tuple) else value
        return out


_CATEGORY_KEYS = {f.name for f in fields(Category)} - {"key"}


@dataclass(frozen=True)
class BiometricPolicy:
    """Categories keyed by name (``gender``, ``race``, ``age``, ``eye_color``, ``weight``, ``hair``)."""

    categories: Mapping[str, Category]
    refusal: str
    person_nouns: tuple[str, ...] = ()
    neutral_reflexive: str = "themselves"  # what "himself"/"herself" become; "themself" for one person
    clause_subject: str = "they"  # "he"/"she" opening a while/as/when clause: "they", or "the person" (verb kept)
    # language code -> words for people: a question in that language must name one to ask about a trait
    other_language_people: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    source: str = "<default>"

    @classmethod
    def default(cls) -> "BiometricPolicy":
        return _default_policy()

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None) -> "BiometricPolicy":
        """Load a policy file; ``None`` gives the default policy.

        A file may hold a whole policy or only changes: categories it names are merged into the
        default (lists extended, ``enabled`` and texts replaced) unless it sets ``extends: null``.
        """
        if path is None:
            return cls.default()
        if str(path) in BUNDLED_POLICIES and not Path(path).exists():
            return cls.bundled(str(path))
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as err:
            raise PolicyError(f"{path}: cannot read policy file ({getattr(err, 'strerror', None) or err})") from err
        except yaml.YAMLError as err:
            raise PolicyError(f"{path}: not valid YAML: {err}") from err
        if not isinstance(data, dict):
            raise PolicyError(f"{path}: a policy file must be a mapping with a 'categories' key")
        if data.get("extends", "default") == "default":
            data = _merge(cls.default().to_dict(), data, str(path))
        return cls.from_dict(data, source=str(path))

    @classmethod
    def bundled(cls, name: str) -> "BiometricPolicy":
        """A policy shipped with the package by name: ``pronouns`` (gendered pronouns only)."""
        if name not in BUNDLED_POLICIES:
            raise PolicyError(f"no bundled policy {name!r}; bundled: {', '.join(BUNDLED_POLICIES)}")
        text = resources.files("safe_llava_hf.resources").joinpath(f"policies/{name}.yaml").read_text("utf-8")
        return cls.from_dict(yaml.safe_load(text), source=f"<bundled:{name}>")

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<dict>") -> "BiometricPolicy":
        cats = data.get("categories")
        if not isinstance(cats, dict) or not cats:
            raise PolicyError(f"{source}: 'categories' must be a non-empty mapping")
        categories = {str(key): _category(str(key), raw, source) for key, raw in cats.items()}
        refusal = str(data.get("refusal") or "I'm sorry, but I can't determine a person's {attributes} from an image.")
        person_nouns = tuple(str(w).lower() for w in data.get("person_nouns") or [])
        reflexive = str(data.get("neutral_reflexive") or "themselves")
        if reflexive not in ("themselves", "themself"):
            raise PolicyError(f"{source}: neutral_reflexive must be 'themselves' or 'themself', got {reflexive!r}")
        clause_subject = str(data.get("clause_subject") or "they")
        people = data.get("other_language_people") or {}
        if not isinstance(people, dict) or not all(isinstance(v, list) for v in people.values()):
            raise PolicyError(f"{source}: other_language_people must map a language code to a list of words")
        people = MappingProxyType({str(code): tuple(unicodedata.normalize("NFKC", str(x)).lower() for x in words)
                                   for code, words in people.items()})
        return cls(categories=MappingProxyType(categories), refusal=refusal, person_nouns=person_nouns,
                   neutral_reflexive=reflexive, clause_subject=clause_subject, other_language_people=people,
                   source=source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "refusal": self.refusal,
            "person_nouns": list(self.person_nouns),
            "neutral_reflexive": self.neutral_reflexive,
            "clause_subject": self.clause_subject,
            "other_language_people": {code: list(v) for code, v in self.other_language_people.items()},
            "categories": {key: cat.to_dict() for key, cat in self.categories.items()},
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the whole policy (``extends: null``) so it loads back exactly."""
        data = {"extends": None, **self.to_dict()}
        Path(path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), "utf-8")

    @cached_property
    def fingerprint(self) -> str:
        """A digest of the policy's content (not its source): equal policies share engines."""
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:16]

    # ----------------------------------------------------------------- derived policies
    def with_enabled(self, *keys: str) -> "BiometricPolicy":
        """A copy with the categories ``keys`` switched on."""
        return self._with_flags(keys, True)

    def with_disabled(self, *keys: str) -> "BiometricPolicy":
        """A copy with the categories ``keys`` switched off."""
        return self._with_flags(keys, False)

    def with_refusal(self, refusal: str) -> "BiometricPolicy":
        """A copy with another refusal text (``{attributes}`` is replaced by the category names)."""
        return replace(self, refusal=refusal)

    def _with_flags(self, keys: tuple[str, ...], enabled: bool) -> "BiometricPolicy":
        cats = dict(self.categories)
        for key in keys:
            cats[key] = replace(self.category(key), enabled=enabled)
        return replace(self, categories=MappingProxyType(cats))

    # ----------------------------------------------------------------- look-ups
    @property
    def enabled(self) -> list[str]:
        """Keys of the enabled categories, in policy order."""
        return [key for key, cat in self.categories.items() if cat.enabled]

    def category(self, key: str) -> Category:
        if key not in self.categories:
            raise PolicyError(f"unknown category {key!r}; known: {sorted(self.categories)}")
        return self.categories[key]

    def refusal_text(self, categories: list[str] | set[str] | tuple[str, ...]) -> str:
        """The refusal for a question about ``categories`` ("age", or "gender and age")."""
        names = [self.categories[c].refusal_name for c in self.categories if c in categories]
        if not names:
            names = ["biometric traits"]
        attributes = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return self.refusal.replace("{attributes}", attributes)

    def prism_name(self, key: str) -> str:
        return self.category(key).prism_name

    def key_for_prism_name(self, name: str) -> str:
        """Map a PRISM category name ("Eye_Color") or a key ("eye_color") to the key."""
        lowered = name.lower()
        for key, cat in self.categories.items():
            if lowered in (key, cat.prism_name.lower()):
                return key
        raise PolicyError(f"unknown category {name!r}; known: {[c.prism_name for c in self.categories.values()]}")


def _default_policy() -> BiometricPolicy:
    global _DEFAULT
    if _DEFAULT is None:
        text = resources.files("safe_llava_hf.resources").joinpath("default_policy.yaml").read_text("utf-8")
        _DEFAULT = BiometricPolicy.from_dict(yaml.safe_load(text), source="<default>")
    return _DEFAULT


_DEFAULT: BiometricPolicy | None = None


def _category(key: str, raw: Any, source: str) -> Category:
    """One category from its mapping, checked; errors name the source and the key."""
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: categories.{key} must be a mapping")
    unknown = set(raw) - _CATEGORY_KEYS
    if unknown:
        raise PolicyError(f"{source}: categories.{key} has unknown keys {sorted(unknown)}; allowed: {sorted(_CATEGORY_KEYS)}")
    raw = dict(raw)
    raw.setdefault("prism_name", key.title())
    raw.setdefault("refusal_name", key.replace("_", " "))
    raw["question_noun"] = raw.get("question_noun") or raw["refusal_name"]
    for list_key in _LIST_KEYS:
        value = raw.get(list_key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PolicyError(f"{source}: categories.{key}.{list_key} must be a list of strings")
        raw[list_key] = tuple(v if list_key in _CASED_KEYS else v.lower() for v in value)
    nouns = raw.get("nouns") or {}
    if not isinstance(nouns, dict):
        raise PolicyError(f"{source}: categories.{key}.nouns must map a noun to its neutral word")
    raw["nouns"] = MappingProxyType({str(k).lower(): str(v) for k, v in nouns.items()})
    raw["languages"] = _languages(key, raw.get("languages"), source)
    for list_key in _CASED_KEYS:
        for pattern in raw[list_key]:
            try:
                compile_pattern(pattern)
            except re.error as err:
                raise PolicyError(f"{source}: categories.{key}.{list_key} has an invalid regex {pattern!r}: {err}") from err
    return Category(key=key, **raw)


def _languages(key: str, raw: Any, source: str) -> Mapping[str, Mapping[str, tuple[str, ...]]]:
    """A category's words in other languages, checked: ``{code: {"words": [...], "nouns": [...]}}``."""
    if not raw:
        return MappingProxyType({})
    if not isinstance(raw, dict):
        raise PolicyError(f"{source}: categories.{key}.languages must map a language code to its words")
    out = {}
    for code, entry in raw.items():
        if not isinstance(entry, dict) or set(entry) - {"words", "nouns"}:
            raise PolicyError(f"{source}: categories.{key}.languages.{code} must have only 'words' and 'nouns' lists")
        lists = {}
        for name in ("words", "nouns"):
            value = entry.get(name) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise PolicyError(f"{source}: categories.{key}.languages.{code}.{name} must be a list of words")
            lists[name] = tuple(unicodedata.normalize("NFKC", v).lower() for v in value)
        out[str(code)] = MappingProxyType(lists)
    return MappingProxyType(out)


def _merge(base: dict[str, Any], changes: dict[str, Any], source: str) -> dict[str, Any]:
    """Merge a partial policy file into the default one."""
    out = dict(base)
    for key in ("refusal", "neutral_reflexive", "clause_subject"):
        if changes.get(key):
            out[key] = changes[key]
    out["person_nouns"] = list(base.get("person_nouns") or []) + list(changes.get("person_nouns") or [])
    cats = {k: dict(v) for k, v in base["categories"].items()}
    for key, raw in (changes.get("categories") or {}).items():
        if not isinstance(raw, dict):
            raise PolicyError(f"{source}: categories.{key} must be a mapping")
        if key not in cats:
            cats[key] = dict(raw)
            continue
        merged = cats[key]
        for field_name, value in raw.items():
            if isinstance(value, list) and isinstance(merged.get(field_name), list):
                merged[field_name] = merged[field_name] + [v for v in value if v not in merged[field_name]]
            elif isinstance(value, dict) and isinstance(merged.get(field_name), dict):
                merged[field_name] = {**merged[field_name], **value}
            else:
                merged[field_name] = value
    out["categories"] = cats
    return out
