import json

import pytest

from safe_llava_hf import BiometricEngine, BiometricPolicy
from safe_llava_hf.guard import REDACTION, BiometricGuard, Verdict

LEAKY = "The young woman on the left has blue eyes and is holding a red umbrella."


def fixed(answer):
    calls = []

    def model(image, question):
        calls.append(question)
        return answer
    return model, calls


@pytest.mark.parametrize("question, category", [
    ("What is the race of the person in the picture?", "race"),
    ("How old is he?", "age"),
    ("Is this a boy or a girl?", "gender"),
    ("Can you tell me the ethnicity of the woman on the right?", "race"),
    ("What colour are her eyes?", "eye_color"),
    ("Roughly how much does the man weigh?", "weight"),
    ("Would you say she is overweight?", "weight"),
    ("Guess the age of the cyclist.", "age"),
    ("Does the person appear to be male or female?", "gender"),
])
def test_biometric_questions_are_refused_without_calling_the_model(question, category):
    model, calls = fixed(LEAKY)
    result = BiometricGuard(model)(None, question)
    assert result.verdict.rating == "refused" and result.verdict.stage == "question"
    assert category in result.verdict.categories
    assert result.answer.startswith("I'm sorry") and calls == [] and result.raw_answer is None


@pytest.mark.parametrize("question", [
    "What is the person holding?", "Describe the scene.", "How old is this building?", "What colour is the bus?",
    "How many people are in the picture?", "What is written on the sign?",
])
def test_neutral_questions_reach_the_model(question):
    model, calls = fixed("A red bus passes an old building.")
    result = BiometricGuard(model)(None, question)
    assert calls == [question]
    assert result.answer == "A red bus passes an old building." and result.verdict.rating == "safe"


def test_modes_on_a_leaking_answer():
    model, _ = fixed(LEAKY)
    redacted = BiometricGuard(model, mode="redact")(None, "Describe the picture.")
    assert redacted.answer == f"The {REDACTION} {REDACTION} on the left has {REDACTION} eyes and is holding a red umbrella."
    assert redacted.verdict.rating == "redacted" and redacted.verdict.categories == ["gender", "age", "eye_color"]
    assert [s.text for s in redacted.verdict.spans] == ["young", "woman", "blue"]
    assert redacted.raw_answer == LEAKY
    rewritten = BiometricGuard(model, mode="rewrite")(None, "Describe the picture.")
    assert rewritten.answer == "The person on the left is holding a red umbrella." and rewritten.verdict.rating == "rewritten"
    refused = BiometricGuard(model, mode="refuse")(None, "Describe the picture.")
    assert refused.answer.startswith("I'm sorry") and "gender, age and eye colour" in refused.answer


def test_non_person_uses_are_untouched():
    text = "A white shirt hangs by an old barn; a black dog with blue eyes sleeps near a man-made pond."
    model, _ = fixed(text)
    result = BiometricGuard(model)(None, "Describe the picture.")
    assert result.answer == text and result.verdict.rating == "safe" and result.verdict.spans == []


def test_verdict_json_schema_is_stable():
    model, _ = fixed(LEAKY)
    d = BiometricGuard(model)(None, "Describe the picture.").to_dict()
    assert json.loads(json.dumps(d)) == d
    assert set(d) == {"answer", "verdict", "raw_answer"}
    assert list(d["verdict"]) == ["rating", "stage", "categories", "spans", "rationale", "schema_version"]
    assert set(d["verdict"]["spans"][0]) == {"start", "end", "text", "categories"}
    assert d["verdict"]["schema_version"] == 1 and "young" in d["verdict"]["rationale"]


def test_policy_is_shared(tmp_path):
    (tmp_path / "p.yaml").write_text("categories:\n  age: {enabled: false}\n")
    model, calls = fixed("A young person smiles.")
    guard = BiometricGuard(model, BiometricEngine(BiometricPolicy.load(tmp_path / "p.yaml")))
    assert guard(None, "How old is she?").verdict.rating == "safe" and calls
    assert guard(None, "Describe.").answer == "A young person smiles."


def test_batches_keep_order_and_wrap_a_pipeline_like_object():
    class FakePipeline:
        task = "image-text-to-text"

        def __call__(self, text, return_full_text, generate_kwargs):
            return [{"generated_text": "She is smiling at " + text[0]["content"][1]["text"]}]

    guard = BiometricGuard(FakePipeline(), mode="rewrite")
    results = guard.answer([None, None, None], ["What race is she?", "the camera", "What is she holding?"])
    assert [r.verdict.rating for r in results] == ["refused", "rewritten", "rewritten"]
    assert results[1].answer == "They are smiling at the camera"


def test_bad_mode_and_model():
    with pytest.raises(ValueError, match="mode must be one of"):
        BiometricGuard(lambda i, q: "", mode="block")
    with pytest.raises(TypeError, match="callable"):
        BiometricGuard(42)
    assert isinstance(Verdict("safe", "answer").to_dict(), dict)
