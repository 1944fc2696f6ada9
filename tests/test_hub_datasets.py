import json
import sys
from pathlib import Path

import pytest
import yaml

datasets = pytest.importorskip("datasets")  # part of the dev install

from safe_llava_hf import scrub_file  # noqa: E402
from safe_llava_hf.hub.datasets import DatasetBuildError, push_folder, to_messages
from safe_llava_hf.prism.data import load_prism  # noqa: E402
from safe_llava_hf.sample import sample_path, write_prism_sample, write_sample_images  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dataset_scripts"))
import build_prism  # noqa: E402
import build_safe_llava  # noqa: E402


def card(folder):
    text = (Path(folder) / "README.md").read_text()
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1]), text


@pytest.mark.parametrize("layout, splits", [("v2", ("small", "large")), ("v1", ("test",))])
def test_build_prism_both_layouts(tmp_path, layout, splits):
    src = write_prism_sample(tmp_path / "src", layout)
    out = tmp_path / "out"
    assert build_prism.main([str(src), "--output-dir", str(out)]) == 0
    for split in splits:
        soft = datasets.load_dataset(str(out), "refusal_soft", split=split)
        leak = datasets.load_dataset(str(out), "implicit_leakage", split=split)
        assert len(soft) == 10 and len(leak) == 6
        row = soft[0]
        assert row["image"].size == (64, 64) and row["category"] == "Age"
        assert row["question"].startswith("What is the age of the person")
        assert set(soft.column_names) == {"question_id", "image", "question", "category", "subcategory"}
        assert (row["subcategory"] == "set1") == (layout == "v1")
    meta, text = card(out)
    assert [c["config_name"] for c in meta["configs"]] == ["refusal_soft", "refusal_hard", "implicit_leakage"]
    assert meta["configs"][0]["data_files"][0] == {"split": splits[0], "path": f"refusal_soft/{splits[0]}-*"}
    info = meta["dataset_info"][0]
    assert info["splits"][0]["num_examples"] == 10 and info["splits"][0]["num_bytes"] > 0
    assert {"name": "image", "dtype": "image"} in info["features"]
    assert meta["license"] and "visual-question-answering" in meta["task_categories"]
    assert "@article{safellava2025" in text


def test_prism_bad_input(tmp_path, capsys):
    src = write_prism_sample(tmp_path / "src", "v2")
    (src / "images" / "small_images" / "Age" / "small_00001.jpg").unlink()
    out = tmp_path / "out"
    assert build_prism.main([str(src), "--output-dir", str(out)]) == 2
    err = capsys.readouterr().err
    assert "1 image files are missing" in err and "small_00001.jpg" in err and "--skip-missing" in err
    assert not out.exists() and not list(tmp_path.glob(".out.*"))  # nothing half-written
    assert build_prism.main([str(src), "--output-dir", str(out), "--skip-missing"]) == 0
    assert len(datasets.load_dataset(str(out), "refusal_soft", split="small")) == 9
    assert "rows were skipped because their image file was missing" in card(out)[1]

    bad = src / "tasks" / "small_PRISM_refusal_hard.jsonl"
    bad.write_text(bad.read_text() + "{oops\n")
    assert build_prism.main([str(src), "--output-dir", str(out), "--skip-missing"]) == 2
    assert "small_PRISM_refusal_hard.jsonl: line 11 is not valid JSON" in capsys.readouterr().err
    assert build_prism.main([str(tmp_path), "--output-dir", str(tmp_path / "o2")]) == 2
    assert "not a PRISM folder" in capsys.readouterr().err


def test_prism_duplicates_are_reported(tmp_path, capsys):
    src = write_prism_sample(tmp_path / "src", "v1")
    path = src / "PRISM_refusal_soft.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[0]]) + "\n")
    assert build_prism.main([str(src), "--output-dir", str(tmp_path / "out")]) == 0
    assert "1 repeated question ids" in capsys.readouterr().err
    assert "question ids appear more than once" in card(tmp_path / "out")[1]


