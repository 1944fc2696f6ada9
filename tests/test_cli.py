import json
import subprocess
import sys


from safe_llava_hf.cli import main

CASES = "tests/data/scrub_cases.jsonl"
REFUSAL_WORDS = ("sorry", "can't", "cannot", "unable", "won't")


def test_scrub_embedded_sample_shows_pairs_and_summary(tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main(["scrub", "sample", "-o", str(out), "--show", "2", "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("--- sample-") == 2 and "before:" in printed and "after:" in printed
    assert "records: 24" in printed and "refused: 6" in printed
    assert len(json.loads(out.read_text())) == 24
    assert (tmp_path / "s.audit.jsonl").exists()


def test_console_script_end_to_end(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "image": "x.jpg", "conversations": [
        {"from": "human", "value": "<image>\nWho is there?"}, {"from": "gpt", "value": "A blonde girl and her grandpa."}]}) + "\n")
    p = subprocess.run([sys.executable, "-m", "safe_llava_hf.cli", "scrub", str(src), "-o", str(tmp_path / "o.jsonl"),
                        "--audit", str(tmp_path / "a.jsonl"), "--no-progress"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    rec = json.loads((tmp_path / "o.jsonl").read_text())
    assert rec["conversations"][1]["value"] == "A blonde person and their relative."
    assert json.loads((tmp_path / "a.jsonl").read_text().splitlines()[-1])["summary"]["rewritten"] == 1


def test_quality_on_labelled_cases(tmp_path):
    """The project's own labelled cases (phrased unlike the shared dev set), scored like acceptance."""
    cases = [json.loads(l) for l in open(CASES)]
    src, dst = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps([{k: c[k] for k in ("id", "image", "conversations")} for c in cases]))
    assert main(["scrub", str(src), "-o", str(dst), "--no-progress"]) == 0
    out = {r["id"]: r for r in json.loads(dst.read_text())}
    problems = []
    for c in cases:
        text = "\n".join(t["value"] for t in out[c["id"]]["conversations"])
        import re

        for m in c["must_remove"]:
            if re.search(r"(?<![\w-])" + re.escape(m["term"]) + r"(?![\w-])", text, re.I):
                problems.append((c["id"], "leak", m["term"]))
        problems += [(c["id"], "lost", k) for k in c["must_keep"] if k.lower() not in text.lower()]
        answers = [t["value"].lower() for t in out[c["id"]]["conversations"] if t["from"] == "gpt"]
        if c["expect_refusal"] and not any(w in a for a in answers for w in REFUSAL_WORDS):
            problems.append((c["id"], "no refusal", answers[0]))
        if re.search(r"\bthey (?:is|was|has|does)\b|\ban (?:person|people)\b", text, re.I):
            problems.append((c["id"], "grammar", text))
    assert problems == []


def test_detect_and_policy_commands(tmp_path, capsys):
    assert main(["detect", "An", "elderly", "man", "with", "blue", "eyes"]) == 0
    printed = capsys.readouterr().out
    assert "'elderly'" in printed and "eye_color" in printed
    assert main(["policy", "dump"]) == 0
    dumped = capsys.readouterr().out
    (tmp_path / "p.yaml").write_text(dumped)
    assert main(["policy", "check", str(tmp_path / "p.yaml")]) == 0
    assert "enabled categories: gender, race, age, eye_color, weight" in capsys.readouterr().out


def test_policy_flag_changes_scrub(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "1", "image": "1.jpg", "conversations": [
        {"from": "human", "value": "Describe."}, {"from": "gpt", "value": "An obese man with red hair."}]}]))
    (tmp_path / "p.yaml").write_text("categories:\n  weight: {enabled: false}\n  hair: {enabled: true}\n")
    assert main(["scrub", str(src), "-o", str(tmp_path / "o.json"), "--policy", str(tmp_path / "p.yaml"), "--no-progress"]) == 0
    assert json.loads((tmp_path / "o.json").read_text())[0]["conversations"][1]["value"] == "An obese person."


def test_missing_output_flag(tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_text("[]")
    assert main(["scrub", str(src)]) == 2
    assert "--output is required" in capsys.readouterr().err


def test_sample_command_writes_images_and_prism(tmp_path, capsys):
    assert main(["sample", "images", str(tmp_path / "img")]) == 0
    records = json.loads(open(__import__("safe_llava_hf.sample", fromlist=["x"]).sample_path()).read())
    assert all((tmp_path / "img" / r["image"]).is_file() for r in records)
    assert main(["sample", "prism", str(tmp_path / "p1"), "--layout", "v1"]) == 0
    assert (tmp_path / "p1" / "PRISM_refusal_soft.jsonl").is_file() and (tmp_path / "p1" / "biometric_images").is_dir()
    assert main(["sample", "prism", str(tmp_path / "p2")]) == 0
    assert (tmp_path / "p2" / "tasks" / "large_PRISM_implicit_leakage.jsonl").is_file()
