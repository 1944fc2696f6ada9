"""Scrubbing a Hugging Face dataset with Dataset.map, in several processes, gives the scrubber's records."""

import json

import datasets

from safe_llava_hf import BiometricEngine, BiometricPolicy, Scrubber
from safe_llava_hf.sample import sample_path
from safe_llava_hf.scrub.hf_map import neutralize_batch, scrub_batch


def test_map_in_two_processes_matches_the_scrubber(tmp_path):
    records = json.loads(sample_path().read_text())
    ds = datasets.Dataset.from_list([{"id": r["id"], "conversations": r["conversations"]} for r in records])
    mapped = ds.map(scrub_batch, batched=True, batch_size=5, num_proc=2)
    scrubber = Scrubber(BiometricEngine())
    for record, row in zip(records, mapped):
        out, audit = scrubber.scrub_record(record)
        assert row["conversations"] == out["conversations"] and row["scrub_action"] == audit["action"]
        assert row["id"] == record["id"]
    assert {"rewritten", "refused", "unchanged"} <= set(mapped["scrub_action"])


def test_neutralize_a_text_column_with_a_policy():
    ds = datasets.Dataset.from_dict({"caption": ["A young man waves at her.", "A red bus.", None]})
    policy = BiometricPolicy.load("pronouns").to_dict()
    out = ds.map(neutralize_batch, batched=True, fn_kwargs={"column": "caption", "policy": policy})
    assert out["caption"] == ["A young man waves at them.", "A red bus.", None]
