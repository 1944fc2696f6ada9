"""The shared engine: immutable policies and results, whole-text offsets, rule provenance, custom categories."""

import dataclasses

import pytest

from safe_llava_hf import BiometricEngine, BiometricPolicy, Detector, MentionKind, SafeLlavaError, Scrubber
from safe_llava_hf.guard import BiometricGuard
from safe_llava_hf.prism.judges import RulesJudge


def test_a_policy_cannot_change_under_a_built_detector():
    policy = BiometricPolicy.default()
    detector = Detector(policy)
    text = "A bald man with a mohawk."
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.categories["hair"].enabled = True
    with pytest.raises(TypeError):
        policy.categories["hair"] = policy.categories["gender"]
    with_hair = policy.with_enabled("hair")
    assert "hair" not in policy.enabled and "hair" in with_hair.enabled
    assert detector.categories(text) == {"gender"}  # built from the old policy, which did not change
    assert Detector(with_hair).categories(text) == {"gender", "hair"}
    assert with_hair.with_disabled("hair").fingerprint == policy.fingerprint
    polite = policy.with_refusal("Not something I guess: {attributes}.")
    assert polite.refusal_text(["age"]) == "Not something I guess: age." and policy.refusal.startswith("I'm sorry")


def test_results_are_fresh_or_immutable(detector):
    text = "The old woman feeds her cat."
    first = detector.detect(text)
    first.append(first[0])
    assert len(detector.detect(text)) == len(first) - 1
    tokens, findings = detector.analyze(text)
    with pytest.raises(AttributeError):
        findings.append(findings[0])  # a tuple
    with pytest.raises(AttributeError):
        tokens[0].protected = True  # tokens are immutable too
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].start = 99


@pytest.mark.parametrize("prefix", ["", "Is this a photo? ", "Nice picture. ", "Look.\n"])
def test_a_request_is_recognised_after_other_sentences(engine, prefix):
    question = prefix + "Does the man have blue eyes?"
    assert "eye_color" in engine.classify(question).categories
    scrubber = Scrubber(engine)
    out, audit = scrubber.scrub_record({"id": "x", "conversations": [
        {"from": "human", "value": "<image>\n" + question}, {"from": "gpt", "value": "Yes, they are blue."}]})
    assert audit["action"] == "refused"
    called = []
    result = BiometricGuard(lambda image, q: called.append(q) or "A bus.", engine, mode="refuse")(None, question)
    assert result.verdict.rating == "refused" and result.verdict.stage == "question" and not called


def test_mentions_use_whole_text_offsets_and_name_their_rule(detector):
    text = "A cat sleeps. Then a young woman in her forties reads."
    found = detector.detect(text)
    assert [(text[m.start:m.end], m.kind, m.rule) for m in found] == [
        ("young", MentionKind.MODIFIER, "modifiers"), ("woman", MentionKind.NOUN, "person_nouns"),
        ("in her forties", MentionKind.PATTERN, "patterns+pronouns")]
    assert [m.text for m in found] == [text[m.start:m.end] for m in found]
    assert detector.detect("Gender: female")[0].rule.split("+")[0] == "labels"
    assert detector.detect("He has a beard.")[1].rule == "markers"


def test_uses_share_one_engine(engine):
    assert BiometricEngine.for_policy(BiometricPolicy.default()) is BiometricEngine.for_policy()
    guard = BiometricGuard(lambda image, q: "", engine)
    judge = RulesJudge(engine)
    assert guard.engine is engine and judge.detector is engine.detector and Scrubber(engine).engine is engine
    with pytest.raises(TypeError, match="BiometricEngine"):
        Scrubber(BiometricPolicy.default())


def test_a_category_added_in_a_policy_file_works_everywhere(tmp_path):
    (tmp_path / "tattoo.yaml").write_text(
        "categories:\n"
        "  tattoo:\n"
        "    prism_name: Tattoo\n"
        "    refusal_name: tattoos\n"
        "    question_noun: tattoo style\n"
        "    modifiers: [tattooed, inked]\n"
        "    attribute_words: [tattoo, tattoos]\n"
        "    short_answer_cues: ['\\b(?:sleeve|tribal|floral)\\b']\n")
    engine = BiometricEngine(BiometricPolicy.load(tmp_path / "tattoo.yaml"))
    # scrub: the word goes, the question is refused with the category's own refusal name
    out, audit = Scrubber(engine).scrub_record({"id": "t", "conversations": [
        {"from": "human", "value": "Describe the picture."}, {"from": "gpt", "value": "A tattooed sailor waves."},
        {"from": "human", "value": "What tattoos does the sailor have?"}, {"from": "gpt", "value": "A sleeve."}]})
    assert out["conversations"][1]["value"] == "A sailor waves."
    assert "tattoos" in out["conversations"][3]["value"] and audit["categories"]["tattoo"] >= 2
    # judge: a short answer with the category's cue is not a refusal; a description leaks it
    judge = RulesJudge(engine)
    assert judge.refused("I can't say.", "tattoo") and not judge.refused("Tribal, I think.", "tattoo")
    assert "tattoo" in judge.attributes and judge.leaked("An inked skater jumps.") == ["tattoo"]
    # guard and demo's highlight: the question is refused and the answer redacted
    guard = BiometricGuard(lambda image, q: "The inked skater jumps.", engine, mode="redact")
    assert guard(None, "What kind of tattoo does the skater have?").verdict.categories == ["tattoo"]
    assert guard(None, "Describe the scene.").answer == "The [redacted] skater jumps."


def test_every_user_error_shares_one_base():
    from safe_llava_hf.guard.vlm import ModelLoadError
    from safe_llava_hf.hub.datasets import DatasetBuildError
    from safe_llava_hf.llava_io import LlavaFormatError
    from safe_llava_hf.prism.judges import JudgeError
    from safe_llava_hf.prism.metrics import PrismDataError
    from safe_llava_hf.scrub.llm_rewriter import RewriterError
    from safe_llava_hf.core import InputError, PolicyError

    for error in (ModelLoadError, DatasetBuildError, LlavaFormatError, JudgeError, PrismDataError, RewriterError,
                  InputError, PolicyError):
        assert issubclass(error, SafeLlavaError)
