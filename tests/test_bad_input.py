import json

import pytest

from safe_llava_hf.cli import main

GOOD = {"id": "ok", "image": "a.jpg", "conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "A man."}]}


def run(tmp_path, content, *extra, name="in.json"):
    src = tmp_path / name
    src.write_text(content)
    out = tmp_path / "out.json"
    code = main(["scrub", str(src), "-o", str(out), "--no-progress", *extra])
    return code, out


@pytest.mark.parametrize("content, message", [
    ('[{"id": "a", "conversations": [}]', "record 0 is not valid JSON"),
    (json.dumps([GOOD, {"id": "b7", "image": "b.jpg"}]), "record 1 (id=b7): missing field 'conversations'"),
    (json.dumps([GOOD, {"id": "c", "conversations": [{"from": "human", "value": 3}]}]),
     "record 1 (id=c): field 'conversations[0].value' must be a string, got int"),
    (json.dumps([{"id": "d", "conversations": [{"from": "assistant", "value": "x"}]}]),
     "record 0 (id=d): field 'conversations[0].from' must be 'human' or 'gpt', got 'assistant'"),
    (json.dumps([GOOD, "text"]), "record 1: expected an object, got str"),
    (json.dumps({"id": "x"}), "record 0 (id=x): missing field 'conversations'"),
    (json.dumps({"records": [GOOD]}, indent=2), "line 1 (record 0) is not valid JSON"),
    ("", "file is empty"),
])
def test_bad_input_fails_cleanly(tmp_path, capsys, content, message):
    code, out = run(tmp_path, content)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and str(tmp_path / "in.json") in err
    assert not out.exists()
    assert not list(tmp_path.glob(".out.json.*")) and not (tmp_path / "out.audit.jsonl").exists()


def test_bad_jsonl_line_names_line(tmp_path, capsys):
    code, out = run(tmp_path, json.dumps(GOOD) + "\n{broken\n", name="in.jsonl")
    assert code == 2
    assert "line 2 (record 1) is not valid JSON" in capsys.readouterr().err
    assert not out.exists()


def test_on_error_skip_records_reasons(tmp_path):
    bad = {"id": "bad", "conversations": [{"from": "human", "value": None}]}
    lines = [json.dumps(GOOD), "{broken", json.dumps(bad), json.dumps({**GOOD, "id": "ok2"})]
    code, out = run(tmp_path, "\n".join(lines) + "\n", "--on-error", "skip", name="in.jsonl")
    assert code == 0
    assert [r["id"] for r in json.loads(out.read_text())] == ["ok", "ok2"]
    audit = [json.loads(l) for l in (tmp_path / "out.audit.jsonl").read_text().splitlines()]
    dropped = [a for a in audit if a.get("action") == "dropped"]
    assert [a["index"] for a in dropped] == [1, 2]
    assert "not valid JSON" in dropped[0]["reason"] and "conversations[0].value" in dropped[1]["reason"]
    assert audit[-1]["summary"]["dropped"] == 2 and audit[-1]["summary"]["records"] == 4


def test_missing_input_file(tmp_path, capsys):
    assert main(["scrub", str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.json")]) == 2
    assert "no such input file" in capsys.readouterr().err


def test_existing_output_survives_a_failed_run(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous result")
    code, _ = run(tmp_path, '[{"id": 1, "conversations": 5}]')
    assert code == 2 and out.read_text() == "previous result"
