import json
import re

import pytest

from safe_llava_hf import BiometricEngine, BiometricPolicy, Scrubber, scrub_file
from safe_llava_hf.llava_io import iter_records


def record(rid, *turns):
    roles = ["human", "gpt"]
    return {"id": rid, "image": f"{rid}.jpg",
            "conversations": [{"from": roles[k % 2], "value": v} for k, v in enumerate(turns)]}


def test_refusal_replaces_answer_and_keeps_neutral_question(scrubber, policy):
    rec = record("r1", "<image>\nHow old is the man on the bench?", "He is in his seventies.")
    out, audit = scrubber.scrub_record(rec)
    assert out["conversations"][0]["value"] == "<image>\nHow old is the person on the bench?"
    assert out["conversations"][1]["value"] == policy.refusal_text(["age"])
    assert audit["action"] == "refused"
    assert [t["action"] for t in audit["turns"]] == ["question", "refused"]
    assert rec["conversations"][1]["value"] == "He is in his seventies."  # input untouched


def test_multiturn_only_the_biometric_turn_is_refused(scrubber):
    rec = record("r2", "<image>\nWhat is the woman doing?", "She is painting a fence.",
                 "What race is she?", "She looks Hispanic.", "What colour is the fence?", "The fence is white.")
    out, audit = scrubber.scrub_record(rec)
    values = [t["value"] for t in out["conversations"]]
    assert values[0] == "<image>\nWhat is the person doing?"
    assert values[1] == "They are painting a fence."
    assert values[2] == "What race are they?"
    assert values[3].startswith("I'm sorry")
    assert values[4:] == ["What colour is the fence?", "The fence is white."]
    assert audit["action"] == "refused"
    assert audit["categories"] == {"gender": 3, "race": 1}  # race asked for once; woman, she, she


def test_unchanged_record_is_identical_and_audited(scrubber):
    rec = record("r3", "<image>\nWhat is on the table?", "A white plate, an old teapot and a black cat.")
    out, audit = scrubber.scrub_record(rec)
    assert out == rec
    assert audit == {"id": "r3", "action": "unchanged", "categories": {}, "turns": []}


def test_rewrite_audit_counts_categories(scrubber):
    rec = record("r4", "<image>\nDescribe the image.", "A young woman and an obese man share a pizza.")
    out, audit = scrubber.scrub_record(rec)
    assert out["conversations"][1]["value"] == "Two people share a pizza."
    assert audit["action"] == "rewritten"
    assert audit["categories"] == {"age": 1, "gender": 2, "weight": 1}


def test_answer_with_nothing_left_is_kept_minimal_or_dropped_on_request(scrubber, engine):
    rec = record("r5", "<image>\nTell me about them.", "He looks elderly.")
    out, audit = scrubber.scrub_record(rec)
    assert out["id"] == "r5" and out["conversations"][1]["value"] == engine.refusal_text(["gender", "age"])
    assert audit["action"] == "rewritten" and audit["turns"][-1]["emptied"] is True
    out, audit = Scrubber(engine, drop_empty=True).scrub_record(rec)
    assert out is None
    assert audit["action"] == "dropped" and "nothing left" in audit["reason"]


def test_image_placeholder_position_is_kept(scrubber):
    rec = record("r6", "Describe the boy.\n<image>", "The boy is flying a kite.")
    out, _ = scrubber.scrub_record(rec)
    assert out["conversations"][0]["value"] == "Describe the person.\n<image>"


def test_custom_refusal_and_disabled_category(tmp_path):
    (tmp_path / "p.yaml").write_text("refusal: 'Not something I judge: {attributes}.'\ncategories:\n  age: {enabled: false}\n")
    s = Scrubber(BiometricEngine(BiometricPolicy.load(tmp_path / "p.yaml")))
    out, audit = s.scrub_record(record("r7", "<image>\nHow old is she?", "She is about 30."))
    assert out["conversations"][1]["value"] == "They are about 30."
    out, _ = s.scrub_record(record("r8", "<image>\nWhat race is she?", "Asian."))
    assert out["conversations"][1]["value"] == "Not something I judge: race or ethnicity."


def _write(path, records, fmt):
    with open(path, "w") as f:
        if fmt == "json":
            json.dump(records, f)
        else:
            f.writelines(json.dumps(r) + "\n" for r in records)


def _sample_records(n):
    base = [
        record("a", "<image>\nDescribe the photo.", "An old man walks his dog."),
        record("b", "<image>\nWhat gender is the chef?", "The chef is a woman."),
        record("c", "<image>\nWhat is on the desk?", "A slim laptop."),
    ]
    return [{**base[i % 3], "id": f"{base[i % 3]['id']}{i}"} for i in range(n)]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_scrub_file_keeps_order_ids_and_format(tmp_path, fmt):
    src, dst = tmp_path / f"in.{fmt}", tmp_path / f"out.{fmt}"
    records = _sample_records(30)
    _write(src, records, fmt)
    summary = scrub_file(src, dst, progress=False)
    out = [r for _, r in iter_records(dst)]
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert out[0]["conversations"][1]["value"] == "A person walks their dog."
    assert out[2] == records[2]
    raw = dst.read_text()
    assert raw.lstrip().startswith("[") == (fmt == "json")
    assert summary.to_dict()["records"] == 30
    assert (summary.actions["rewritten"], summary.actions["refused"], summary.actions["unchanged"]) == (10, 10, 10)
    audit = [json.loads(l) for l in (tmp_path / "out.audit.jsonl").read_text().splitlines()]
    assert len(audit) == 31 and [a["index"] for a in audit[:-1]] == list(range(30))
    assert audit[-1]["summary"]["refused_turns"] == 10
    assert audit[-1]["enabled_categories"] == ["gender", "race", "age", "eye_color", "weight"]


def test_num_proc_gives_identical_output(tmp_path):
    src = tmp_path / "in.json"
    _write(src, _sample_records(700), "json")
    scrub_file(src, tmp_path / "one.json", tmp_path / "one.audit.jsonl", progress=False)
    scrub_file(src, tmp_path / "two.json", tmp_path / "two.audit.jsonl", num_proc=2, progress=False, batch_size=64)
    assert (tmp_path / "one.json").read_text() == (tmp_path / "two.json").read_text()
    strip = lambda p: [re.sub(r'"seconds": [\d.]+|"records_per_second": [\d.]+|"output": "[^"]+"', "", l)
                       for l in p.read_text().splitlines()]
    assert strip(tmp_path / "one.audit.jsonl") == strip(tmp_path / "two.audit.jsonl")


def test_json_array_streaming_across_chunk_boundaries(tmp_path, monkeypatch):
    import safe_llava_hf.llava_io as io

    monkeypatch.setattr(io, "_CHUNK", 97)
    src = tmp_path / "in.json"
    records = _sample_records(50)
    src.write_text(json.dumps(records, indent=2))
    assert [r for _, r in io.iter_records(src)] == records
    src.write_text("[]")
    assert list(io.iter_records(src)) == []
