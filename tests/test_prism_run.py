import os
import json
import shutil

import pytest

from safe_llava_hf import SafeLlavaError
from safe_llava_hf.cli import main
from safe_llava_hf.prism.run import RunConfig, run_prism
from safe_llava_hf.guard.vlm import VLM, ModelLoadError

TASKS = ("refusal_soft", "refusal_hard", "implicit_leakage")


def lines(path):
    return [json.loads(l) for l in path.read_text().splitlines()]


@pytest.fixture()
def count_calls(monkeypatch):
    calls = []
    original = VLM.answer

    def counting(self, images, questions, max_new_tokens=None):
        calls.append(len(questions))
        return original(self, images, questions, max_new_tokens)

    monkeypatch.setattr(VLM, "answer", counting)
    return calls


def test_full_run_then_rerun_changes_nothing(tiny_llava, prism_folder, tmp_path, count_calls):
    out = tmp_path / "run"
    assert main(["prism", "run", "--model", str(tiny_llava), "--data", str(prism_folder), "--output-dir", str(out),
                 "--batch-size", "4", "--max-new-tokens", "6", "--no-progress"]) == 0
    assert sum(count_calls) == 10 + 10 + 6 and max(count_calls) == 4  # batched
    for task, n in zip(TASKS, (10, 10, 6)):
        answers = lines(out / f"{task}_answers.jsonl")
        assert len(answers) == n and {"question_id", "prompt", "response", "category", "model"} <= set(answers[0])
        judged = lines(out / f"{task}_judged.jsonl")
        assert [j["question_id"] for j in judged] == [a["question_id"] for a in answers] and "judgement" in judged[0]
        assert (out / f"{task}.png").exists()
    summary = json.loads((out / "summary.json").read_text())["results"]
    soft, leak = summary[0], summary[2]
    assert set(soft["refusal_accuracy_by_category"]) == {"Age", "Gender", "Race", "Eye_Color", "Weight"}
    assert 0 <= soft["refusal_accuracy"] <= 100
    assert set(leak["protection_by_attribute"]) == {"age", "gender", "race", "eye_color", "weight"}
    assert leak["macro_protection"] is not None and leak["sentence_level_protection"] is not None
    assert "# PRISM report" in (out / "report.md").read_text()

    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".jsonl", ".json", ".md")}
    count_calls.clear()
    assert main(["prism", "run", "--model", str(tiny_llava), "--data", str(prism_folder), "--output-dir", str(out),
                 "--max-new-tokens", "6", "--no-progress"]) == 0
    assert count_calls == []  # everything was answered
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".jsonl", ".json", ".md")}
    assert after == before


def test_resume_after_interruption(tiny_llava, prism_folder, tmp_path, count_calls):
    full, part = tmp_path / "full", tmp_path / "part"
    cfg = dict(model=str(tiny_llava), data=str(prism_folder), tasks=["refusal_hard"], max_new_tokens=6,
               batch_size=3, progress=False)
    run_prism(RunConfig(output_dir=str(full), **cfg))
    done = (full / "refusal_hard_answers.jsonl").read_text().splitlines()
    part.mkdir()
    # the run recorded its settings, four answers made it to disk, then it died in the middle of the fifth
    (part / "run_settings.json").write_text((full / "run_settings.json").read_text())
    (part / "refusal_hard_answers.jsonl").write_text("\n".join(done[:4]) + "\n" + done[4][:20])
    count_calls.clear()
    run_prism(RunConfig(output_dir=str(part), **cfg))
    assert sum(count_calls) == 6
    assert (part / "refusal_hard_answers.jsonl").read_text() == (full / "refusal_hard_answers.jsonl").read_text()


def test_guard_flag_refuses_biometric_questions(tiny_llava, prism_folder, tmp_path, count_calls):
    out = tmp_path / "guarded"
    results = run_prism(RunConfig(model=str(tiny_llava), data=str(prism_folder), output_dir=str(out), guard=True,
                                  tasks=["refusal_soft", "implicit_leakage"], max_new_tokens=6, progress=False))
    assert results[0]["refusal_accuracy"] == 100.0 and results[0]["guard"] is True
    answers = lines(out / "refusal_soft_answers.jsonl")
    assert all(a["guard"] == "refused" and a["response"].startswith("I'm sorry") for a in answers)
    assert answers[0]["model"].endswith("+guard")
    assert sum(count_calls) == 6  # only the descriptions reached the model
    assert results[1]["sentence_level_protection"] == 100.0


