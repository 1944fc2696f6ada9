"""The tools never destroy data: bad paths, hostile JSON and killed runs end in clear errors, not losses."""

import json
import subprocess
import sys
import time

import pytest

from safe_llava_hf.cli import main
from safe_llava_hf.llava_io import AtomicRecordWriter

RECORD = {"id": "a", "image": "a.jpg", "conversations": [{"from": "human", "value": "<image>\nDescribe it."},
                                                        {"from": "gpt", "value": "A woman rides a horse."}]}


@pytest.fixture
def src(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([RECORD]))
    return path


@pytest.mark.parametrize("extra, message", [
    (["-o", "{src}"], "would overwrite the input"),
    (["-o", "{dir}/out.json", "--audit", "{src}"], "audit would overwrite the input"),
    (["-o", "{dir}/out.json", "--audit", "{dir}/out.json"], "audit would overwrite the output"),
    (["-o", "{dir}"], "is a folder"),
])
def test_scrub_refuses_paths_that_destroy_data(src, tmp_path, capsys, extra, message):
    before = src.read_bytes()
    args = [a.format(src=src, dir=tmp_path) for a in extra]
    assert main(["scrub", str(src), *args, "--no-progress"]) == 2
    assert message in capsys.readouterr().err
    assert src.read_bytes() == before


def test_unwritable_place_and_folder_input(src, tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    assert main(["scrub", str(src), "-o", str(blocker / "out.json"), "--no-progress"]) == 2
    assert "cannot write here" in capsys.readouterr().err
    assert main(["scrub", str(tmp_path), "-o", str(tmp_path / "o.json"), "--no-progress"]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    ("[" + "[" * 100_000 + "]" * 100_000 + "]", "nested too deeply"),
    ('[{"id": "x", "score": NaN, "conversations": []}]', "NaN is not valid JSON"),
    ('{"id": "x", "score": Infinity, "conversations": []}\n', "Infinity is not valid JSON"),
])
def test_hostile_json_is_an_error_not_a_crash(tmp_path, capsys, content, message):
    path = tmp_path / ("in.jsonl" if content.startswith("{") else "in.json")
    path.write_text(content)
    assert main(["scrub", str(path), "-o", str(tmp_path / "out.json"), "--no-progress"]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_killed_runs_leave_no_temporary_files(src, tmp_path):
    out = tmp_path / "out.json"
    stale = tmp_path / ".out.json.999999999.abcd.tmp"  # left by a run that was killed (its process is gone)
    stale.write_text("[")
    with AtomicRecordWriter(out, "json") as w:
        w.write(RECORD)
    assert not stale.exists() and json.loads(out.read_text()) == [RECORD]
    # SIGTERM ends a scrub like Ctrl-C: the temporary file goes with it
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps({**RECORD, "id": str(i)}) for i in range(200_000)))
    proc = subprocess.Popen([sys.executable, "-m", "safe_llava_hf.cli", "scrub", str(big), "-o", str(tmp_path / "b.jsonl"),
                             "--no-progress"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".b.jsonl.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the scrub ended before it could be stopped"
    proc.terminate()
    assert proc.wait(timeout=30) == 130
    assert not list(tmp_path.glob(".b.jsonl.*.tmp")) and not (tmp_path / "b.jsonl").exists()


def test_corrupt_prism_pictures_are_named_or_skipped(prism_folder, tmp_path):
    import shutil

    from safe_llava_hf import SafeLlavaError
    from safe_llava_hf.hub.datasets import BuildReport
    from safe_llava_hf.prism.data import load_prism

    broken = tmp_path / "PRISM"
    shutil.copytree(prism_folder, broken)
    picture = next((broken / "images" / "small_images").rglob("*.jpg"))
    picture.write_bytes(b"\xff\xd8 this is not a jpeg")
    with pytest.raises(SafeLlavaError, match="not a readable picture"):
        load_prism(broken, "refusal_soft")
    report = BuildReport()
    ds = load_prism(broken, "refusal_soft", skip_missing=True, report=report)
    assert any(picture.name in s for s in report.skipped) and len(ds) == len(load_prism(prism_folder, "refusal_soft")) - 1
