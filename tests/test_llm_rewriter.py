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
    for spec in ("vllm:gpt", "openai:", "hf:"):
        with pytest.raises(RewriterError, match="use hf:MODEL_ID_OR_PATH or openai:MODEL"):
            load_rewriter(spec, BiometricEngine())
    with pytest.raises(RewriterError, match="cannot load rewriter model"):
        load_rewriter(f"hf:{tmp_path / 'missing'}", BiometricEngine())


def test_openai_rewriter_accepts_checks_and_falls_back(chat_server, monkeypatch):
    key = "sk-rewriter-secret-42"
    replies = ["Someone walks their dog past a red car.", "An elderly person walks a dog.", 400]
    chat_server.reply = lambda body: replies.pop(0)
    monkeypatch.setenv("OPENAI_BASE_URL", chat_server.url)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    rewriter = load_rewriter("openai:tiny-chat", BiometricEngine())
    rewriter.client.max_retries = 0
    assert rewriter.improve(ORIGINAL, RULES) == ("Someone walks their dog past a red car.", "accepted")
    assert rewriter.improve(ORIGINAL, RULES) == (RULES, "leak")
    assert rewriter.improve(ORIGINAL, RULES) == (RULES, "failed")
    assert dict(rewriter.stats) == {"accepted": 1, "leak": 1, "failed": 1}
    auth, body = chat_server.calls[0]
    assert auth == f"Bearer {key}" and body["model"] == "tiny-chat" and body["temperature"] == 0
    assert ORIGINAL in body["messages"][0]["content"] and key not in repr(rewriter.client)


def test_openai_rewriter_needs_a_key(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(RewriterError, match="OPENAI_API_KEY"):
        load_rewriter("openai:tiny-chat", BiometricEngine())
