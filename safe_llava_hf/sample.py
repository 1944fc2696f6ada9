"""The embedded LLaVA-format sample used by the README's main command and the tests."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_path() -> Path:
    """Path of the embedded sample (LLaVA json list, 24 records written for this project)."""
    return Path(str(resources.files("safe_llava_hf.resources").joinpath("sample_llava.json")))