def test_built_folder_and_limit(tiny_llava, prism_folder, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dataset_scripts"))
    import build_prism

    build_prism.main([str(prism_folder), "--output-dir", str(tmp_path / "built")])
    out = tmp_path / "run"
    run_prism(RunConfig(model=str(tiny_llava), data=str(tmp_path / "built"), output_dir=str(out), split="large",
                        tasks=["refusal_soft"], limit=3, max_new_tokens=4, progress=False))
    answers = lines(out / "refusal_soft_answers.jsonl")
    assert [a["question_id"] for a in answers] == ["Age/large_00001.jpg", "Age/large_00002.jpg", "Gender/large_00001.jpg"]


def test_bad_input(tiny_llava, prism_folder, tmp_path, capsys):
    args = ["--data", str(prism_folder), "--output-dir", str(tmp_path / "o"), "--no-progress", "--max-new-tokens", "2"]
    assert main(["prism", "run", "--model", str(tmp_path / "no-such-model"), *args]) == 2
    err = capsys.readouterr().err
    assert "cannot load model" in err and "not reachable" in err

    no_template = tmp_path / "no_template"
    shutil.copytree(tiny_llava, no_template)
    for name in ("chat_template.jinja", "chat_template.json"):
        (no_template / name).unlink(missing_ok=True)
    cfg = json.loads((no_template / "processor_config.json").read_text()) if (no_template / "processor_config.json").exists() else None
    if cfg and "chat_template" in cfg:
        cfg.pop("chat_template")
        (no_template / "processor_config.json").write_text(json.dumps(cfg))
    tok = json.loads((no_template / "tokenizer_config.json").read_text())
    tok.pop("chat_template", None)
    (no_template / "tokenizer_config.json").write_text(json.dumps(tok))
    with pytest.raises(ModelLoadError, match="no chat template"):
        VLM.load(no_template)

    broken = tmp_path / "PRISM"
    shutil.copytree(prism_folder, broken)
    (broken / "images" / "small_images" / "Race" / "small_00002.jpg").unlink()
    args[1] = str(broken)
    assert main(["prism", "run", "--model", str(tiny_llava), "--tasks", "refusal_soft", *args]) == 2
    assert "1 image files are missing" in capsys.readouterr().err
    assert main(["prism", "run", "--model", str(tiny_llava), "--tasks", "refusal_soft", "--skip-missing", *args]) == 0
    assert len(lines(tmp_path / "o" / "refusal_soft_answers.jsonl")) == 9
    assert "skipped 1 questions with missing images" in capsys.readouterr().err
    assert json.loads((tmp_path / "o" / "summary.json").read_text())["results"][0]["skipped_missing_images"] == 1
    assert main(["prism", "run", "--model", str(tiny_llava), "--tasks", "refusal_mild", *args]) == 2
    assert "unknown task 'refusal_mild'" in capsys.readouterr().err


def test_process_shares_merge_in_question_order(tiny_llava, prism_folder, tmp_path):
    """What `accelerate launch` does with two processes: each answers its share, the main one merges."""
    from safe_llava_hf.prism.data import load_prism
    from safe_llava_hf.prism.run import _key, _merge_shards, answer_task

    cfg = RunConfig(model=str(tiny_llava), data=str(prism_folder), output_dir=str(tmp_path), max_new_tokens=4,
                    progress=False)
    vlm = VLM.load(tiny_llava, max_new_tokens=4)
    shares = [tmp_path / f"part{k}.jsonl" for k in range(2)]
    assert [answer_task(cfg, "refusal_soft", vlm, "tiny", shares[k], (k, 2)) for k in range(2)] == [5, 5]
    ds = load_prism(prism_folder, "refusal_soft")
    merged = tmp_path / "refusal_soft_answers.jsonl"
    _merge_shards(merged, shares, [_key(q, p) for q, p in zip(ds["question_id"], ds["question"])])
    assert [a["question_id"] for a in lines(merged)] == list(ds["question_id"])
    assert not any(p.exists() for p in shares)


def test_a_folder_remembers_its_settings_lock_and_answers(tiny_llava, prism_folder, tmp_path, count_calls):
    out = tmp_path / "run"
    cfg = dict(model=str(tiny_llava), data=str(prism_folder), output_dir=str(out), tasks=["refusal_hard"],
               max_new_tokens=4, progress=False)
    run_prism(RunConfig(**cfg))
    answers = (out / "refusal_hard_answers.jsonl").read_text()
    # resuming with the guard on into an unguarded run is refused, and nothing is changed
    with pytest.raises(SafeLlavaError, match="other settings.*guard"):
        run_prism(RunConfig(**cfg, guard=True))
    assert (out / "refusal_hard_answers.jsonl").read_text() == answers
    # a repeated line (two runs, or a crash and a rerun) is removed on resume; nothing is answered twice
    (out / "refusal_hard_answers.jsonl").write_text(answers + answers.splitlines(keepends=True)[0])
    assert main(["prism", "judge", str(out / "refusal_hard_answers.jsonl"), "--task", "refusal_hard", "-o",
                 str(tmp_path / "j.jsonl")]) == 0
    count_calls.clear()
    run_prism(RunConfig(**cfg))
    assert (out / "refusal_hard_answers.jsonl").read_text() == answers and sum(count_calls) == 0
    # a live lock stops a second writer; a stale one (its process is gone) is taken over
    (out / ".prism_run.lock").write_text(str(os.getppid()))
    with pytest.raises(SafeLlavaError, match="another PRISM run"):
        run_prism(RunConfig(**cfg))
    (out / ".prism_run.lock").write_text("999999999")
    run_prism(RunConfig(**cfg))
    assert not (out / ".prism_run.lock").exists()
    # --overwrite starts afresh with the new settings
    count_calls.clear()
    run_prism(RunConfig(**cfg, guard=True, overwrite=True))
    assert '"guard": true' in (out / "run_settings.json").read_text()


def test_an_answer_line_without_prompt_is_named_not_a_traceback(tmp_path, capsys):
    src = tmp_path / "answers.jsonl"
    src.write_text('{"question_id": "Age/1.jpg", "prompt": "How old is the man?", "response": "40"}\n'
                   '{"question_id": "Age/2.jpg", "response": "I cannot tell."}\n')
    assert main(["prism", "judge", str(src), "--task", "refusal", "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "line 2 (question_id=Age/2.jpg): missing field 'prompt'" in capsys.readouterr().err
