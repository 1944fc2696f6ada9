import json

import pytest

from safe_llava_hf import BiometricEngine, Scrubber
from safe_llava_hf.cli import main
from safe_llava_hf.scrub.llm_rewriter import HFRewriter, RewriterError, load_rewriter

ORIGINAL = "An old man walks his dog past a red car."
RULES = "A person walks their dog past a red car."


class FixedRewriter(HFRewriter):
    """The real checks and bookkeeping, with a canned model answer."""

    def __init__(self, answer):
        super().__init__(model=None, tokenizer=None, engine=BiometricEngine())
        self.answer = answer

    def generate(self, text):
        return self.answer


@pytest.mark.parametrize("answer, verdict", [
    ("Someone walks their dog past a red car.", "accepted"),
    ("An elderly person walks their dog past a red car.", "leak"),
    ("A person walks past.", "lost_content"),
    ("A person walks their dog past a red car near a bakery with flowers and bicycles.", "invented"),
    ("   ", "empty"),
])
def test_checks_decide_between_model_and_rules(answer, verdict):
    rewriter = FixedRewriter(answer)
    text, got = rewriter.improve(ORIGINAL, RULES)
    assert got == verdict
    assert text == (answer if verdict == "accepted" else RULES)
    assert rewriter.stats[verdict] == 1


def test_scrubber_uses_rewriter_and_audits_verdicts():
    scrubber = Scrubber(rewriter=FixedRewriter("Someone walks their dog past a red car."))
    out, audit = scrubber.scrub_record({"id": "1", "image": "1.jpg", "conversations": [
        {"from": "human", "value": "<image>\nDescribe."}, {"from": "gpt", "value": ORIGINAL}]})
    assert out["conversations"][1]["value"] == "Someone walks their dog past a red car."
    assert audit["turns"][0]["rewriter"] == ["accepted"]


def test_tiny_offline_model_runs_and_falls_back(tiny_lm, tmp_path, capsys):
    rewriter = load_rewriter(f"hf:{tiny_lm}", BiometricEngine())
    text, verdict = rewriter.improve(ORIGINAL, RULES)
    assert verdict != "accepted" and text == RULES  # a random model's words never pass the checks
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"id": "1", "image": "1.jpg", "conversations": [
        {"from": "human", "value": "Describe."}, {"from": "gpt", "value": ORIGINAL}]}]))
    assert main(["scrub", str(src), "-o", str(tmp_path / "o.json"), "--rewriter", f"hf:{tiny_lm}", "--no-progress"]) == 0
    assert json.loads((tmp_path / "o.json").read_text())[0]["conversations"][1]["value"] == RULES
    assert "rewriter verdicts:" in capsys.readouterr().out


def test_bad_rewriter_specs(tmp_path):
    with pytest.raises(RewriterError, match="use hf:"):
        load_rewriter("openai:gpt", BiometricEngine())
    with pytest.raises(RewriterError, match="cannot load rewriter model"):
        load_rewriter(f"hf:{tmp_path / 'missing'}", BiometricEngine())