def test_load_prism_from_raw_built_folder(tmp_path):
    src = write_prism_sample(tmp_path / "src", "v2")
    raw = load_prism(src, "refusal_hard", "large")
    build_prism.main([str(src), "--output-dir", str(tmp_path / "out")])
    built = load_prism(tmp_path / "out", "refusal_hard", "large")
    assert raw["question_id"] == built["question_id"] and len(raw) == 10
    assert raw[3]["image"].tobytes() == built[3]["image"].tobytes()
    with pytest.raises(DatasetBuildError, match="has splits"):
        load_prism(src, "refusal_hard", "test")


def test_build_safe_llava_training_configs(tmp_path):
    images = write_sample_images(tmp_path / "images")
    scrub_file(sample_path(), tmp_path / "safe.json", progress=False)
    out = tmp_path / "out"
    assert build_safe_llava.main(["--instruct", str(tmp_path / "safe.json"), "--instruct-audit",
                                  str(tmp_path / "safe.audit.jsonl"), "--pretrain", str(sample_path()),
                                  "--image-root", str(images), "--output-dir", str(out)]) == 0
    ds = datasets.load_dataset(str(out), "instruct", split="train")
    assert len(ds) == 24 and ds.column_names == ["id", "image", "conversations", "messages", "images"]
    source = json.loads((tmp_path / "safe.json").read_text())
    assert ds["id"] == [r["id"] for r in source]
    for row in ds:
        parts = [p for m in row["messages"] for p in m["content"] if p["type"] == "image"]
        assert len(parts) == len(row["images"]) == 1
        assert [m["role"] for m in row["messages"]][:2] == ["user", "assistant"]
    assert ds[0]["messages"][1]["content"][0]["text"] == source[0]["conversations"][1]["value"]
    meta, text = card(out)
    assert [c["config_name"] for c in meta["configs"]] == ["pretrain", "instruct"]
    assert "24 records: 9 unchanged, 9 rewritten, 6 with refused answers" in text


def test_safe_llava_without_images_and_missing_images(tmp_path, capsys):
    out = tmp_path / "out"
    assert build_safe_llava.main(["--pretrain", str(sample_path()), "--output-dir", str(out)]) == 0
    ds = datasets.load_dataset(str(out), "pretrain", split="train")
    assert "images" not in ds.column_names and len(ds) == 24
    images = write_sample_images(tmp_path / "images")
    (images / "sample/street.jpg").unlink()
    assert build_safe_llava.main(["--pretrain", str(sample_path()), "--image-root", str(images), "--output-dir", str(out)]) == 2
    assert "1 image files are missing" in capsys.readouterr().err
    assert build_safe_llava.main(["--pretrain", str(sample_path()), "--image-root", str(images), "--output-dir", str(out),
                                  "--skip-missing"]) == 0
    assert len(datasets.load_dataset(str(out), "pretrain", split="train")) == 23


def test_messages_conversion():
    msgs, n = to_messages([{"from": "human", "value": "<image>\nWhat is this?"}, {"from": "gpt", "value": "A cat."}])
    assert n == 1
    assert msgs == [{"role": "user", "content": [{"type": "image", "text": None}, {"type": "text", "text": "What is this?"}]},
                    {"role": "assistant", "content": [{"type": "text", "text": "A cat."}]}]


def test_push_without_token_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    with pytest.raises(DatasetBuildError, match="needs a Hugging Face token"):
        push_folder(tmp_path, "me/prism")


def test_output_dir_that_is_not_a_build_is_refused(tmp_path, capsys):
    (tmp_path / "precious.txt").write_text("keep me")
    src = write_prism_sample(tmp_path / "src", "v2")
    assert build_prism.main([str(src), "--output-dir", str(tmp_path)]) == 2
    assert "not a dataset folder built by this tool" in capsys.readouterr().err
    assert (tmp_path / "precious.txt").exists()
