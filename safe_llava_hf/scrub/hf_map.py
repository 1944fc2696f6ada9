"""Scrub data that is already a Hugging Face dataset, with ``Dataset.map`` (batched, ``num_proc`` works):

    from datasets import load_dataset
    from safe_llava_hf.scrub.hf_map import neutralize_batch, scrub_batch

    llava = load_dataset("json", data_files="llava_v1_5_mix665k.json", split="train")
    safe = llava.map(scrub_batch, batched=True, num_proc=8)                  # conversations + scrub_action
    captions = load_dataset("my/captions", split="train")
    neutral = captions.map(neutralize_batch, batched=True, fn_kwargs={"column": "caption"})

Each process builds its engine once (from ``fn_kwargs={"policy": policy.to_dict()}`` or the default policy),
so the functions pickle as plain module functions.
"""

from __future__ import annotations

from typing import Any

from ..core import BiometricEngine, BiometricPolicy
from .scrubber import Scrubber


def scrub_batch(batch: dict[str, list[Any]], policy: dict[str, Any] | None = None,
                column: str = "conversations") -> dict[str, list[Any]]:
    """LLaVA records in ``batch[column]`` scrubbed; adds ``scrub_action`` (unchanged, rewritten or refused) and
    ``scrub_categories`` (the categories touched). Records are never dropped here."""
    scrubber = Scrubber(_engine(policy))
    conversations, actions, categories = [], [], []
    for turns in batch[column]:
        out, audit = scrubber.scrub_record({"conversations": [dict(t) for t in turns]})
        conversations.append(out["conversations"])
        actions.append(audit["action"])
        categories.append(sorted(audit["categories"]))
    return {**batch, column: conversations, "scrub_action": actions, "scrub_categories": categories}


def neutralize_batch(batch: dict[str, list[Any]], policy: dict[str, Any] | None = None,
                     column: str = "text") -> dict[str, list[Any]]:
    """Each text of ``batch[column]`` rewritten neutrally (``None`` and empty texts stay as they are)."""
    engine = _engine(policy)
    return {**batch, column: [engine.rewrite(t).text if isinstance(t, str) and t.strip() else t for t in batch[column]]}


def _engine(policy: dict[str, Any] | None) -> BiometricEngine:
    return BiometricEngine.for_policy(BiometricPolicy.from_dict(policy, "<map>") if policy else None)
