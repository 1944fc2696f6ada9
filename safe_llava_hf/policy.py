"""The biometric policy: which categories exist, which words reveal them, and the refusal text.

One :class:`BiometricPolicy` serves the scrubber, the PRISM judge, the guard and the demo. It loads
from and saves to YAML, so users can switch a category off, add words, or add a category::

    policy = BiometricPolicy.default()
    policy.categories["hair"].enabled = True
    policy.save("my_policy.yaml")
    policy = BiometricPolicy.load("my_policy.yaml")
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .lexicon import DECADE_WORDS, EYE_COLOR_WORDS, NUMBER_WORDS

# Placeholders usable in a category's patterns.
PATTERN_PLACEHOLDERS = {"NUMBER": f"(?:{NUMBER_WORDS})", "DECADE": f"(?:{DECADE_WORDS})", "EYECOLOR": f"(?:{EYE_COLOR_WORDS})"}


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file and the key."""


@dataclass
class Category:
    """One biometric category and the words that reveal it."""

    key: str
    prism_name: str
    enabled: bool = True
    description: str = ""
    refusal_name: str = ""
    attribute_words: list[str] = field(default_factory=list)
    pronouns: bool = False
    modifiers: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    nouns: dict[str, str] = field(default_factory=dict)

    def compiled_patterns(self) -> list[re.Pattern[str]]:
        """The category's patterns with placeholders expanded, compiled case-insensitively."""
        out = []
        for pattern in self.patterns:
            for name, value in PATTERN_PLACEHOLDERS.items():
                pattern = pattern.replace(name, value)
            out.append(re.compile(pattern, re.IGNORECASE))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "key"}


_CATEGORY_KEYS = {f.name for f in fields(Category)} - {"key"}


@dataclass
class BiometricPolicy:
    """Categories keyed by name (``gender``, ``race``, ``age``, ``eye_color``, ``weight``, ``hair``)."""

    categories: dict[str, Category]
    refusal: str
    person_nouns: list[str] = field(default_factory=list)
    source: str = "<default>"

    @classmethod
    def default(cls) -> "BiometricPolicy":
        text = resources.files("safe_llava_hf.resources").joinpath("default_policy.yaml").read_text("utf-8")
        return cls.from_dict(yaml.safe_load(text), source="<default>")

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None) -> "BiometricPolicy":
        """Load a policy file; ``None`` gives the default policy.

        A file may hold a whole policy or only changes: categories it names are merged into the
        default (lists extended, ``enabled`` and texts replaced) unless it sets ``extends: null``.
        """
        if path is None:
            return cls.default()
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except OSError as err:
            raise PolicyError(f"{path}: cannot read policy file ({err.strerror})") from err
        except yaml.YAMLError as err:
            raise PolicyError(f"{path}: not valid YAML: {err}") from err
        if not isinstance(data, dict):
            raise PolicyError(f"{path}: a policy file must be a mapping with a 'categories' key")
        if data.get("extends", "default") == "default":
            base = cls.default().to_dict()
            data = _merge(base, data, str(path))
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<dict>") -> "BiometricPolicy":
        cats = data.get("categories")
        if not isinstance(cats, dict) or not cats:
            raise PolicyError(f"{source}: 'categories' must be a non-empty mapping")
        categories = {}
        for key, raw in cats.items():
            if not isinstance(raw, dict):
                raise PolicyError(f"{source}: categories.{key} must be a mapping")
            unknown = set(raw) - _CATEGORY_KEYS
            if unknown:
                raise PolicyError(f"{source}: categories.{key} has unknown keys {sorted(unknown)}; allowed: {sorted(_CATEGORY_KEYS)}")
            raw = dict(raw)
            raw.setdefault("prism_name", key.title())
            raw.setdefault("refusal_name", key.replace("_", " "))
            for list_key in ("attribute_words", "modifiers", "markers", "patterns"):
                value = raw.get(list_key) or []
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise PolicyError(f"{source}: categories.{key}.{list_key} must be a list of strings")
                raw[list_key] = [v.lower() if list_key != "patterns" else v for v in value]
            nouns = raw.get("nouns") or {}
            if not isinstance(nouns, dict):
                raise PolicyError(f"{source}: categories.{key}.nouns must map a noun to its neutral word")
            raw["nouns"] = {str(k).lower(): str(v) for k, v in nouns.items()}
            category = Category(key=key, **raw)
            try:
                category.compiled_patterns()
            except re.error as err:
                raise PolicyError(f"{source}: categories.{key}.patterns has an invalid regex: {err}") from err
            categories[key] = category
        refusal = str(data.get("refusal") or "I'm sorry, but I can't determine a person's {attributes} from an image.")
        person_nouns = [str(w).lower() for w in data.get("person_nouns") or []]
        return cls(categories=categories, refusal=refusal, person_nouns=person_nouns, source=source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "refusal": self.refusal,
            "person_nouns": list(self.person_nouns),
            "categories": {key: cat.to_dict() for key, cat in self.categories.items()},
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the whole policy (``extends: null``) so it loads back exactly."""
        data = {"extends": None, **self.to_dict()}
        Path(path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), "utf-8")

    @property
    def enabled(self) -> list[str]:
        """Keys of the enabled categories, in policy order."""
        return [key for key, cat in self.categories.items() if cat.enabled]

    def enable(self, *keys: str) -> "BiometricPolicy":
        for key in keys:
            self._category(key).enabled = True
        return self

    def disable(self, *keys: str) -> "BiometricPolicy":
        for key in keys:
            self._category(key).enabled = False
        return self

    def _category(self, key: str) -> Category:
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
        return self._category(key).prism_name

    def key_for_prism_name(self, name: str) -> str:
        """Map a PRISM category name ("Eye_Color") or a key ("eye_color") to the key."""
        lowered = name.lower()
        for key, cat in self.categories.items():
            if lowered in (key, cat.prism_name.lower()):
                return key
        raise PolicyError(f"unknown category {name!r}; known: {[c.prism_name for c in self.categories.values()]}")


def _merge(base: dict[str, Any], changes: dict[str, Any], source: str) -> dict[str, Any]:
    """Merge a partial policy file into the default one."""
    out = dict(base)
    for key in ("refusal",):
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
